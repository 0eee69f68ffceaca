import type { ColDef, SortModelItem } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import type { CaseSortField } from '../../../../electron/core/caseload/case-sort.shared';
import {
  CASE_CATEGORIES,
  CASE_STATUSES,
  CATEGORY_LABELS,
  CATEGORY_SHORT_LABELS,
  OBSERVATION_CATEGORIES,
  RISK_LABELS,
  RISK_LEVELS,
  STATUS_LABELS,
  type CaseCategory,
  type CaseStatus,
  type RiskLevel,
} from '../../../../electron/core/caseload/codes.shared';
import type { CaseListRow } from '../../../../electron/core/caseload/list-types.shared';
import { RETURNEE_LABELS, teamShown, travelText } from '../../../../electron/core/caseload/returnee.shared';
import type { ApiInput } from '../../../../electron/core/api';
import { call, errorMessage } from '../../api/client';
import { DataGrid, RowCount } from '../../kit/grid/DataGrid';
import { usePagedRows } from '../../kit/grid/paged-rows';
import { gridTheme } from '../../kit/grid/setup';
import { CaseDrawer } from './CaseDrawer';
import { toCsv } from './csv';
import { downloadText } from './download';
import { MaskedNote, revealCellRenderer } from './RevealCell';
import { nothingYet, numOrUndefined, PersonSearch, PlacePicker } from './shared';
import { Message, useRunner } from '../../kit/Message';
import { Select } from '../../kit/Select';
import { useRoleAtLeast } from '../../kit/session-context';
import { officeToday } from '../../kit/datetime';

type Filter = NonNullable<ApiInput<'cases.list'>['filter']>;
const SORTABLE: Partial<Record<string, CaseSortField>> = {
  name: 'name',
  category: 'category',
  status: 'status',
  riskLevel: 'riskLevel',
  openedOn: 'openedOn',
  dueOn: 'dueOn',
  lastCheckOn: 'lastCheckOn',
  communityName: 'communityName',
};
/** 类别 in the URL: one category, `observation` (居家 + 医学观察, as 工作台's 正在观察 counts), or a comma list. */
const OBSERVATION = 'observation';
function categoriesOf(value: string): Pick<Filter, 'category' | 'categories'> {
  if (value === '') return {};
  const list =
    value === OBSERVATION ? [...OBSERVATION_CATEGORIES] : value.split(',').filter((c): c is CaseCategory => (CASE_CATEGORIES as readonly string[]).includes(c));
  if (list.length === 0) return {};
  return list.length === 1 ? { category: list[0] } : { categories: list };
}
const statusOf = (value: string | null): string => ((CASE_STATUSES as readonly string[]).includes(value ?? '') ? value! : '');
const categoryText = (p: { value?: unknown }): string => (p.value ? CATEGORY_LABELS[p.value as CaseCategory] : '');
// The column is four characters wide: the short name shows, the long one on hover.
const categoryShort = (p: { value?: unknown }): string => (p.value ? CATEGORY_SHORT_LABELS[p.value as CaseCategory] : '');
const statusText = (p: { value?: unknown }): string => (p.value ? STATUS_LABELS[p.value as CaseStatus] : '');
/** Many columns at 1366 wide: 10 px each side of a cell instead of 16 (the words stay at their size). */
const COMPACT_THEME = gridTheme.withParams({ cellHorizontalPadding: 10 });
const toSort = (m: SortModelItem[]) => m.flatMap((s) => (SORTABLE[s.colId] ? [{ field: SORTABLE[s.colId]!, dir: s.sort }] : [])).slice(0, 3);

/** The case grid: ag-grid's Infinite Row Model, every page, sort and filter computed in the core. */

