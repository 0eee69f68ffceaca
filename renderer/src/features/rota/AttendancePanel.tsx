import { useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import { ATTENDANCE_LABELS, type AttendanceRow, type AttendanceStatus } from '../../../../electron/core/rota/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Field } from '../../kit/Field';
import { officeToday } from '../../kit/datetime';
import { DataGrid } from '../../kit/grid/DataGrid';
import { Message, useRunner } from '../../kit/Message';
import { Select } from '../../kit/Select';

/**
 * 出勤确认: a day's planned shifts, each confirmed as worked or missed by the
 * post's leader (a clerk enters the leader's sign-off) or by a coordinator; the
 * whole day at once where nothing stands in the way. Allowances are paid on
 * these confirmations only; a shift on leave or after a death stays flagged.
 */
export function AttendancePanel({ canEdit, isCoordinator }: { canEdit: boolean; isCoordinator: boolean }) {
  const [day, setDay] = useState(officeToday);
  const [communityId, setCommunityId] = useState('');
  const [leader, setLeader] = useState('');
  const communities = useQuery('org.communities.list', {});
  const list = useQuery('rota.attendance.list', communityId ? { day, communityId: Number(communityId) } : { day }, [day, communityId]);
  const { msg, run, setMsg } = useRunner(list.reload);
  const rows = list.data?.rows ?? [];
  const leaders = [...new Map(rows.flatMap((r) => (r.leader ? [[r.leader.staffId, r.leader.name] as const] : [])))];
  const who = leader ? { leaderStaffId: Number(leader) } : {};
  const mark = (r: AttendanceRow, status: AttendanceStatus) =>
    void run(
      call('rota.attendance.confirm', { entries: [{ assignmentId: r.assignmentId, status }], ...who }),
      `已确认：${r.staffName} ${r.shiftName}「${r.postName}」${ATTENDANCE_LABELS[status]}`,
    );
  const confirmAll = () =>
    void call('rota.attendance.confirmDay', { day, ...(communityId ? { communityId: Number(communityId) } : {}), ...who })
      .then((r) => {
        setMsg({
          ok: true,
          text: `已确认 ${r.confirmed} 班出勤${r.skipped.length ? `；${r.skipped.length} 班需逐一核实：${r.skipped.map((x) => `${x.staffName}（${x.why}）`).join('、')}` : ''}`,
        });
        list.reload();
      })
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
  const planned = rows.filter((r) => r.status === 'planned').length;
  // 已出勤 / 缺勤 on each row: the clerk's and the coordinator's.
  const actionColumn: ColDef<AttendanceRow> = {
    colId: 'act',
    headerName: '确认',
    width: 170,
    sortable: false,
    cellRenderer: (p: { data?: AttendanceRow }) => {
      const r = p.data;
      if (!r) return null;
      return (
        <span className="cl-inline">
          {/* A shift not begun is not offered as worked (the core refuses it): the row says when it begins. */}
          {r.flag === null && r.status !== 'present' && r.startsLater !== null && <span className="muted">{r.startsLater}</span>}
          {r.flag === null && r.status !== 'present' && r.startsLater === null && (
            <button type="button" className="link" onClick={() => mark(r, 'present')} aria-label={`${r.staffName} ${r.shiftName} 已出勤`}>
              已出勤
            </button>
          )}
          {r.status !== 'absent' && (
            <button type="button" className="link" onClick={() => mark(r, 'absent')} aria-label={`${r.staffName} ${r.shiftName} 缺勤`}>
              缺勤
            </button>
          )}
        </span>
      );
    },
  };
  return (
    <div>
      <div className="toolbar">
        <Field label="日期" type="date" value={day} max={officeToday()} onChange={(e) => setDay(e.target.value)} />
        <Select
          label="社区"
          value={communityId}
          onValue={setCommunityId}
          options={[{ value: '', label: '全部' }, ...(communities.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
        />
        {canEdit && (
          <Select
            label="确认人"
            value={leader}
            onValue={setLeader}
            options={[
              ...(isCoordinator ? [{ value: '', label: '本人（统筹负责人）' }] : [{ value: '', label: '请选择岗位负责人' }]),
              ...leaders.map(([id, name]) => ({ value: id, label: `${name}（岗位负责人）` })),
            ]}
          />
        )}
        {canEdit && planned > 0 && (
          <button className="primary" type="button" onClick={confirmAll}>
            确认当天全部出勤
          </button>
        )}
      </div>
      <p className="muted">
        补助只按这里确认的出勤计发。请假、人员已牺牲或不在岗的班次会标出原因，不能确认为出勤。
        {canEdit && !isCoordinator ? '录入员按岗位负责人的确认登记，请先选择确认人。' : ''}
        {canEdit ? '' : '只读账号只能查看，出勤由统筹负责人或录入员确认。'}
      </p>
      <Message msg={msg} />
      {list.error && <p className="error">{list.error}</p>}
      <DataGrid<AttendanceRow>
        label="出勤确认"
        height={420}
        rowData={list.data?.rows}
        empty={
          canEdit
            ? { text: '这一天没有排班，没有出勤要确认。先在「排班日历」排班，或换一个日期。', action: { label: '去排班日历', href: '#/rota?tab=calendar' } }
            : {
                text: '这一天没有排班。排班由统筹负责人或录入员安排；可以换一个日期，或在「排班日历」查看哪天有班。',
                action: { label: '查看排班日历', href: '#/rota?tab=calendar' },
              }
        }
        getRowId={(p) => String(p.data.assignmentId)}
        columnDefs={[
          // The name and its attendance are what a leader scans; the place sizes to its content.
          { field: 'staffName', headerName: '姓名', pinned: 'left' },
          { colId: 'status', headerName: '出勤情况', width: 100, valueGetter: (p) => (p.data ? ATTENDANCE_LABELS[p.data.status] : '') },
          { field: 'communityName', headerName: '社区' },
          { field: 'postName', headerName: '岗位' },
          { field: 'shiftName', headerName: '班次' },
          { colId: 'by', headerName: '确认人', width: 110, valueGetter: (p) => p.data?.confirmedBy ?? '' },
          { field: 'flag', headerName: '不能确认的原因', flex: 1, minWidth: 160, wrapText: true, autoHeight: true, cellClass: 'cl-pct-low' },
          // A viewer confirms nothing: no column of empty cells under 「确认」.
          ...(canEdit ? [actionColumn] : []),
        ]}
      />
    </div>
  );
}
