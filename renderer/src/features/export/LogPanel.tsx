import type { ExportLogRow } from '../../../../electron/core/io/export/contract';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { formatInstant } from '../../kit/datetime';

/** 上报记录: every package written — who, when, period, forms, where, hash; corrections marked. */
export function LogPanel({ onStart }: { onStart: () => void }) {
  const log = useQuery('export.log', { limit: 500 });
  return (
    <div className="panel">
      <h2>上报记录（共 {log.data?.total ?? 0} 次）</h2>
      <DataGrid<ExportLogRow>
        label="上报记录"
        height={480}
        rowData={log.data?.rows}
        empty={{ text: '还没有生成过上报包。到「生成上报包」选好期间和报表，写入 U 盘。', action: { label: '去生成上报包', onClick: onStart } }}
        getRowId={(p) => String(p.data.id)}
        columnDefs={[
          { field: 'at', headerName: '时间', width: 160, pinned: 'left', valueFormatter: (p) => formatInstant(p.value as string | null) },
          { field: 'username', headerName: '操作人', width: 100 },
          { headerName: '统计期间', valueGetter: (p) => (p.data ? `${p.data.periodFrom} 至 ${p.data.periodTo}` : ''), width: 200 },
          { headerName: '类型', valueGetter: (p) => (p.data?.isCorrection ? '更正' : '首次上报'), width: 100 },
          { headerName: '表格数', valueGetter: (p) => p.data?.formIds.length ?? 0, width: 90 },
          { field: 'destination', headerName: '保存位置', flex: 2, minWidth: 240, wrapText: true, autoHeight: true },
          { field: 'sha256', headerName: '文件指纹（SHA-256）', width: 180, valueFormatter: (p) => String(p.value ?? '').slice(0, 16) },
        ]}
      />
    </div>
  );
}
