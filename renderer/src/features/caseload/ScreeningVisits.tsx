import { SCREENING_LABELS } from '../../../../electron/core/caseload/codes.shared';
import type { ScreeningVisitRow } from '../../../../electron/core/caseload/list-types.shared';

/** Where a visit was entered: 人员台账's row, an 入户排查结果 sheet by its file, or the latest visit the ledger held before visits were kept. */
function sourceOf(v: ScreeningVisitRow): string {
  if (v.source === 'import') return v.sourceFile ? `导入：${v.sourceFile}` : '导入';
  return v.source === 'edit' ? '人员台账' : '升级前的记录';
}

/**
 * 入户排查记录: every visit to the household, the latest first (households.visits). Coverage counts a household as
 * 已排查 from its first 已排查 visit, whatever later visits found: the list shows why it counts.
 */
export function ScreeningVisits({ visits }: { visits: readonly ScreeningVisitRow[] }) {
  if (visits.length === 0) return <p className="field-note">这一户还没有入户排查记录。</p>;
  return (
    <table className="screening-visits" aria-label="入户排查记录">
      <caption>入户排查记录（最近的在前）</caption>
      <thead>
        <tr>
          <th>排查日期</th>
          <th>排查状态</th>
          <th>排查人</th>
          <th>排查结果</th>
          <th>来源</th>
        </tr>
      </thead>
      <tbody>
        {visits.map((v) => (
          <tr key={v.visitedOn}>
            <td className="whole-day">{v.visitedOn}</td>
            <td>{SCREENING_LABELS[v.status]}</td>
            <td>{v.visitedBy ?? ''}</td>
            <td>{v.result ?? ''}</td>
            <td>{sourceOf(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
