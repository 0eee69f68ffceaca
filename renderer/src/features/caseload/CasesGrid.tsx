import type { ColDef, GridApi, IDatasource, SortModelItem } from 'ag-grid-community';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CaseSortField } from '../../../../electron/core/caseload/case-sort.shared';
import {
  CASE_CATEGORIES,
  CASE_STATUSES,
  CATEGORY_LABELS,
  OBSERVATION_CATEGORIES,
  RISK_LABELS,
  RISK_LEVELS,
  STATUS_LABELS,
  type CaseCategory,
  type CaseStatus,
  type RiskLevel,
} from '../../../../electron/core/caseload/codes.shared';
import type { CaseListRow } from '../../../../electron/core/caseload/list-types.shared';
import { RETURNEE_LABELS, teamText, travelText } from '../../../../electron/core/caseload/returnee.shared';
import type { ApiInput } from '../../../../electron/core/api';
import { call, errorMessage } from '../../api/client';
import { DataGrid } from '../../kit/grid/DataGrid';
import { CaseDrawer } from './CaseDrawer';
import { toCsv } from './csv';
import { downloadText } from './download';
import { RevealCell } from './RevealCell';
import { numOrUndefined, PlacePicker } from './shared';
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
const toSort = (m: SortModelItem[]) => m.flatMap((s) => (SORTABLE[s.colId] ? [{ field: SORTABLE[s.colId]!, dir: s.sort }] : [])).slice(0, 3);

/** The case grid: ag-grid's Infinite Row Model, every page, sort and filter computed in the core. */