// Stable across renders, so choosing a filter only refetches rows and never rebuilds the grid.
const MULTI_ROW = { mode: 'multiRow', checkboxes: true, headerCheckbox: false } as const;
const rowId = (p: { data: CaseListRow }): string => String(p.data.id);
// The tick box first, pinned with the name it ticks.
const SELECTION_COLUMN = { pinned: 'left', width: 44, minWidth: 44, resizable: false } as const;
/** The choices on the toolbar, as the inputs hold them. */
interface Choice {
  q: string;
  communityId: string;
  gridId: string;
  category: string;
  status: string;
  overdue: boolean;
  active: boolean;
}
const NO_CHOICE: Choice = { q: '', communityId: '', gridId: '', category: '', status: '', overdue: false, active: false };
const choiceFrom = (p: URLSearchParams): Choice => ({
  q: p.get('q') ?? '',
  communityId: p.get('communityId') ?? '',
  gridId: p.get('gridId') ?? '',
  category: Object.keys(categoriesOf(p.get('category') ?? '')).length ? p.get('category')! : '',
  status: statusOf(p.get('status')),
  overdue: p.get('overdue') === '1',
  active: p.get('active') === '1',
});
const filterOf = (c: Choice): Filter => ({
  ...(c.q.trim() ? { q: c.q.trim() } : {}),
  communityId: numOrUndefined(c.communityId),
  gridId: numOrUndefined(c.gridId),
  ...categoriesOf(c.category),
  status: (c.status || undefined) as CaseStatus | undefined,
  ...(c.overdue ? { overdue: true } : {}),
  ...(c.active ? { active: true } : {}),
});

