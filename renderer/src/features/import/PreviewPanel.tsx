import type { ConflictView, ImportCounts, PreviewResult, SheetCounts } from '../../../../electron/core/io/import/contract';
import { DataGrid } from '../../kit/grid/DataGrid';
import { formatInstant } from '../../kit/datetime';
import { RejectedGrid, RejectedNote } from './RejectedRows';
import { SheetsLeftOut } from './SheetsLeftOut';

/** An import's counts by their names on screen, in the order the preview, the report and 导入记录 say them. */
export const COUNT_LABELS: [keyof ImportCounts, string][] = [
  ['total', '总行数'],
  ['created', '新增'],
  ['updated', '更新'],
  ['unchanged', '无变化'],
  ['skipped', '跳过'],
  ['flagged', '待核实'],
  ['rejected', '退回'],
];

/** A pasted 接龙's repeats, merged into their first row: counted apart from the rows sent back, shown only when there are any. */
export const MERGED_LABEL = '重复，已合并';

export function Counts({ counts, label, merged = 0 }: { counts: ImportCounts; label: string; merged?: number }) {
  const shown: [string, string, number][] = COUNT_LABELS.map(([k, l]) => [k, l, counts[k]]);
  if (merged > 0) shown.push(['merged', MERGED_LABEL, merged]);
  return (
    <dl className="toolbar" aria-label={label}>
      {shown.map(([k, l, n]) => (
        <div key={k} className="panel" style={{ minWidth: 90, textAlign: 'center', margin: 0 }}>
          <dt>{l}</dt>
          <dd style={{ fontSize: 22, fontWeight: 700, margin: 0 }} data-count={k}>
            {n.toLocaleString('zh-CN')}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Preview and report of an import by sheets: each sheet's community and counts, under the sums. */
export function SheetCountsTable({ sheets, label }: { sheets: readonly SheetCounts[]; label: string }) {
  if (sheets.length === 0) return null;
  return (
    <table aria-label={label} className="sheet-counts" style={{ margin: '8px 0', borderCollapse: 'collapse' }}>
      <thead>
        <tr>
          <th align="left" style={{ paddingRight: 12 }}>
            工作表
          </th>
          <th align="left" style={{ paddingRight: 12 }}>
            社区
          </th>
          {COUNT_LABELS.map(([k, l]) => (
            <th key={k} align="right" style={{ padding: '0 8px' }}>
              {l}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sheets.map((s) => (
          <tr key={s.sheet} style={{ borderTop: '1px solid var(--line)' }}>
            <td style={{ paddingRight: 12 }}>{s.sheet}</td>
            <td style={{ paddingRight: 12 }}>{s.community}</td>
            {COUNT_LABELS.map(([k]) => (
              <td key={k} align="right" style={{ padding: '0 8px' }}>
                {s.counts[k].toLocaleString('zh-CN')}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const OUTCOME: Record<ConflictView['outcome'], string> = { updated: '将更新', skipped: '将跳过', flagged: '两条都保留，待核实' };
const SAMPLE_OUTCOME: Record<PreviewResult['sample'][number]['outcome'], string> = { created: '新增', updated: '更新', unchanged: '无变化' };
type SampleRow = PreviewResult['sample'][number];

export function PreviewPanel({ preview }: { preview: PreviewResult }) {
  return (
    <div>
      <Counts counts={preview.counts} label="预览结果" merged={preview.merged} />
      <SheetCountsTable sheets={preview.sheets} label="各工作表的预览数" />
      <SheetsLeftOut sheets={preview.sheetsLeftOut} committed={false} />
      {preview.alreadyImported && (
        <p className="notice" role="status">
          这个文件（内容完全相同）已在 {formatInstant(preview.alreadyImported.at)} 由 {preview.alreadyImported.displayName} 导入过，再次导入不会有任何改动。
        </p>
      )}
      {preview.yearFromFile && (
        <p className="notice" role="status">
          有 {preview.yearFromFile.rows.toLocaleString('zh-CN')} 行的日期只写了月日（如「2月10日」），已按表格标题或文件名中的 {preview.yearFromFile.year}{' '}
          年读取。请在下方「写入后在台账中的样子」中核对；年份不对时，请在表格中写上完整日期后重新导入。
        </p>
      )}
      {preview.readNotes.length > 0 && (
        <div className="notice" role="status" aria-label="读取说明" style={{ margin: '1em 0' }}>
          {preview.readNotes.map((line) => (
            <p key={line} style={{ margin: 0 }}>
              {line}
            </p>
          ))}
        </div>
      )}
      {preview.rejected.length > 0 && (
        <div className="panel">
          <h2>将退回的行（{preview.counts.rejected.toLocaleString('zh-CN')}）</h2>
          <RejectedNote count={preview.counts.rejected} committed={false} />
          <RejectedGrid rows={preview.rejected} headers={preview.headers} height={260} />
        </div>
      )}
      {preview.sample.length > 0 && (
        <div className="panel">
          <h2>写入后在台账中的样子（前 {preview.sample.length} 行，个人信息已打码）</h2>
          <DataGrid<SampleRow>
            label="将写入的行"
            height={220}
            rowData={preview.sample}
            empty={{ text: '没有将写入的行。' }}
            getRowId={(p) => String(p.data.rowNumber)}
            columnDefs={[
              { field: 'rowNumber', headerName: '行号', width: 80 },
              { headerName: '处理', width: 90, valueGetter: (p) => (p.data ? SAMPLE_OUTCOME[p.data.outcome] : '') },
              // No width: each column fits its header or its widest value (a masked ID number is 18 characters).
              ...Object.keys(preview.sample[0]!.shown).map((k) => ({
                headerName: k,
                valueGetter: (p: { data?: SampleRow }) => p.data?.shown[k] ?? '',
              })),
            ]}
          />
        </div>
      )}
      {preview.conflicts.length > 0 && (
        <div className="panel">
          <h2>与台账已有记录相同的人（逐项对照）</h2>
          <DataGrid<ConflictView>
            label="重复对照"
            height={240}
            rowData={preview.conflicts}
            empty={{ text: '没有与台账已有记录相同的人。' }}
            getRowId={(p) => String(p.data.rowNumber)}
            columnDefs={[
              { field: 'rowNumber', headerName: '行号', width: 80 },
              { headerName: '处理', width: 150, valueGetter: (p) => (p.data ? OUTCOME[p.data.outcome] : '') },
              {
                headerName: '台账中',
                flex: 2,
                valueGetter: (p) =>
                  p.data
                    ? Object.entries(p.data.existing)
                        .map(([k, v]) => `${k}：${v}`)
                        .join('  ')
                    : '',
              },
              {
                headerName: '文件中',
                flex: 2,
                valueGetter: (p) =>
                  p.data
                    ? Object.entries(p.data.incoming)
                        .map(([k, v]) => `${k}：${v}`)
                        .join('  ')
                    : '',
              },
            ]}
          />
        </div>
      )}
    </div>
  );
}
