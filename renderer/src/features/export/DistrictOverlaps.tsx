import { OVERLAP_CHOICE_LABELS, type OverlapChoice, type PackageVerdict } from '../../../../electron/core/io/export/district.shared';

export const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** 结果 as the 核验结果 grid says it: counted or not, and why not in one or two words. */
export function verdictWord(p: PackageVerdict): string {
  if (!p.ok) return '拒收';
  if (p.counted) return p.overlap?.decided === 'replace' ? '通过（已替换）' : p.correction ? '通过（更正）' : '通过';
  return p.overlap?.decided === 'keepOut' ? '通过（不合并）' : '待确认';
}

/**
 * Later packages of an office whose period overlaps one already merged: held back until the clerk answers. Each
 * says both periods and generation times (the core's words) and offers 「替换」 / 「不合并这个」; the answer is sent with
 * the next 核验, which is run at once.
 */
export function OverlapQuestions({
  packages,
  busy,
  onChoose,
}: {
  packages: PackageVerdict[];
  busy: boolean;
  onChoose: (packageId: string, choice: OverlapChoice) => void;
}) {
  const asked = packages.filter((p) => p.ok && p.overlap?.decided === null && p.packageId);
  if (asked.length === 0) return null;
  return (
    <div className="panel audit-flags" role="alert" aria-label="统计期重叠">
      <h2>请确认：{asked.length === 1 ? '有 1 个上报包' : `有 ${asked.length} 个上报包`}与同一街道已汇总的包统计期重叠，暂未计入汇总</h2>
      <ul>
        {asked.map((p) => (
          <li key={p.packageId}>
            <strong>{p.officeName}</strong>（{fileName(p.path)}）：{p.overlap!.text}
            <div className="toolbar">
              <button type="button" className="primary" disabled={busy} onClick={() => onChoose(p.packageId!, 'replace')}>
                {OVERLAP_CHOICE_LABELS.replace}
              </button>
              <button type="button" disabled={busy} onClick={() => onChoose(p.packageId!, 'keepOut')}>
                {OVERLAP_CHOICE_LABELS.keepOut}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
