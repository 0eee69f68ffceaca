import { useState } from 'react';
import type { AuditReveal, AuditRow, PayloadField } from '../../../../electron/core/audit/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { formatInstant } from '../../kit/datetime';

/**
 * Who changed what, when, as sentences (王建国 修改了社区「幸福社区」（改动：户数））;
 * the stored details (channel, record, before and after) behind 「显示原始记录」,
 * for whoever must check a change to the letter; and whether the hash chain is intact.
 * Personal numbers in the details are masked; 显示原号 opens one entry's sealed
 * numbers for a coordinator, and that is itself written to the log.
 */
export function AuditPanel() {
  const log = useQuery('audit.list', { offset: 0, limit: 200 });
  const [raw, setRaw] = useState(false);
  const [verdict, setVerdict] = useState<{ ok: boolean; text: string } | null>(null);
  // The key history beside the chain (S34-A5): the log may hold while old entries' numbers can no longer be opened.
  const [history, setHistory] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<{ id: number; opened: AuditReveal | null; error?: string } | null>(null);
  const reveal = (id: number) =>
    void call('audit.reveal', { id })
      .then((opened) => setRevealed({ id, opened }))
      .catch((e: unknown) => setRevealed({ id, opened: null, error: errorMessage(e) }));
  const verify = () =>
    void call('audit.verify', {})
      .then((r) => {
        setHistory(r.keyHistory?.message ?? null);
        setVerdict(
          r.intact
            ? { ok: true, text: `日志完整：共 ${r.rows} 条，未发现篡改。${r.anchor?.message ?? ''}` }
            : r.firstBrokenId !== undefined
              ? { ok: false, text: `日志已被改动：从第 ${r.firstBrokenId} 条起校验不通过（共 ${r.rows} 条）。${r.anchor?.message ?? ''}` }
              : { ok: false, text: `日志可能被删减：${r.anchor?.message ?? ''}（现有 ${r.rows} 条）` },
        );
      })
      .catch((e: unknown) => setVerdict({ ok: false, text: errorMessage(e) }));
  return (
    <div className="panel">
      <div className="toolbar">
        <button onClick={verify}>校验日志完整性</button>
        {verdict && (
          <span className={verdict.ok ? 'ok' : 'error'} role="status">
            {verdict.text}
          </span>
        )}
        <label className="check">
          <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} /> 显示原始记录
        </label>
      </div>
      {history && (
        <p className="notice" role="alert" aria-label="日志校验：旧密钥记录">
          {history}
        </p>
      )}
      {/* Above the list: the grid scrolls inside itself, so the opened entry shows without scrolling the page. */}
      {revealed && (
        <div className="panel" role="region" aria-label="操作日志原号">
          <p>
            第 {revealed.id} 条的原号和加密内容（这次查看已记入操作日志）：
            <button type="button" onClick={() => setRevealed(null)}>
              收起
            </button>
          </p>
          {revealed.opened ? (
            <>
              <OpenedFields title="改动前" fields={revealed.opened.fields.before} />
              <OpenedFields title="改动后" fields={revealed.opened.fields.after} />
            </>
          ) : (
            <p className="error">{revealed.error}</p>
          )}
        </div>
      )}
      <p>共 {log.data?.total ?? 0} 条操作记录（显示最近 200 条）</p>
      <DataGrid<AuditRow>
        label="操作日志"
        height={460}
        rowData={log.data?.rows}
        empty={{ text: '还没有操作记录。' }}
        getRowId={(p) => String(p.data.id)}
        columnDefs={[
          { field: 'id', headerName: '序号', width: 80 },
          { field: 'at', headerName: '时间', width: 160, valueFormatter: (p) => formatInstant(p.value as string) },
          { field: 'summary', headerName: '操作', flex: 1, minWidth: 360, wrapText: true, autoHeight: true },
          { field: 'channel', headerName: '操作代码', width: 200, hide: !raw },
          { field: 'entityId', headerName: '记录编号', width: 100, hide: !raw },
          { field: 'before', headerName: '改动前', width: 260, hide: !raw, wrapText: true, autoHeight: true },
          { field: 'after', headerName: '改动后', width: 260, hide: !raw, wrapText: true, autoHeight: true },
          {
            colId: 'reveal',
            headerName: '原号',
            width: 100,
            hide: !raw,
            cellRenderer: (p: { data?: AuditRow }) =>
              p.data?.sealed ? (
                <button type="button" onClick={() => reveal(p.data!.id)}>
                  显示原号
                </button>
              ) : null,
          },
        ]}
      />
    </div>
  );
}

/** One side of an opened entry, field by field under its Chinese name; nothing when that side is empty. */
function OpenedFields({ title, fields }: { title: string; fields: PayloadField[] }) {
  if (fields.length === 0) return null;
  return (
    <section aria-label={title}>
      <h4>{title}</h4>
      <dl className="facts">
        {fields.map((f, n) => (
          <div key={n} style={{ display: 'contents' }}>
            <dt>{f.label}</dt>
            <dd style={{ overflowWrap: 'anywhere' }}>{f.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
