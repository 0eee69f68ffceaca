import { useMemo, useState } from 'react';
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { Assignment, Calendar, GenerateReport } from '../../../../electron/core/rota/contract';
import { AssignForm } from './AssignForm';
import { GenerateSummary } from './GenerateSummary';
import { generateHeadline } from './held-off-words';
import { NoStaffNotice } from './NoStaffNotice';
import { ApiError, call } from '../../api/client';
import { cellLines } from './cell-lines';
import { awayText, DAY_MIN_WIDTH, LabelCell, TOO_BIG_ID, TooBigHint, wholeDaysShown, type Row } from './CalendarParts';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { addDays, dayHeader, dayParam, eachDay, idParam, mondayOf } from './common';
import { PublishBar } from './PublishBar';
import './rota.css';
import { failureMsg, Message, type Msg } from '../../kit/Message';
import { Select } from '../../kit/Select';
import { useTaskProgress } from '../../kit/use-task-progress';
import { officeToday } from '../../kit/datetime';

type View = 'staff' | 'post';

/** 排班日历: staff × day or post × day, week or month; drag a name to move it, conflicts marked in place. */
export function CalendarPanel({ canEdit, isCoordinator, initial }: { canEdit: boolean; isCoordinator: boolean; initial: URLSearchParams }) {
  const [start, setStart] = useState(() => mondayOf(dayParam(initial.get('from')) ?? officeToday()));
  const [span, setSpan] = useState<7 | 28>(7);
  const [view, setView] = useState<View>('post');
  const [communityId, setCommunityId] = useState<number | ''>(() => idParam(initial.get('communityId')));
  const [postId, setPostId] = useState<number | ''>('');
  const [msg, setMsg] = useState<Msg>(null);
  const [report, setReport] = useState<GenerateReport | null>(null);
  const [busy, setBusy] = useState(false);
  // The last 自动排班 was refused as too big (details.field communityIds): 社区 is marked and TooBigHint says how to split.
  const [tooBig, setTooBig] = useState(false);
  // The running 自动排班's name, for its 取消 (rota.generate.cancel).
  const [jobId, setJobId] = useState('');
  const [fullPhones, setFullPhones] = useState(false);
  const progress = useTaskProgress('rota.generate');
  const to = addDays(start, span - 1);
  const communities = useQuery('org.communities.list', {});
  const cal = useQuery('rota.calendar', { from: start, to, ...(communityId ? { communityId } : {}), ...(postId ? { postId } : {}) }, [
    start,
    to,
    communityId,
    postId,
  ]);
  const days = eachDay(start, to);
  const data: Calendar | undefined = cal.data;
  const names = useMemo(() => new Map((data?.staff ?? []).map((s) => [s.id, s.name])), [data]);

  const run = (p: Promise<unknown>, ok: string) => p.then(() => setMsg({ ok: true, text: ok })).catch((e: unknown) => setMsg(failureMsg(e)));

  const rows: Row[] = useMemo(() => {
    if (!data) return [];
    if (view === 'staff') return data.staff.map((s) => ({ key: `s${s.id}`, label: s.name, staffId: s.id }));
    return data.posts.flatMap((p) =>
      data.shifts
        .filter((s) => p.requirements.some((r) => r.shiftId === s.id) || data.assignments.some((a) => a.postId === p.id && a.shiftId === s.id))
        .map((s) => ({
          key: `p${p.id}-${s.id}`,
          label: p.name,
          detail: communityId === '' ? `${p.communityName} · ${s.name}` : s.name,
          postId: p.id,
          shiftId: s.id,
        })),
    );
  }, [data, view, communityId]);
  const cellOf = (row: Row, day: string): Assignment[] =>
    (data?.assignments ?? []).filter(
      (a) => a.day === day && (row.staffId !== undefined ? a.staffId === row.staffId : a.postId === row.postId && a.shiftId === row.shiftId),
    );
  const postName = (id: number) => data?.posts.find((x) => x.id === id)?.name ?? '';
  const chipText = (row: Row, a: Assignment) => (row.staffId !== undefined ? postName(a.postId) : a.staffName);
  const openOf = (row: Row, day: string) =>
    row.postId !== undefined ? data?.open.find((o) => o.day === day && o.postId === row.postId && o.shiftId === row.shiftId) : undefined;
  const awayOf = (row: Row, day: string) => (row.staffId !== undefined ? data?.away[day]?.find((x) => x.staffId === row.staffId) : undefined);
  /** The lines the day's cell takes (cell-lines.ts): its chips' words as drawn, then 「缺 N 人」 or 请假. */
  const linesOf = (row: Row, day: string) => {
    const open = openOf(row, day);
    const away = awayOf(row, day);
    const note = open ? `缺 ${open.missing} 人` : away ? awayText(away.why) : undefined;
    const chips = cellOf(row, day).map((a) => `${chipText(row, a)}${a.overrideReason ? ' ※' : ''}${a.problems.length ? ` ⚠ ${a.problems.join('；')}` : ''}`);
    return cellLines(chips, note, canEdit);
  };

  const onDrop = (row: Row, day: string, id: number) => {
    const a = data?.assignments.find((x) => x.id === id);
    if (!a) return;
    const target = { day, postId: row.postId ?? a.postId, shiftId: row.shiftId ?? a.shiftId, staffId: row.staffId ?? a.staffId };
    void run(
      call('rota.assign', { ...target, replacesId: id, ...(a.overrideReason ? { overrideReason: a.overrideReason } : {}) }),
      `已调整：${names.get(target.staffId) ?? ''} ${day}`,
    );
  };

  const DayCell = (p: CustomCellRendererProps<Row> & { day: string }) => {
    const row = p.data!;
    const list = cellOf(row, p.day);
    const open = openOf(row, p.day);
    const away = awayOf(row, p.day);
    return (
      <div
        className="rota-cell"
        onDragOver={(e) => canEdit && e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault();
          onDrop(row, p.day, Number(e.dataTransfer.getData('text/plain')));
        }}
      >
        {list.map((a) => {
          const name = chipText(row, a);
          return (
            <span
              key={a.id}
              className={`rota-chip${a.problems.length ? ' conflict' : ''}${a.overrideReason ? ' override' : ''}`}
              draggable={canEdit}
              onDragStart={(e) => e.dataTransfer.setData('text/plain', String(a.id))}
              // The whole on hover: a chip ends in 「…」 where its cell is narrower (four weeks at 1366 cut 「文化路社区居家观察随访组」 and
              // a conflict's words at the cell's edge, the × with them).
              title={[name, a.overrideReason ? `破例：${a.overrideReason}` : '', ...a.problems].filter(Boolean).join('；')}
            >
              <span className="rota-chip-text">
                {name}
                {a.overrideReason ? ' ※' : ''}
                {a.problems.length ? ` ⚠ ${a.problems.join('；')}` : ''}
              </span>
              {canEdit && (
                <button
                  className="link"
                  aria-label={`取消 ${a.staffName} ${a.day}`}
                  onClick={() => void run(call('rota.unassign', { id: a.id }), '已取消排班')}
                >
                  ×
                </button>
              )}
            </span>
          );
        })}
        {open && <span className="rota-open">缺 {open.missing} 人</span>}
        {away && <span className="rota-away">{awayText(away.why)}</span>}
      </div>
    );
  };

  // With no post here yet, 自动排班, 安排 and the roster have nothing to work on: the grid's empty state says where posts are set.
  const hasPosts = (data?.posts.length ?? 0) > 0;
  // Posts but nobody registered: 自动排班 placed no one and listed every shift 「缺 2 人：没有可安排的人员」, 安排 offered an
  // empty 人员. NoStaffNotice says who is missing and where they are added.
  const noStaff = hasPosts && data !== undefined && data.staff.length === 0;

  const generate = () => {
    const job = `rota-${Date.now().toString(36)}`;
    setJobId(job);
    setBusy(true);
    setReport(null);
    setTooBig(false);
    call('rota.generate', { from: start, to, jobId: job, ...(communityId ? { communityIds: [communityId] } : {}) })
      .then((r) => (setReport(r), setMsg(generateHeadline(r))))
      .catch((e: unknown) => (setMsg(failureMsg(e)), setTooBig(e instanceof ApiError && e.details?.field === 'communityIds')))
      .finally(() => setBusy(false));
  };

  return (
    <div>
      {/* Two rows by design (1366 px holds one row of each, not both): what the calendar shows, then what can be done with it. */}
      <div className="toolbar" role="group" aria-label="日历显示">
        <button onClick={() => setStart(addDays(start, -span))}>{span === 7 ? '上一周' : '上四周'}</button>
        <strong aria-label="当前期间">
          {start} 至 {to}
        </strong>
        <button onClick={() => setStart(addDays(start, span))}>{span === 7 ? '下一周' : '下四周'}</button>
        <Select
          id="rota-span"
          label="范围"
          value={span}
          onValue={(v) => setSpan(Number(v) === 28 ? 28 : 7)}
          options={[
            { value: 7, label: '按周' },
            { value: 28, label: '按月（四周）' },
          ]}
        />
        <Select
          id="rota-view"
          label="视图"
          value={view}
          onValue={(v) => setView(v === 'staff' ? 'staff' : 'post')}
          options={[
            { value: 'post', label: '岗位 × 日期' },
            { value: 'staff', label: '人员 × 日期' },
          ]}
        />
        <Select
          id="rota-community"
          label="社区"
          value={communityId}
          aria-invalid={tooBig && communityId === '' ? true : undefined}
          aria-describedby={tooBig ? TOO_BIG_ID : undefined}
          onValue={(v) => (setCommunityId(v ? Number(v) : ''), setPostId(''))}
          options={[{ value: '', label: '全部社区' }, ...(communities.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
        />
        <Select
          id="rota-post"
          label="岗位"
          value={postId}
          onValue={(v) => setPostId(v ? Number(v) : '')}
          options={[{ value: '', label: '全部岗位' }, ...(data?.posts ?? []).map((p) => ({ value: p.id, label: p.name }))]}
        />
      </div>
      {hasPosts && (isCoordinator || canEdit) && (
        <div className="toolbar" role="group" aria-label="排班操作">
          {isCoordinator && (
            <button className="primary" disabled={busy || noStaff} onClick={generate} title="只排今天及以后；今天以前的排班已经发生，不改动">
              自动排班
            </button>
          )}
          {/* Phones print masked unless chosen: a roster is posted to be rung, and a full print is audited (who, which week). */}
          {canEdit && (
            <span className="rota-print-controls">
              <label title="不勾选时电话隐去中间位；勾选后印出完整电话，并记入操作日志">
                <input type="checkbox" checked={fullPhones} onChange={(e) => setFullPhones(e.target.checked)} /> 印完整电话（记入日志）
              </label>
              <a
                className="button-link secondary"
                href={`#/print/rota-roster?from=${start}&to=${to}${communityId !== '' ? `&communityId=${communityId}` : ''}${fullPhones ? '&phones=full' : ''}`}
              >
                打印轮班表
              </a>
            </span>
          )}
        </div>
      )}
      {noStaff && <NoStaffNotice here={communityId === '' ? 'all' : 'community'} canEdit={canEdit} isCoordinator={isCoordinator} />}
      {isCoordinator && communityId !== '' && data && (
        <PublishBar communityId={communityId} days={days} published={data.publishedWeeks} onDone={(text, ok) => setMsg({ ok, text })} />
      )}
      {busy && (
        <p role="status" aria-label="自动排班进度">
          {progress ?? '正在准备…'}{' '}
          <button type="button" aria-label="取消自动排班" onClick={() => void call('rota.generate.cancel', { jobId }).catch(() => undefined)}>
            取消
          </button>
        </p>
      )}
      <Message msg={msg} />
      {tooBig && <TooBigHint allCommunities={communityId === ''} fourWeeks={span === 28} />}
      {report && <GenerateSummary report={report} />}
      {canEdit && data && hasPosts && <AssignForm data={data} days={days} isCoordinator={isCoordinator} onDone={(text, ok) => setMsg({ ok, text })} />}
      {/* 1366 shows 7 of four weeks' 28 days, and the grid's sideways scroll bar is below the window's foot (the clerk's
          calendar at 1366×768, session 46): the same week seemed to be shown again. Said above the grid, in words. */}
      {span === 28 && hasPosts && (
        <p className="hint" role="note" aria-label="四周的日期">
          共 28 天，表格先显示前 7 天，其余日期在右边：拖动表格底部的横向滚动条，或按住 Shift 滚动鼠标滚轮。
        </p>
      )}
      <DataGrid<Row>
        // Row heights follow the most names in a cell; a new count of names re-lays the grid out.
        key={`${view}-${data?.assignments.length ?? 0}`}
        label="排班日历"
        height={520}
        rowData={data ? rows : undefined}
        getRowId={(p) => p.data.key}
        // A post's row shows its name over its shift (two lines); a cell grows with the lines its names wrap to.
        getRowHeight={(p) => Math.max(p.data?.detail ? 52 : 42, 14 + 28 * Math.max(1, ...days.map((d) => (p.data ? linesOf(p.data, d) : 1))))}
        empty={
          view === 'post'
            ? {
                text: isCoordinator
                  ? '还没有岗位。先在「岗位与班次」设好各社区的岗位和每班人数，再自动排班。'
                  : '还没有岗位，请统筹负责人在「岗位与班次」设置。',
                ...(isCoordinator ? { action: { label: '去设置岗位', href: '#/rota?tab=posts' } } : {}),
              }
            : canEdit
              ? { text: '还没有登记人员。先在「人员」登记专职社区工作者、下沉干部和志愿者。', action: { label: '去登记人员', href: '#/staff' } }
              : { text: '还没有登记人员。录入员或统筹负责人在「人员」登记后会显示在这里。' }
        }
        onFirstDataRendered={(e) => span === 28 && wholeDaysShown(e.api, days)}
        onGridSizeChanged={(e) => span === 28 && wholeDaysShown(e.api, days)}
        // 范围 turned from a week to four weeks changes the columns of a grid already drawn: no first render comes again.
        onGridColumnsChanged={(e) => span === 28 && wholeDaysShown(e.api, days)}
        columnDefs={[
          // Wide enough for 「文化路社区 · 中班 16:00–24:00」 on one line: the row is two lines high.
          { field: 'label', headerName: view === 'post' ? '岗位 · 班次' : '人员', pinned: 'left', width: view === 'post' ? 236 : 180, cellRenderer: LabelCell },
          // A week fits 1366 wide; four weeks scroll inside the grid with the post column pinned, sized by wholeDaysShown.
          ...days.map((d) => ({
            colId: d,
            headerName: dayHeader(d),
            // flex: null, not left out: a day shown in both (the first week) kept the week's flex when 范围 turned to four
            // weeks (ag-grid keeps a column's state that a new definition leaves unsaid), stood at 80 px 「12-0…」 and
            // ignored wholeDaysShown's widths.
            ...(span === 7 ? { flex: 1, minWidth: DAY_MIN_WIDTH } : { flex: null, width: DAY_MIN_WIDTH, minWidth: DAY_MIN_WIDTH }),
            sortable: false,
            cellClass: 'rota-day',
            cellRenderer: DayCell,
            cellRendererParams: { day: d },
          })),
        ]}
      />
    </div>
  );
}