export function CasesGrid({ initial }: { initial: URLSearchParams }) {
  const canWrite = useRoleAtLeast('clerk');
  const [choice, setChoice] = useState(() => choiceFrom(initial));
  const [openId, setOpenId] = useState<number | null>(null);
  const [bulkTo, setBulkTo] = useState('');
  const [bulkReason, setBulkReason] = useState('');
  const { msg, run, setMsg } = useRunner(() => paged.refresh());
  const paged = usePagedRows<CaseListRow, Filter>(
    filterOf(choice),
    (filter, sort, offset, limit) => call('cases.list', { filter, sort: toSort(sort), offset, limit }),
    (e) => setMsg({ ok: false, text: errorMessage(e) }),
  );
  const refresh = paged.refresh;
  // Choosing from a list applies at once, and the rows are asked for before the choice is drawn; typed search applies on Enter or 查询.
  const choose = (patch: Partial<Choice>) => {
    const next = { ...choice, ...patch };
    paged.apply(filterOf(next));
    setChoice(next);
  };
  const filtered = Object.values(filterOf(choice)).some((v) => v !== undefined);
  const clearFilters = () => choose(NO_CHOICE);

  const columns = useMemo<Array<ColDef<CaseListRow>>>(
    () => [
      // At 1366×768 the first screen reads a person by who, what, where, from where and when, and whether they are being
      // checked (session 19: 住址 was cut and 来源地 / 返程日期 needed sideways scrolling). Widths fit the usual words at the
      // grid's compact padding; longer ones show whole on hover. 风险 and the masked numbers follow to the right (and are in the drawer).
      { field: 'name', headerName: '姓名', width: 84, pinned: 'left', tooltipField: 'name' },
      { field: 'category', headerName: '类别', width: 96, valueFormatter: categoryShort, tooltipValueGetter: categoryText },
      // 7 characters at 14 px (「已到达医疗机构」) and the compact padding: the longest status whole; 住址 gives the room.
      { field: 'status', headerName: '状态', width: 120, valueFormatter: statusText, tooltipValueGetter: statusText },
      { field: 'communityName', headerName: '社区', width: 96, tooltipField: 'communityName' },
      { field: 'gridName', headerName: '网格', width: 72, sortable: false, tooltipField: 'gridName' },
      { field: 'address', headerName: '住址', width: 226, sortable: false, tooltipField: 'address' },
      // Returnee details as the communities' sheets carry them (issue 14): shown, not filtered or sorted.
      { field: 'origin', headerName: RETURNEE_LABELS.origin, width: 108, sortable: false, tooltipField: 'origin' },
      { field: 'arrivedOn', headerName: RETURNEE_LABELS.arrivedOn, width: 100, sortable: false },
      { field: 'lastCheckOn', headerName: '最近监测', width: 100 },
      { field: 'overdueDays', headerName: '漏查天数', width: 84, sortable: false, cellClass: (p) => ((p.value as number) > 0 ? 'cl-flag' : '') },
      {
        field: 'riskLevel',
        headerName: '风险',
        width: 80,
        editable: (p) => canWrite && p.data?.closedOn === null,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: [...RISK_LEVELS] },
        valueFormatter: (p) => (p.value ? RISK_LABELS[p.value as RiskLevel] : ''),
      },
      {
        field: 'idNumber',
        headerName: '身份证号',
        width: 205,
        sortable: false,
        cellRenderer: revealCellRenderer('idNumber', canWrite),
      },
      {
        field: 'phone',
        headerName: '联系电话',
        width: 160,
        sortable: false,
        cellRenderer: revealCellRenderer('phone', canWrite),
      },
      // Secondary at 1366 wide: behind 「显示列」, and always in the case drawer.
      { field: 'openedOn', headerName: '登记日期', width: 120, hide: true },
      { field: 'dueOn', headerName: '办结期限', width: 120, hide: true, editable: (p) => canWrite && p.data?.closedOn === null },
      { field: 'staffName', headerName: '责任人', sortable: false, hide: true },
      {
        colId: 'transport',
        headerName: RETURNEE_LABELS.transport,
        width: 150,
        sortable: false,
        hide: true,
        valueGetter: (p) => (p.data ? travelText(p.data) : ''),
      },
      {
        colId: 'team',
        headerName: '包保责任人',
        width: 240,
        sortable: false,
        hide: true,
        tooltipValueGetter: (p) => (p.data ? teamShown(p.data) : ''),
        valueGetter: (p) => (p.data ? teamShown(p.data) : ''),
      },
      { field: 'notes', headerName: '备注', width: 220, sortable: false, hide: true, editable: (p) => canWrite && p.data?.closedOn === null },
    ],
    [canWrite],
  );

  const bulkTransition = () => {
    const ids = (paged.api()?.getSelectedRows() ?? []).map((r) => r.id);
    if (ids.length === 0) return setMsg({ ok: false, text: '请先勾选个案' });
    void run(call('cases.bulkTransition', { caseIds: ids, to: bulkTo as CaseStatus, reason: bulkReason || null }), `已修改 ${ids.length} 个个案的状态`);
  };

  const exportCsv = async () => {
    const rows: CaseListRow[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await call('cases.list', {
        filter: paged.filter(),
        sort: toSort(
          paged
            .api()
            ?.getColumnState()
            .filter((c) => c.sort)
            .map((c) => ({ colId: c.colId, sort: c.sort! })) ?? [],
        ),
        offset,
        limit: 1000,
      });
      rows.push(...page.rows);
      if (rows.length >= page.total || page.rows.length === 0) break;
    }
    const header = [
      '姓名',
      '身份证号',
      '联系电话',
      '类别',
      '状态',
      '风险',
      '社区',
      '网格',
      '住址',
      '登记日期',
      '办结期限',
      '最近监测',
      '漏查天数',
      '责任人',
      RETURNEE_LABELS.origin,
      RETURNEE_LABELS.arrivedOn,
      RETURNEE_LABELS.transport,
      '包保责任人',
      '备注',
    ];
    const body = rows.map((r) => [
      r.name,
      r.idNumber,
      r.phone,
      CATEGORY_LABELS[r.category],
      STATUS_LABELS[r.status],
      RISK_LABELS[r.riskLevel],
      r.communityName,
      r.gridName,
      r.address,
      r.openedOn,
      r.dueOn,
      r.lastCheckOn,
      r.overdueDays,
      r.staffName,
      r.origin,
      r.arrivedOn,
      travelText(r),
      teamShown(r),
      r.notes,
    ]);
    downloadText(`人员台账-${officeToday()}.csv`, toCsv(header, body));
    setMsg({ ok: true, text: `已导出 ${rows.length} 行` });
  };

  return (
    <div>
      <form className="toolbar" onSubmit={(e) => (e.preventDefault(), choose({}))}>
        <PersonSearch id="case-search" value={choice.q} onChange={(q) => setChoice({ ...choice, q })} canWrite={canWrite} />
        <PlacePicker
          anyLabel="全部"
          communityId={choice.communityId}
          gridId={choice.gridId}
          onChange={(communityId, gridId) => choose({ communityId, gridId })}
        />
        <Select label="类别" value={choice.category} onChange={(e) => choose({ category: e.target.value })}>
          <option value="">全部</option>
          <option value={OBSERVATION}>正在观察（居家＋医学观察）</option>
          {CASE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
          {choice.category !== '' && choice.category !== OBSERVATION && !(CASE_CATEGORIES as readonly string[]).includes(choice.category) && (
            <option value={choice.category}>所选的几类</option>
          )}
        </Select>
        <Select label="状态" value={choice.status} onChange={(e) => choose({ status: e.target.value })}>
          <option value="">全部</option>
          {CASE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
        <label className="cl-check">
          <input type="checkbox" checked={choice.active} onChange={(e) => choose({ active: e.target.checked })} />
          只看在办
        </label>
        <label className="cl-check">
          <input type="checkbox" checked={choice.overdue} onChange={(e) => choose({ overdue: e.target.checked })} />
          只看逾期未监测
        </label>
        <button className="primary" type="submit">
          查询
        </button>
      </form>
      <Message msg={msg} />
      <DataGrid<CaseListRow>
        label="个案列表"
        height="calc(100vh - 300px)"
        chooseColumns
        bar={
          <>
            <RowCount count={paged.count} />
            {!canWrite && <MaskedNote />}
            {canWrite && (
              <>
                <Select label="批量改为" value={bulkTo} onChange={(e) => setBulkTo(e.target.value)}>
                  <option value="">请选择状态</option>
                  {CASE_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {STATUS_LABELS[s]}
                    </option>
                  ))}
                </Select>
                <div className="field">
                  <label htmlFor="bulk-reason">原因</label>
                  <input id="bulk-reason" value={bulkReason} onChange={(e) => setBulkReason(e.target.value)} />
                </div>
                <button type="button" disabled={bulkTo === ''} onClick={bulkTransition}>
                  批量改状态
                </button>
              </>
            )}
            <button type="button" onClick={() => void exportCsv().catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }))}>
              导出 CSV
            </button>
            {/* Who is under observation in the last 7 days, per community, for the checkpoint and the grid workers (export/ObservationRosterPrint.tsx). */}
            <a href="#/print/observation-roster">打印观察人员名单</a>
          </>
        }
        paged={paged}
        empty={
          filtered
            ? { text: '没有符合筛选条件的个案。', action: { label: '清除筛选', onClick: clearFilters } }
            : nothingYet('个案', canWrite, '从社区报来的表格导入，或到「入户登记」逐户登记。')
        }
        animateRows={false}
        theme={COMPACT_THEME}
        getRowId={rowId}
        columnDefs={columns}
        rowSelection={canWrite ? MULTI_ROW : undefined}
        selectionColumnDef={SELECTION_COLUMN}
        onRowClicked={(e) => e.data && !(e.event?.target instanceof HTMLButtonElement) && setOpenId(e.data.id)}
        onCellValueChanged={(e) => {
          const field = e.colDef.field;
          const input =
            field === 'riskLevel'
              ? { riskLevel: e.newValue as RiskLevel }
              : field === 'dueOn'
                ? { dueOn: (e.newValue as string) || null }
                : { notes: (e.newValue as string) || null };
          void run(call('cases.update', { caseId: e.data.id, ...input }), '已保存').then((ok) => ok || refresh());
        }}
      />
      {openId !== null && <CaseDrawer caseId={openId} onClose={() => setOpenId(null)} onChanged={refresh} />}
    </div>
  );
}
