import { useState } from 'react';
import type { MemorialRow } from '../../../../electron/core/honours/contract';
import { COMMENDATION_STATUS_LABELS } from '../../../../electron/core/honours/contract';
import { describeElapsed } from '../../../../electron/core/honours/reporting.shared';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { Field } from '../../kit/Field';
import { formatInstantLong } from '../../kit/datetime';
import { MemorialDetailView } from './MemorialDetailView';
import { MemorialForm } from './MemorialForm';
import { Message, type Msg } from '../../kit/Message';

function reportState(r: MemorialRow): string {
  if (r.missing.length === 0) return '已全部报告';
  return `${r.overdue ? '逾期未报' : '待报'}：${r.missing.join('、')}`;
}

/** 牺牲人员: the list, a new record, and one record opened. */
export function MemorialsPanel({ initialId }: { initialId: number | null }) {
  const list = useQuery('honours.memorials.list', {});
  const [openId, setOpenId] = useState<number | null>(initialId);
  const [adding, setAdding] = useState(false);

  if (openId !== null) return <MemorialDetailView id={openId} onClose={() => (setOpenId(null), list.reload())} />;
  if (adding) return <MemorialForm onCancel={() => setAdding(false)} onSaved={(d) => (setAdding(false), setOpenId(d.id))} />;

  const rows = list.data ?? [];
  const overdue = rows.filter((r) => r.overdue);
  return (
    <div>
      {overdue.length > 0 && (
        <p className="overdue-banner" role="alert">
          有 {overdue.length} 条牺牲人员记录尚未在时限内报告全部对象：{overdue.map((r) => r.name).join('、')}。请尽快报告并登记。
        </p>
      )}
      {list.error && <p className="error">{list.error}</p>}
      <div className="toolbar">
        <button className="primary" onClick={() => setAdding(true)}>
          登记牺牲人员
        </button>
      </div>
      <DataGrid<MemorialRow>
        label="牺牲人员名单"
        height={Math.min(560, 120 + rows.length * 64)}
        rowData={list.data ? rows : undefined}
        empty={{ text: '没有牺牲人员记录。' }}
        getRowId={(p) => String(p.data.id)}
        onRowDoubleClicked={(e) => e.data && setOpenId(e.data.id)}
        columnDefs={[
          { field: 'name', headerName: '姓名', pinned: 'left' },
          { field: 'post', headerName: '岗位职务', flex: 1, minWidth: 140, wrapText: true, autoHeight: true },
          { field: 'communityName', headerName: '所在社区' },
          { field: 'diedAt', headerName: '牺牲时间', width: 178, valueFormatter: (p) => (p.value ? formatInstantLong(String(p.value)) : '') },
          { field: 'cause', headerName: '原因类别' },
          { field: 'elapsedHours', headerName: '距今', width: 112, valueFormatter: (p) => describeElapsed(Number(p.value)) },
          { colId: 'reporting', headerName: '报告情况', flex: 1, minWidth: 150, wrapText: true, autoHeight: true, valueGetter: (p) => (p.data ? reportState(p.data) : ''), cellStyle: (p) => (p.data?.overdue ? { color: '#b3261e', fontWeight: 600 } : null) },
          { field: 'commendationStatus', headerName: '追授表彰', valueFormatter: (p) => (p.value ? COMMENDATION_STATUS_LABELS[p.value as keyof typeof COMMENDATION_STATUS_LABELS] : '未申请') },
          { field: 'openDifficulties', headerName: '待解决困难' },
          {
            colId: 'open',
            headerName: '操作',
            width: 100,
            pinned: 'right',
            sortable: false,
            cellRenderer: (p: { data?: MemorialRow }) =>
              p.data ? (
                <button className="link" style={{ padding: 0 }} onClick={() => setOpenId(p.data!.id)} aria-label={`查看${p.data.name}的记录`}>
                  查看记录
                </button>
              ) : null,
          },
        ]}
      />
      <p className="muted">查看每条记录都会记入操作日志。</p>
      <LimitSetting />
    </div>
  );
}

function LimitSetting() {
  const current = useQuery('honours.settings.get', {});
  const [hours, setHours] = useState('');
  const [msg, setMsg] = useState<Msg>(null);
  return (
    <form
      className="toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        call('honours.settings.update', { reportLimitHours: Number(hours) })
          .then((r) => (setMsg({ ok: true, text: `报告时限已设为 ${r.reportLimitHours} 小时` }), setHours('')))
          .catch((err: unknown) => setMsg({ ok: false, text: errorMessage(err) }));
      }}
    >
      <Field label={`报告时限（小时，现为 ${current.data?.reportLimitHours ?? 24}）`} type="number" min={1} max={168} value={hours} onChange={(e) => setHours(e.target.value)} required />
      <button type="submit">保存时限</button>
      <Message msg={msg} />
    </form>
  );
}
