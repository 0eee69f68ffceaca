import { useState } from 'react';
import { SCREENING_LABELS, SCREENING_STATUSES, type ScreeningStatus } from '../../../../electron/core/caseload/codes.shared';
import type { HouseholdListRow } from '../../../../electron/core/caseload/list-types.shared';
import { call, errorMessage } from '../../api/client';
import { DataGrid, RowCount } from '../../kit/grid/DataGrid';
import { usePagedRows } from '../../kit/grid/paged-rows';
import type { ApiInput } from '../../../../electron/core/api';
import { countedAs, screenedBefore } from '../../../../electron/core/caseload/screening-status.shared';
import { nothingYet, numOrUndefined, PlacePicker, screeningStateText } from './shared';
import { Message, useRunner } from '../../kit/Message';
import { Select } from '../../kit/Select';
import { useRoleAtLeast } from '../../kit/session-context';
import { officeToday } from '../../kit/datetime';
import { HouseholdPanel } from './HouseholdPanel';

const SORTS = { address: 'address', screenedOn: 'screenedOn', revisitOn: 'revisitOn', headName: 'headName' } as const;
type Filter = NonNullable<ApiInput<'households.list'>['filter']>;
const filterOf = (c: { q: string; communityId: string; gridId: string; status: string }): Filter => ({
  communityId: numOrUndefined(c.communityId),
  gridId: numOrUndefined(c.gridId),
  screeningStatus: (c.status || undefined) as ScreeningStatus | undefined,
  ...(c.q.trim() ? { q: c.q.trim() } : {}),
});

