import type { ExportLogRow } from '../../../../electron/core/io/export/contract';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { formatInstant } from '../../kit/datetime';

/** Which scheduled report a package answered: 「重点人员周报（应报 2020-02-28）」, or — for 临时报送 (or one sent before the choice). */
const answered = (r: ExportLogRow | undefined): string => (r?.scheduleTitle && r.dueDay ? `${r.scheduleTitle}（应报 ${r.dueDay}）` : '—');

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
          { field: 'at', headerName: '时间', width: 150, pinned: 'left', valueFormatter: (p) => formatInstant(p.value as string | null) },
          { field: 'username', headerName: '操作人', width: 90 },
          { headerName: '统计期间', valueGetter: (p) => (p.data ? `${p.data.periodFrom} 至 ${p.data.periodTo}` : ''), width: 200 },
          { headerName: '类型', valueGetter: (p) => (p.data?.isCorrection ? '更正' : '首次上报'), width: 90 },
          { headerName: '表格数', valueGetter: (p) => p.data?.formIds.length ?? 0, width: 80 },
          { headerName: '对应定期报表', valueGetter: (p) => answered(p.data), width: 170, wrapText: true, autoHeight: true },
          { field: 'destination', headerName: '保存位置', flex: 2, minWidth: 160, wrapText: true, autoHeight: true },
          { field: 'sha256', headerName: '文件指纹（SHA-256）', width: 180, valueFormatter: (p) => String(p.value ?? '').slice(0, 16) },
        ]}
      />
    </div>
  );
}
