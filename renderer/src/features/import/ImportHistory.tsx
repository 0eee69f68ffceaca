import { useState } from 'react';
import type { ImportLogEntry } from '../../../../electron/core/io/import/contract';
import { DUPLICATE_LABELS } from '../../../../electron/core/io/import/contract';
import { formatLabel } from '../../../../electron/core/io/import/source-format.shared';
import { TARGETS } from '../../../../electron/core/io/import/fields.shared';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { formatInstant } from '../../kit/datetime';
import { revealOnMount } from '../../kit/reveal';
import { COUNT_LABELS } from './PreviewPanel';
import { RejectedSave } from './RejectedRows';

/**
 * What became of the rows, in words (「新增 2，无变化 1」): the outcomes that happened; 总行数 and 退回 have columns of
 * their own. A pasted 接龙's repeats merged into their first row are in no count: said last (「合并重复 4 条」,
 * migration 079), or 总行数 is the list's entries less them with nothing to say why.
 */
const OUTCOMES = COUNT_LABELS.filter(([k]) => k !== 'total' && k !== 'rejected');
const outcomeWords = (e: ImportLogEntry): string =>
  [
    ...OUTCOMES.filter(([k]) => e[k] > 0).map(([k, l]) => `${l} ${e[k].toLocaleString('zh-CN')}`),
    ...(e.merged > 0 ? [`合并重复 ${e.merged.toLocaleString('zh-CN')} 条`] : []),
  ].join('，') || '无';

/**
 * Every import: which file (and its hash), who, when, into what, with what result. At 1366×768 every column shown fits
 * the screen unscrolled (the five outcome counts stood in columns of their own, 1740 px in all: 「跳过」 cut at the edge):
 * the outcomes in words, long labels wrapped, the file's fingerprint under 「显示列」. The words cannot be sorted, so each
 * count is also a column of its own under 「显示列」 (「哪次导入待核实的最多」 is a sort on 待核实).
 */
export function ImportHistory({ onStart }: { onStart: () => void }) {
  const history = useQuery('import.history', { limit: 500 });
  // The rows an import sent back stay with its record: they can be saved again here, long after the import.
  const [resave, setResave] = useState<ImportLogEntry | null>(null);
  return (
    <div className="panel">
      {history.error && (
        <p className="error" role="alert">
          {history.error}
        </p>
      )}
      {(history.data?.rows.length ?? 0) > 1 && (
        <p className="hint" style={{ marginTop: 0 }}>
          「结果」按文字列出新增、更新、无变化、跳过、待核实；要按其中一项排序（例如哪次导入待核实的最多），在「显示列」里勾选这一项，再点它的列标题。
        </p>
      )}
      <DataGrid<ImportLogEntry>
        label="导入记录"
        height={480}
        rowData={history.data?.rows}
        empty={{
          text: '还没有导入过表格。社区报来的 Excel、WPS 表格或 CSV 都从「导入表格」进来，每次导入都记在这里。',
          action: { label: '导入表格', onClick: onStart },
        }}
        getRowId={(p) => String(p.data.id)}
        chooseColumns
        columnDefs={[
          { field: 'at', headerName: '时间', width: 150, pinned: 'left', valueFormatter: (p) => formatInstant(p.value as string) },
          { field: 'fileName', headerName: '文件', flex: 2, minWidth: 150, wrapText: true, autoHeight: true },
          {
            field: 'fileFormat',
            headerName: '格式',
            flex: 1,
            minWidth: 120,
            wrapText: true,
            autoHeight: true,
            valueGetter: (p) => (p.data ? formatLabel(p.data.fileFormat, p.data.fileName) : ''),
          },
          {
            field: 'target',
            headerName: '导入内容',
            width: 110,
            wrapText: true,
            autoHeight: true,
            valueFormatter: (p) => TARGETS[p.value as ImportLogEntry['target']]?.label ?? String(p.value),
          },
          { field: 'displayName', headerName: '操作人', width: 90 },
          { field: 'total', headerName: '总行数', width: 80 },
          {
            colId: 'outcomes',
            headerName: '结果',
            flex: 1,
            minWidth: 140,
            wrapText: true,
            autoHeight: true,
            sortable: false,
            valueGetter: (p) => (p.data ? outcomeWords(p.data) : ''),
          },
          ...OUTCOMES.map(([k, l]) => ({ field: k, headerName: l, width: 84, hide: true, type: 'numericColumn' })),
          {
            field: 'rejected',
            headerName: '退回',
            width: 140,
            cellRenderer: (p: { data?: ImportLogEntry }) =>
              p.data && p.data.rejected > 0 ? (
                <span style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
                  {p.data.rejected}
                  <button type="button" className="link" aria-label={`保存${p.data.fileName}的退回表格`} onClick={() => setResave(p.data!)}>
                    保存退回表格
                  </button>
                </span>
              ) : (
                (p.data?.rejected ?? '')
              ),
          },
          {
            field: 'onDuplicate',
            headerName: '重复处理',
            width: 120,
            wrapText: true,
            autoHeight: true,
            valueFormatter: (p) => DUPLICATE_LABELS[p.value as ImportLogEntry['onDuplicate']] ?? '',
          },
          { field: 'fileHash', headerName: '文件指纹', width: 120, hide: true, valueFormatter: (p) => String(p.value).slice(0, 12) },
        ]}
      />
      {resave && (
        <section className="panel" aria-label="保存退回表格" key={resave.id} ref={revealOnMount}>
          <h2>
            {resave.fileName}（{formatInstant(resave.at)}）退回的 {resave.rejected} 行
          </h2>
          <RejectedSave importId={resave.id} fileName={resave.fileName} askAtOnce />
        </section>
      )}
    </div>
  );
}
