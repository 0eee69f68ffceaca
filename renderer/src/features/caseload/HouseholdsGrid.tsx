import type { GridApi, IDatasource } from 'ag-grid-community';
import { useEffect, useMemo, useRef, useState } from 'react';
import { SCREENING_LABELS, SCREENING_STATUSES, type ScreeningStatus } from '../../../../electron/core/caseload/codes.shared';
import type { HouseholdListRow } from '../../../../electron/core/caseload/list-types.shared';
import { call, errorMessage } from '../../api/client';
import { DataGrid } from '../../kit/grid/DataGrid';
import { numOrUndefined, PlacePicker } from './shared';
import { Message, useRunner } from '../../kit/Message';
import { Select } from '../../kit/Select';
import { useRoleAtLeast } from '../../kit/session-context';

const SORTS = { address: 'address', screenedOn: 'screenedOn', revisitOn: 'revisitOn', headName: 'headName' } as const;

/** 入户排查: every household with its screening outcome, edited in the row (Infinite Row Model, paged in the core). */
export function HouseholdsGrid() {
  const canWrite = useRoleAtLeast('clerk');
  const [place, setPlace] = useState({ communityId: '', gridId: '' });
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const api = useRef<GridApi<HouseholdListRow> | null>(null);
  // Rows reloaded in place, kept on screen until the new ones come (as the case grid: one redraw, not two).
  const refresh = () => api.current?.refreshInfiniteCache();
  const { msg, run, setMsg } = useRunner(refresh);
  const filter = {
    communityId: numOrUndefined(place.communityId),
    gridId: numOrUndefined(place.gridId),
    screeningStatus: (status || undefined) as ScreeningStatus | undefined,
    ...(q.trim() ? { q: q.trim() } : {}),
  };
  const filterRef = useRef(filter);
  filterRef.current = filter;
  useEffect(() => api.current?.refreshInfiniteCache(), [place.communityId, place.gridId, status]);
  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(p) {
        const sort = p.sortModel.flatMap((s) => (s.colId in SORTS ? [{ field: SORTS[s.colId as keyof typeof SORTS], dir: s.sort }] : []));
        call('households.list', { filter: filterRef.current, sort, offset: p.startRow, limit: p.endRow - p.startRow })
          .then((r) => (setTotal(r.total), p.successCallback(r.rows, r.total)))
          .catch((e: unknown) => (setMsg({ ok: false, text: errorMessage(e) }), p.failCallback()));
      },
    }),
    [setMsg],
  );
  return (
    <div>
      <form className="toolbar" onSubmit={(e) => (e.preventDefault(), refresh())}>
        <div className="field">
          <label htmlFor="household-search">搜索</label>
          <input id="household-search" placeholder="户主姓名 / 门牌" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <PlacePicker
          anyLabel="全部"
          communityId={place.communityId}
          gridId={place.gridId}
          onChange={(communityId, gridId) => setPlace({ communityId, gridId })}
        />
        <Select label="排查状态" value={status} onChange={(e) => setStatus(e.target.value)}>
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
        <span aria-live="polite">{total === null ? '' : `共 ${total} 户`}</span>
      </form>
      <Message msg={msg} />
      <DataGrid<HouseholdListRow>
        label="住户列表"
        height="calc(100vh - 316px)"
        chooseColumns
        rowCount={total}
        empty={
          q.trim() || place.communityId || status
            ? { text: '没有符合筛选条件的住户。' }
            : {
                text: '台账里还没有住户。从社区报来的住户表导入，或到「入户登记」逐户登记。',
                ...(canWrite ? { action: { label: '导入表格', href: '#/import' } } : {}),
              }
        }
        rowModelType="infinite"
        cacheBlockSize={100}
        datasource={datasource}
        getRowId={(p) => String(p.data.id)}
        columnDefs={[
          { field: 'address', headerName: '住址', pinned: 'left' },
          { field: 'communityName', headerName: '社区', sortable: false },
          { field: 'gridName', headerName: '网格', sortable: false },
          { field: 'headName', headerName: '户主' },
          { field: 'phone', headerName: '电话', width: 130, sortable: false, hide: true },
          { field: 'residentCount', headerName: '人数', width: 70, sortable: false },
          {
            field: 'screeningStatus',
            headerName: '排查状态',
            width: 110,
            sortable: false,
            editable: canWrite,
            cellEditor: 'agSelectCellEditor',
            cellEditorParams: { values: [...SCREENING_STATUSES] },
            valueFormatter: (p) => (p.value ? SCREENING_LABELS[p.value as ScreeningStatus] : ''),
          },
          { field: 'screenedOn', headerName: '排查日期', width: 120, editable: canWrite },
          { field: 'screenedBy', headerName: '排查人', sortable: false, editable: canWrite },
          { field: 'screeningResult', headerName: '排查结果', flex: 1, minWidth: 180, wrapText: true, autoHeight: true, sortable: false, editable: canWrite },
          { field: 'revisitOn', headerName: '复访日期', width: 120, editable: canWrite },
        ]}
        onCellValueChanged={(e) => {
          const d = e.data;
          void run(
            call('households.save', {
              id: d.id,
              communityId: d.communityId,
              screeningStatus: d.screeningStatus,
              screenedOn: d.screenedOn || null,
              screenedBy: d.screenedBy || null,
              screeningResult: d.screeningResult || null,
              revisitOn: d.revisitOn || null,
            }),
            '已保存',
          ).then((ok) => ok || refresh());
        }}
      />
    </div>
  );
}