// Stable across renders, so choosing a filter only refetches rows and never rebuilds the grid.
const MULTI_ROW = { mode: 'multiRow', checkboxes: true, headerCheckbox: false } as const;
const rowId = (p: { data: CaseListRow }): string => String(p.data.id);
// The tick box first, pinned with the name it ticks.
const SELECTION_COLUMN = { pinned: 'left', width: 44, minWidth: 44, resizable: false } as const;
export function CasesGrid({ initial }: { initial: URLSearchParams }) {
  const canWrite = useRoleAtLeast('clerk');
  const [q, setQ] = useState(initial.get('q') ?? '');
  const [place, setPlace] = useState({ communityId: initial.get('communityId') ?? '', gridId: initial.get('gridId') ?? '' });
  const [category, setCategory] = useState(() => (Object.keys(categoriesOf(initial.get('category') ?? '')).length ? initial.get('category')! : ''));
  const [status, setStatus] = useState(() => statusOf(initial.get('status')));
  const [overdue, setOverdue] = useState(initial.get('overdue') === '1');
  const [active, setActive] = useState(initial.get('active') === '1');
  const [total, setTotal] = useState<number | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [bulkTo, setBulkTo] = useState('');
  const [bulkReason, setBulkReason] = useState('');
  const api = useRef<GridApi<CaseListRow> | null>(null);
  // Reloads the rows the grid holds and keeps them on screen until the new ones come: a purge drew the grid twice
  // (empty loading rows, then the rows), which took most of the time from choosing a community to its rows (npm run bench, screen).
  const refresh = () => api.current?.refreshInfiniteCache();
  const { msg, run, setMsg } = useRunner(refresh);

  const filter: Filter = {
    ...(q.trim() ? { q: q.trim() } : {}),
    communityId: numOrUndefined(place.communityId),
    gridId: numOrUndefined(place.gridId),
    ...categoriesOf(category),
    status: (status || undefined) as CaseStatus | undefined,
    ...(overdue ? { overdue: true } : {}),
    ...(active ? { active: true } : {}),
  };
  const filtered = Object.values(filter).some((v) => v !== undefined);
  const clearFilters = () => {
    setQ('');
    setPlace({ communityId: '', gridId: '' });
    setCategory('');
    setStatus('');
    setOverdue(false);
    setActive(false);
    filterRef.current = {};
    refresh();
  };
  const filterRef = useRef(filter);
  filterRef.current = filter;
  // Choosing from a list applies at once; typed search applies on Enter or 查询.
  useEffect(() => api.current?.refreshInfiniteCache(), [place.communityId, place.gridId, category, status, overdue, active]);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(p) {
        call('cases.list', { filter: filterRef.current, sort: toSort(p.sortModel), offset: p.startRow, limit: p.endRow - p.startRow })
          .then((r) => (setTotal(r.total), p.successCallback(r.rows, r.total)))
          .catch((e: unknown) => (setMsg({ ok: false, text: errorMessage(e) }), p.failCallback()));
      },
    }),
    [setMsg],
  );

  const columns = useMemo<Array<ColDef<CaseListRow>>>(
    () => [
      { field: 'name', headerName: '姓名', width: 100, pinned: 'left' },
      {
        field: 'idNumber',
        headerName: '身份证号',
        width: 205,
        sortable: false,
        cellRenderer: (p: { data?: CaseListRow }) =>
          p.data ? <RevealCell residentId={p.data.residentId} field="idNumber" masked={p.data.idNumber} allowed={canWrite} name={p.data.name} /> : null,
      },
      {
        field: 'phone',
        headerName: '联系电话',
        width: 160,
        sortable: false,
        cellRenderer: (p: { data?: CaseListRow }) =>
          p.data ? <RevealCell residentId={p.data.residentId} field="phone" masked={p.data.phone} allowed={canWrite} name={p.data.name} /> : null,
      },
      { field: 'category', headerName: '类别', valueFormatter: (p) => (p.value ? CATEGORY_LABELS[p.value as CaseCategory] : '') },
      { field: 'status', headerName: '状态', valueFormatter: (p) => (p.value ? STATUS_LABELS[p.value as CaseStatus] : '') },
      {
        field: 'riskLevel',
        headerName: '风险',
        width: 80,
        editable: (p) => canWrite && p.data?.closedOn === null,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: [...RISK_LEVELS] },
        valueFormatter: (p) => (p.value ? RISK_LABELS[p.value as RiskLevel] : ''),
      },
      { field: 'communityName', headerName: '社区' },
      { field: 'gridName', headerName: '网格', sortable: false },
      { field: 'address', headerName: '住址', sortable: false },
      // Secondary at 1366 wide: behind 「显示列」, and always in the case drawer.
      { field: 'openedOn', headerName: '登记日期', width: 120, hide: true },
      { field: 'dueOn', headerName: '办结期限', width: 120, hide: true, editable: (p) => canWrite && p.data?.closedOn === null },
      { field: 'lastCheckOn', headerName: '最近监测', width: 120 },
      { field: 'overdueDays', headerName: '漏查天数', width: 100, sortable: false, cellClass: (p) => ((p.value as number) > 0 ? 'cl-flag' : '') },
      { field: 'staffName', headerName: '责任人', sortable: false, hide: true },
      // Returnee details as the communities' sheets carry them (issue 14): shown, not filtered or sorted.
      { field: 'origin', headerName: RETURNEE_LABELS.origin, sortable: false },
      { field: 'arrivedOn', headerName: RETURNEE_LABELS.arrivedOn, width: 110, sortable: false },
      {
        colId: 'transport',
        headerName: RETURNEE_LABELS.transport,
        width: 150,
        sortable: false,
        hide: true,
        valueGetter: (p) => (p.data ? travelText(p.data) : ''),
      },
      { colId: 'team', headerName: '包保责任人', width: 240, sortable: false, hide: true, valueGetter: (p) => (p.data ? teamText(p.data) : '') },
      { field: 'notes', headerName: '备注', width: 220, sortable: false, hide: true, editable: (p) => canWrite && p.data?.closedOn === null },
    ],
    [canWrite],
  );

  const bulkTransition = () => {
    const ids = (api.current?.getSelectedRows() ?? []).map((r) => r.id);
    if (ids.length === 0) return setMsg({ ok: false, text: '请先勾选个案' });
    void run(call('cases.bulkTransition', { caseIds: ids, to: bulkTo as CaseStatus, reason: bulkReason || null }), `已修改 ${ids.length} 个个案的状态`);
  };

  const exportCsv = async () => {
    const rows: CaseListRow[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await call('cases.list', {
        filter,
        sort: toSort(
          api.current
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
      teamText(r),
      r.notes,
    ]);
    downloadText(`人员台账-${officeToday()}.csv`, toCsv(header, body));
    setMsg({ ok: true, text: `已导出 ${rows.length} 行` });
  };

  return (
    <div>
      <form className="toolbar" onSubmit={(e) => (e.preventDefault(), refresh())}>
        <div className="field">
          <label htmlFor="case-search">搜索</label>
          <input
            id="case-search"
            className="search-wide"
            placeholder={canWrite ? '姓名 / 身份证后几位 / 电话' : '姓名（只读账号只能按姓名搜索）'}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        <PlacePicker
          anyLabel="全部"
          communityId={place.communityId}
          gridId={place.gridId}
          onChange={(communityId, gridId) => setPlace({ communityId, gridId })}
        />
        <Select label="类别" value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">全部</option>
          <option value={OBSERVATION}>正在观察（居家＋医学观察）</option>
          {CASE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
          {category !== '' && category !== OBSERVATION && !(CASE_CATEGORIES as readonly string[]).includes(category) && (
            <option value={category}>所选的几类</option>
          )}
        </Select>
        <Select label="状态" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">全部</option>
          {CASE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
        <label className="cl-check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          只看在办
        </label>
        <label className="cl-check">
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} />
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
            <span aria-live="polite" className="grid-count">
              {total === null ? '' : `共 ${total} 条`}
            </span>
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
          </>
        }
        rowCount={total}
        empty={
          filtered
            ? { text: '没有符合筛选条件的个案。', action: { label: '清除筛选', onClick: clearFilters } }
            : {
                text: '台账里还没有个案。从社区报来的表格导入，或到「入户登记」逐户登记。',
                ...(canWrite ? { action: { label: '导入表格', href: '#/import' } } : {}),
              }
        }
        rowModelType="infinite"
        cacheBlockSize={100}
        maxBlocksInCache={20}
        animateRows={false}
        datasource={datasource}
        getRowId={rowId}
        columnDefs={columns}
        rowSelection={canWrite ? MULTI_ROW : undefined}
        selectionColumnDef={SELECTION_COLUMN}
        onGridReady={(e) => (api.current = e.api)}
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