/** 入户排查: every household with its screening outcome, edited in the row (Infinite Row Model, paged in the core). */
export function HouseholdsGrid() {
  const canWrite = useRoleAtLeast('clerk');
  const [choice, setChoice] = useState({ q: '', communityId: '', gridId: '', status: '' });
  const [shown, setShown] = useState<number | null>(null);
  // A saved row stays where it is, as the core keeps it (setData below), not asked for again: under 「未排查」 a household
  // just marked 已排查 left the list before its 排查人 and 排查结果 could be written. 查询 lists the filter afresh.
  const { msg, run, setMsg } = useRunner();
  const paged = usePagedRows<HouseholdListRow, Filter>(
    filterOf(choice),
    (filter, sortModel, offset, limit) => {
      const sort = sortModel.flatMap((s) => (s.colId in SORTS ? [{ field: SORTS[s.colId as keyof typeof SORTS], dir: s.sort }] : []));
      return call('households.list', { filter, sort, offset, limit });
    },
    (e) => setMsg({ ok: false, text: errorMessage(e) }),
  );
  const refresh = paged.refresh;
  // As the case grid: a choice from a list asks for its rows at once; typed search on Enter or 查询.
  const choose = (patch: Partial<typeof choice>) => {
    const next = { ...choice, ...patch };
    paged.apply(filterOf(next));
    setChoice(next);
  };
  return (
    <div>
      <form className="toolbar" onSubmit={(e) => (e.preventDefault(), choose({}))}>
        <div className="field">
          <label htmlFor="household-search">搜索</label>
          <input id="household-search" placeholder="户主姓名 / 门牌" value={choice.q} onChange={(e) => setChoice({ ...choice, q: e.target.value })} />
        </div>
        <PlacePicker
          anyLabel="全部"
          communityId={choice.communityId}
          gridId={choice.gridId}
          onChange={(communityId, gridId) => choose({ communityId, gridId })}
        />
        <Select label="排查状态" value={choice.status} onChange={(e) => choose({ status: e.target.value })}>
          <option value="">全部</option>
          {SCREENING_STATUSES.map((s) => (
            <option key={s} value={s}>
              {SCREENING_LABELS[s]}
            </option>
          ))}
        </Select>
        <button className="primary" type="submit">
          查询
        </button>
        <RowCount count={paged.count} unit="户" />
      </form>
      <Message msg={msg} />
      {canWrite && (
        <p className="field-note" aria-label="怎样登记入户排查">
          入户走访后，在这一户的行里双击「排查状态」选择结果，「排查日期」自动填今天（双击可从日历改选；复访也这样登记，之前的走访记录保留，在「成员」里可看），再双击「排查人」「排查结果」填写；每改一格即保存。
        </p>
      )}
      <DataGrid<HouseholdListRow>
        label="住户列表"
        height="calc(100vh - 316px)"
        chooseColumns
        paged={paged}
        empty={
          choice.q.trim() || choice.communityId || choice.status
            ? { text: '没有符合筛选条件的住户。' }
            : nothingYet('住户', canWrite, '从社区报来的住户表导入，或到「入户登记」逐户登记。')
        }
        getRowId={(p) => String(p.data.id)}
        columnDefs={[
          // A width of its own: sized to the addresses on screen, one written in full (「…（原…家属院北院）」) pinned 470 px
          // and pushed 排查人 and 排查结果 off a 1366 screen. 15 characters show (幸福里小区3号楼2单元501室); longer ones end
          // in 「…」, whole on hover and in 成员.
          { field: 'address', headerName: '住址', pinned: 'left', width: 240, tooltipField: 'address' },
          // Widths of their own too, for 排查结果's sake: sized to their words with room for a header's sort arrow, each
          // column here took 108 px for 「幸福社区」 and left 排查结果 four characters (「有外地返」) at 1366. A longer name ends in
          // 「…」, whole on hover.
          { field: 'communityName', headerName: '社区', width: 96, sortable: false, tooltipField: 'communityName' },
          { field: 'gridName', headerName: '网格', width: 90, sortable: false, tooltipField: 'gridName' },
          { field: 'headName', headerName: '户主', width: 90, tooltipField: 'headName' },
          { field: 'phone', headerName: '电话', width: 130, sortable: false, hide: true },
          {
            field: 'residentCount',
            headerName: '人数',
            width: 84,
            sortable: false,
            // Who lives there: the members, masked as the role sees them, 户主 marked (HouseholdPanel).
            cellRenderer: (p: { data?: HouseholdListRow }) =>
              p.data ? (
                <span style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
                  {p.data.residentCount}
                  <button type="button" className="link" aria-label={`查看${p.data.address}的成员`} onClick={() => setShown(p.data!.id)}>
                    成员
                  </button>
                </span>
              ) : null,
          },
          {
            field: 'screeningStatus',
            headerName: '排查状态',
            width: 136,
            tooltipValueGetter: (p) => (p.data ? screeningStateText(p.data) : ''),
            sortable: false,
            editable: canWrite,
            cellEditor: 'agSelectCellEditor',
            cellEditorParams: { values: [...SCREENING_STATUSES] },
            // The editor's list shows the labels; the cell says 不在家（2020-02-03 已排查）: a later visit does not take
            // back a screening (coverage and the 已排查 filter count it).
            valueFormatter: (p) => (p.value ? SCREENING_LABELS[p.value as ScreeningStatus] : ''),
            // 「不在家（2020-02-03 已排查）」 took 200 px: the visit's result and a 曾排查 mark, the day on hover (as above).
            cellRenderer: (p: { data?: HouseholdListRow; value?: ScreeningStatus }) =>
              p.data && p.value ? (
                <>
                  {SCREENING_LABELS[p.value]}
                  {screenedBefore({ ...p.data, screeningStatus: p.value }) && (
                    <span className="tag" style={{ marginLeft: 6 }}>
                      曾排查
                    </span>
                  )}
                </>
              ) : (
                ''
              ),
          },
          // A date box, not free text: no 2020-02-30, no future day (the core checks the same and names the field).
          {
            field: 'screenedOn',
            headerName: '排查日期',
            width: 112,
            editable: canWrite,
            cellEditor: 'agDateStringCellEditor',
            cellEditorParams: () => ({ max: officeToday() }),
          },
          { field: 'screenedBy', headerName: '排查人', width: 90, sortable: false, editable: canWrite, tooltipField: 'screenedBy' },
          // One line, ending in 「…」 when long, whole on hover: the grid pages from the core (one row height for all), so a
          // wrapped result showed the top of its second line across the row's foot.
          { field: 'screeningResult', headerName: '排查结果', flex: 1, minWidth: 220, tooltipField: 'screeningResult', sortable: false, editable: canWrite },
          { field: 'revisitOn', headerName: '复访日期', width: 112, editable: canWrite, cellEditor: 'agDateStringCellEditor' },
        ]}
        onCellValueChanged={(e) => {
          // A result chosen in 排查状态 is a visit made today (as the hint says): dated the office's today and shown at
          // once. Keeping the row's earlier date would rewrite that day's visit (已排查 on 02-03 becoming 不在家 on
          // 02-03) instead of adding today's; to correct the earlier visit, the user moves 排查日期 back to its day.
          const today = officeToday();
          const earlier = e.data.screenedOn && e.data.screenedOn !== today ? (e.data.screenedOn as string) : null;
          const dated = e.colDef.field === 'screeningStatus' && e.data.screeningStatus !== 'unscreened' && e.data.screenedOn !== today;
          const d = dated ? { ...e.data, screenedOn: today } : e.data;
          if (dated) e.node.setData(d);
          const saved = dated && earlier ? `已登记今天的走访（${earlier} 的记录保留）；如是更正 ${earlier} 的记录，把「排查日期」改回 ${earlier}` : '已保存';
          let stored: HouseholdListRow | null = null;
          void run(
            call('households.save', {
              id: d.id,
              communityId: d.communityId,
              screeningStatus: d.screeningStatus,
              screenedOn: d.screenedOn || null,
              screenedBy: d.screenedBy || null,
              screeningResult: d.screeningResult || null,
              revisitOn: d.revisitOn || null,
            }).then((row) => {
              // The row as the core keeps it: its latest visit by day, and the day it was screened (lastScreenedOn).
              e.node.setData((stored = row));
              return row;
            }),
            saved,
          ).then((ok) => {
            if (!ok) return refresh();
            const status = paged.filter().screeningStatus;
            if (stored && status && countedAs(stored) !== status)
              setMsg({ ok: true, text: `${saved}。这一户已不是「${SCREENING_LABELS[status]}」，仍留在这里便于填完这一行；点「查询」后不再列出` });
          });
        }}
      />
      {shown !== null && <HouseholdPanel key={shown} householdId={shown} onClose={() => setShown(null)} />}
    </div>
  );
}
