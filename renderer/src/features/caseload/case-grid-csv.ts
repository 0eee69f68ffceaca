/** The case grid's 导出表格（CSV，可用 WPS 打开） (CasesGrid.tsx): every row of the filter, in the grid's sort, with full category and status names. */
import type { SortModelItem } from 'ag-grid-community';
import { CATEGORY_LABELS, RISK_LABELS, STATUS_LABELS } from '../../../../electron/core/caseload/codes.shared';
import type { CaseListRow } from '../../../../electron/core/caseload/list-types.shared';
import { RETURNEE_LABELS, teamShown, travelText } from '../../../../electron/core/caseload/returnee.shared';
import { call } from '../../api/client';
import { toSort } from './case-grid-columns';
import type { Filter } from './case-grid-filter';
import { toCsv } from './csv';

/** Every case the filter finds, a page of 1,000 at a time. */
export async function allCases(filter: Filter, sort: SortModelItem[]): Promise<CaseListRow[]> {
  const rows: CaseListRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await call('cases.list', { filter, sort: toSort(sort), offset, limit: 1000 });
    rows.push(...page.rows);
    if (rows.length >= page.total || page.rows.length === 0) break;
  }
  return rows;
}

export function casesCsv(rows: readonly CaseListRow[]): string {
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
  return toCsv(header, body);
}
