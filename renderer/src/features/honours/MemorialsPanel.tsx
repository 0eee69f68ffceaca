import { useState } from 'react';
import { MEMORIAL_HEADING } from '../../../../electron/core/honours/types.shared';
import type { MemorialRow } from '../../../../electron/core/honours/contract';
import { COMMENDATION_STATUS_LABELS } from '../../../../electron/core/honours/contract';
import { describeElapsed } from '../../../../electron/core/honours/reporting.shared';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { headersWhileEmpty } from './ui';
import { Field } from '../../kit/Field';
import { KeepNames } from '../../kit/KeepNames';
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
      <p className="muted">
        <KeepNames
          text={`${MEMORIAL_HEADING}的社区工作者、基层医务人员（通知用语）；牺牲的志愿者等其他人员也在这里登记。是否认定为工伤、评定为烈士，由有关部门决定，在各条记录的「后续办理」中跟踪。`}
        />
      </p>
      <div className="toolbar">
        <button className="primary" onClick={() => setAdding(true)}>
          登记牺牲人员
        </button>
      </div>
      <DataGrid<MemorialRow>
        label="牺牲人员名单"
        // Room for a row, or for the empty list's sentence and its button.
        height={Math.min(560, 120 + Math.max(1, rows.length) * 64)}
        rowData={list.data ? rows : undefined}
        // Said what the list is for and the way to the first record (it said 「没有牺牲人员记录。」 alone).
        // The button is the one just above the list (a second one here made two of the same name).
        empty={{ text: '还没有牺牲人员记录。有人因社区防控工作牺牲时，点上方的「登记牺牲人员」登记基本情况，再按时限报告、慰问家属。' }}
        {...headersWhileEmpty<MemorialRow>(['name', 'communityName', 'commendationStatus', 'openDifficulties'])}
        getRowId={(p) => String(p.data.id)}
        onRowDoubleClicked={(e) => e.data && setOpenId(e.data.id)}
        // Every column fits 1366 wide beside the pinned 操作 (none hides under it): long text wraps.
        columnDefs={[
          { field: 'name', headerName: '姓名', pinned: 'left' },
          { field: 'post', headerName: '岗位职务', flex: 1, minWidth: 120, wrapText: true, autoHeight: true },
          { field: 'communityName', headerName: '所在社区' },
          // 「2020年12月27日 09:30」 is wider than 「2020年2月7日 09:30」: the time wraps under its day rather than being cut, in the width the other columns leave.
          {
            field: 'diedAt',
            headerName: '牺牲时间',
            width: 168,
            wrapText: true,
            autoHeight: true,
            valueFormatter: (p) => (p.value ? formatInstantLong(String(p.value)) : ''),
          },
          { field: 'cause', headerName: '原因类别', width: 120, wrapText: true, autoHeight: true },
          { field: 'elapsedHours', headerName: '距今', width: 120, valueFormatter: (p) => describeElapsed(Number(p.value)) },
          {
            colId: 'reporting',
            headerName: '报告情况',
            flex: 1,
            minWidth: 134,
            wrapText: true,
            autoHeight: true,
            valueGetter: (p) => (p.data ? reportState(p.data) : ''),
            cellStyle: (p) => (p.data?.overdue ? { color: '#b3261e', fontWeight: 600 } : null),
          },
          {
            field: 'commendationStatus',
            headerName: '追授表彰',
            valueFormatter: (p) => (p.value ? COMMENDATION_STATUS_LABELS[p.value as keyof typeof COMMENDATION_STATUS_LABELS] : '未申请'),
          },
          // A count with its unit (the walk at 1366 read a bare 「0」).
          { field: 'openDifficulties', headerName: '待解决困难', valueFormatter: (p) => `${Number(p.value)} 项` },
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

/** The office's own limits: the notice says 第一时间 and gives no hours, so both are labelled as settings. */
function LimitSetting() {
  const current = useQuery('honours.settings.get', {});
  const [f, setF] = useState({ reportLimitHours: '', firstVisitDays: '' });
  const [msg, setMsg] = useState<Msg>(null);
  const c = current.data;
  return (
    <form
      className="toolbar panel"
      aria-label="本街道的时限设置"
      onSubmit={(e) => {
        e.preventDefault();
        call('honours.settings.update', {
          ...(f.reportLimitHours ? { reportLimitHours: Number(f.reportLimitHours) } : {}),
          ...(f.firstVisitDays ? { firstVisitDays: Number(f.firstVisitDays) } : {}),
        })
          .then(
            (r) => (
              setMsg({ ok: true, text: `已保存：报告时限 ${r.reportLimitHours} 小时，首次慰问 ${r.firstVisitDays} 天内` }),
              setF({ reportLimitHours: '', firstVisitDays: '' }),
              current.reload()
            ),
          )
          .catch((err: unknown) => setMsg({ ok: false, text: errorMessage(err) }));
      }}
    >
      <p className="notice">
        以下时限是本街道的设置：通知要求牺牲情况“第一时间”报当地党委、政府和上级民政、卫生健康部门，没有规定小时数；首次慰问家属的天数通知也没有规定。时限自牺牲时起算，登记了获悉时间的自获悉时起算。改了报告时限，已经报出的按当时的时限判断是否按时（已报送的报表不变），还没报的按新的时限提醒。
      </p>
      <Field
        label={`报告时限（小时，本街道的设置，现为 ${c?.reportLimitHours ?? 24}）`}
        type="number"
        min={1}
        max={168}
        value={f.reportLimitHours}
        onChange={(e) => setF({ ...f, reportLimitHours: e.target.value })}
      />
      <Field
        label={`首次慰问时限（天，本街道的设置，现为 ${c?.firstVisitDays ?? 3}）`}
        type="number"
        min={1}
        max={30}
        value={f.firstVisitDays}
        onChange={(e) => setF({ ...f, firstVisitDays: e.target.value })}
      />
      <button type="submit">保存时限</button>
      <Message msg={msg} />
    </form>
  );
}
