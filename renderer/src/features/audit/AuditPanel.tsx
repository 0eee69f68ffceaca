import { useState } from 'react';
import type { AuditRow } from '../../../../electron/core/audit/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';

/** Who changed what, when; and whether the hash chain is still intact. */
export function AuditPanel() {
  const log = useQuery('audit.list', { offset: 0, limit: 200 });
  const [verdict, setVerdict] = useState<{ ok: boolean; text: string } | null>(null);
  const verify = () =>
    void call('audit.verify', {})
      .then((r) =>
        setVerdict(r.intact ? { ok: true, text: `日志完整：共 ${r.rows} 条，未发现篡改。` } : { ok: false, text: `日志已被改动：从第 ${r.firstBrokenId} 条起校验不通过（共 ${r.rows} 条）。` }),
      )
      .catch((e: unknown) => setVerdict({ ok: false, text: errorMessage(e) }));
  return (
    <div className="panel">
      <div className="toolbar">
        <button onClick={verify}>校验日志完整性</button>
        {verdict && <span className={verdict.ok ? 'ok' : 'error'} role="status">{verdict.text}</span>}
      </div>
      <p>共 {log.data?.total ?? 0} 条操作记录（显示最近 200 条）</p>
      <DataGrid<AuditRow>
        label="操作日志"
        height={460}
        rowData={log.data?.rows ?? []}
        getRowId={(p) => String(p.data.id)}
        columnDefs={[
          { field: 'id', headerName: '序号', width: 80 },
          { field: 'at', headerName: '时间', width: 190, valueFormatter: (p) => new Date(String(p.value)).toLocaleString('zh-CN') },
          { field: 'username', headerName: '操作人', width: 110 },
          { field: 'channel', headerName: '操作', width: 190 },
          { field: 'entity', headerName: '对象', width: 110 },
          { field: 'entityId', headerName: '编号', width: 80 },
          { field: 'after', headerName: '内容', flex: 1, tooltipField: 'after' },
        ]}
      />
    </div>
  );
}
