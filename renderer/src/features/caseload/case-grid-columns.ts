/** The case grid's columns (CasesGrid.tsx) and the sort it asks the core for. */
import type { ColDef, SortModelItem } from 'ag-grid-community';
import type { CaseSortField } from '../../../../electron/core/caseload/case-sort.shared';
import { endedWindowText } from '../../../../electron/core/caseload/observation-days.shared';
import {
  CATEGORY_LABELS,
  CATEGORY_SHORT_LABELS,
  RISK_LABELS,
  RISK_LEVELS,
  STATUS_LABELS,
  type CaseCategory,
  type CaseStatus,
  type RiskLevel,
} from '../../../../electron/core/caseload/codes.shared';
import type { CaseListRow } from '../../../../electron/core/caseload/list-types.shared';
import { RETURNEE_LABELS, teamShown, travelText } from '../../../../electron/core/caseload/returnee.shared';
import { revealCellRenderer } from './RevealCell';

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
const categoryText = (p: { value?: unknown }): string => (p.value ? CATEGORY_LABELS[p.value as CaseCategory] : '');
// The column is four characters wide: the short name shows, the long one on hover.
const categoryShort = (p: { value?: unknown }): string => (p.value ? CATEGORY_SHORT_LABELS[p.value as CaseCategory] : '');
// A voided case (shown with 显示已作废) reads 已作废 where its status was: it is in no figure, whatever its status.
const statusText = (p: { value?: unknown; data?: CaseListRow }): string => (p.data?.voidedAt ? '已作废' : p.value ? STATUS_LABELS[p.value as CaseStatus] : '');
export const toSort = (m: SortModelItem[]) => m.flatMap((s) => (SORTABLE[s.colId] ? [{ field: SORTABLE[s.colId]!, dir: s.sort }] : [])).slice(0, 3);

/** The columns, those a clerk may edit editable when `canWrite`. */
export function caseColumns(canWrite: boolean): Array<ColDef<CaseListRow>> {
  return [
    // At 1366×768 the first screen reads a person by who, what, where, from where and when, and whether they are being
    // checked (session 19: 住址 was cut and 来源地 / 返程日期 needed sideways scrolling). Widths fit the usual words at the
    // grid's compact padding; longer ones show whole on hover. 风险's words are the last whole ones at 1366 (its column
    // reaches under the rows' scroll bar; session 27's walk found 「低」 cut to 「亻」 there); the masked numbers follow
    // to the right (and are in the drawer).
    { field: 'name', headerName: '姓名', width: 84, pinned: 'left', tooltipField: 'name' },
    // Four characters (every short name) and the compact padding.
    { field: 'category', headerName: '类别', width: 80, valueFormatter: categoryShort, tooltipValueGetter: categoryText },
    // 7 characters at 14 px (「已到达医疗机构」) and the compact padding: the longest status whole; 住址 gives the room.
    {
      field: 'status',
      headerName: '状态',
      width: 120,
      valueFormatter: statusText,
      tooltipValueGetter: (p) => (p.data?.voidedAt ? `已作废：${p.data.voidReason ?? ''}` : statusText(p)),
      cellClass: (p) => (p.data?.voidedAt ? 'cl-flag' : ''),
    },
    { field: 'communityName', headerName: '社区', width: 96, tooltipField: 'communityName' },
    { field: 'gridName', headerName: '网格', width: 72, sortable: false, tooltipField: 'gridName' },
    { field: 'address', headerName: '住址', width: 218, sortable: false, tooltipField: 'address' },
    // Returnee details as the communities' sheets carry them (issue 14): shown, not filtered or sorted.
    { field: 'origin', headerName: RETURNEE_LABELS.origin, width: 108, sortable: false, tooltipField: 'origin' },
    { field: 'arrivedOn', headerName: RETURNEE_LABELS.arrivedOn, width: 100, sortable: false },
    { field: 'lastCheckOn', headerName: '最近监测', width: 100 },
    // An ended window's days stay the window's, marked 期满 and not flagged: no check is owed any more (an old sheet
    // imported today). Width kept: the column ends inside a 1366-wide window (import-returnees.e2e.ts).
    {
      field: 'overdueDays',
      headerName: '漏查天数',
      width: 84,
      sortable: false,
      valueFormatter: (p) => (p.data?.obsEnded === true && (p.value as number) > 0 ? `${p.value as number} 期满` : String(p.value as number)),
      tooltipValueGetter: (p) => (p.data?.obsEnded === true ? endedWindowText(p.data.overdueDays) : null),
      cellClass: (p) => ((p.value as number) > 0 && p.data?.obsEnded !== true ? 'cl-flag' : ''),
    },
    {
      field: 'riskLevel',
      headerName: '风险',
      // One character (高/中/低) under a two-character header with room for its sort arrow.
      width: 64,
      editable: (p) => canWrite && p.data?.closedOn === null && p.data.voidedAt === null,
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
    { field: 'dueOn', headerName: '办结期限', width: 120, hide: true, editable: (p) => canWrite && p.data?.closedOn === null && p.data.voidedAt === null },
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
    {
      field: 'notes',
      headerName: '备注',
      width: 220,
      sortable: false,
      hide: true,
      editable: (p) => canWrite && p.data?.closedOn === null && p.data.voidedAt === null,
    },
  ];
}
