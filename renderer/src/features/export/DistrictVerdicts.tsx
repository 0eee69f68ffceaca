import type { PackageVerdict } from '../../../../electron/core/io/export/district.shared';
import { verdictWord } from './DistrictOverlaps';

const RED = { color: '#b3261e', fontWeight: 700 } as const;

/**
 * 核验结果: one row per package, a handful at most, every word of a path, reason or log position shown. A plain table
 * and not a DataGrid: the grid sized its rows from one wrapped column and cut another's text (issue 14, the first row cut
 * after 「替换」 on 2 loads in 3); a table's rows are as tall as their tallest cell, by the browser's own layout.
 */
export function DistrictVerdicts({ packages }: { packages: PackageVerdict[] }) {
  if (packages.length === 0) return <p className="hint">没有核验任何上报包。</p>;
  return (
    <table className="plain verdicts">
      <thead>
        <tr>
          <th>文件</th>
          <th>街道办事处</th>
          <th>结果</th>
          <th>原因</th>
          <th>操作日志</th>
        </tr>
      </thead>
      <tbody>
        {packages.map((p, i) => (
          <tr key={`${i}:${p.path}`}>
            <td className="path">{p.path}</td>
            <td>{p.officeName}</td>
            <td style={p.ok && p.counted ? undefined : RED}>{verdictWord(p)}</td>
            {/* A package held back for the clerk's answer points to the question above; an answered one says the choice. */}
            <td>{p.reason ?? (p.overlap ? (p.overlap.decided === null ? '统计期与已汇总的包重叠（见上方「请确认」）' : p.overlap.text) : null)}</td>
            {/* A log that went back says so here, in red, instead of the position; the sentence is in the box above, said once. */}
            <td style={p.auditFlag ? RED : undefined}>{p.auditFlag ? '与同一街道之前报送的包对不上（见上方「请注意」）' : p.audit}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
