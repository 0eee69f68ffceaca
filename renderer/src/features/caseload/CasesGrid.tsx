import { useMemo, useState } from 'react';
import {
  CASE_CATEGORIES,
  CASE_STATUSES,
  CATEGORY_LABELS,
  STATUS_LABELS,
  type CaseStatus,
  type RiskLevel,
} from '../../../../electron/core/caseload/codes.shared';
import type { CaseListRow } from '../../../../electron/core/caseload/list-types.shared';
import { call, errorMessage } from '../../api/client';
import { DataGrid, RowCount } from '../../kit/grid/DataGrid';
import { usePagedRows } from '../../kit/grid/paged-rows';
import { COMPACT_GRID_THEME } from '../../kit/grid/setup';
import { CaseDrawer } from './CaseDrawer';
import { caseColumns, toSort } from './case-grid-columns';
import { allCases, casesCsv } from './case-grid-csv';
import { choiceFrom, filterOf, NO_CHOICE, OBSERVATION, type Choice, type Filter } from './case-grid-filter';
import { downloadText } from './download';
import { MaskedNote } from './RevealCell';
import { nothingYet, PersonSearch, PlacePicker } from './shared';
import { Message, useRunner } from '../../kit/Message';
import { Select } from '../../kit/Select';
import { useRoleAtLeast } from '../../kit/session-context';
import { officeToday } from '../../kit/datetime';

// Stable across renders, so choosing a filter only refetches rows and never rebuilds the grid.
const MULTI_ROW = { mode: 'multiRow', checkboxes: true, headerCheckbox: false } as const;
const rowId = (p: { data: CaseListRow }): string => String(p.data.id);
// The tick box first, pinned with the name it ticks.
const SELECTION_COLUMN = { pinned: 'left', width: 44, minWidth: 44, resizable: false } as const;

/** The case grid: ag-grid's Infinite Row Model, every page, sort and filter computed in the core. */
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

  const columns = useMemo(() => caseColumns(canWrite), [canWrite]);

  const bulkTransition = () => {
    const ids = (paged.api()?.getSelectedRows() ?? []).map((r) => r.id);
    if (ids.length === 0) return setMsg({ ok: false, text: '请先勾选个案' });
    void run(call('cases.bulkTransition', { caseIds: ids, to: bulkTo as CaseStatus, reason: bulkReason || null }), `已修改 ${ids.length} 个个案的状态`);
  };

  const exportCsv = async () => {
    const sort =
      paged
        .api()
        ?.getColumnState()
        .filter((c) => c.sort)
        .map((c) => ({ colId: c.colId, sort: c.sort! })) ?? [];
    const rows = await allCases(paged.filter(), sort);
    downloadText(`人员台账-${officeToday()}.csv`, casesCsv(rows));
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
          <option value={OBSERVATION}>居家＋医学观察</option>
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
        {/* One over the other: side by side they pushed 查询 to a second line at 1366. */}
        <div className="cl-checks">
          <label>
            <input type="checkbox" checked={choice.active} onChange={(e) => choose({ active: e.target.checked })} />
            只看在办
          </label>
          <label>
            <input type="checkbox" checked={choice.observing} onChange={(e) => choose({ observing: e.target.checked })} />
            只看观察期内
          </label>
        </div>
        <label>
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
                  <input id="bulk-reason" className="bulk-reason" value={bulkReason} onChange={(e) => setBulkReason(e.target.value)} />
                </div>
                <button type="button" disabled={bulkTo === ''} onClick={bulkTransition}>
                  批量改状态
                </button>
              </>
            )}
            <button type="button" onClick={() => void exportCsv().catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }))}>
              导出表格（CSV，可用 WPS 打开）
            </button>
            {/* Who is under observation in the last 7 days, per community, for the checkpoint and the grid workers (export/ObservationRosterPrint.tsx). */}
            <a href="#/print/observation-roster">打印观察人员名单</a>
            {/* Beside 显示列, not among the filters: a fourth tick box there pushed 查询 onto a second line at 1366 px and the grid's foot below the window. */}
            <label>
              <input type="checkbox" checked={choice.withVoided} onChange={(e) => choose({ withVoided: e.target.checked })} />
              显示已作废
            </label>
          </>
        }
        paged={paged}
        empty={
          filtered
            ? { text: '没有符合筛选条件的个案。', action: { label: '清除筛选', onClick: clearFilters } }
            : nothingYet('个案', canWrite, '从社区报来的表格导入，或到「入户登记」逐户登记。')
        }
        animateRows={false}
        theme={COMPACT_GRID_THEME}
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
