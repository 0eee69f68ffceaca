/** 重点人群关爱服务台账: vulnerable people under care in the period, their visits and open needs. */
import { CATEGORY_LABELS, type CaseCategory } from '../../../caseload/codes.shared';
import type { ReadDb } from '../../../db/types';
import { liveCase } from '../../../caseload/case-void';
import { CASES_MOVED_AFTER_TO, casePlaceOn } from '../../../caseload/case-moves.repo';
import {
  caseResidentNumbers,
  col,
  PERSON_COLUMNS,
  RESIDENT_NUMBER_COLUMNS,
  type FormDef,
  type FormRow,
  type Period,
  type ResidentNumberColumns,
} from './types';

interface Row extends ResidentNumberColumns {
  caseId: number;
  community: string;
  grid: string | null;
  name: string;
  category: CaseCategory;
  visits: number;
  lastVisit: string | null;
  openNeeds: number;
  needs: string | null;
}

/** The care cases the form lists: one row each, so a person under two kinds of care is two rows. */
const CARE_CASES_IN_PERIOD = `c.category IN ('extreme_poverty', 'solitary_elderly', 'child_without_guardian', 'homeless')
           AND c.opened_on <= @to AND (c.closed_on IS NULL OR c.closed_on >= @from) AND ${liveCase('c')}`;

/**
 * People, not rows: a person under two kinds of care (特困 and 空巢) is two rows, and a district reading 「共 4 人」
 * for 3 people would plan care for one too many. Rows are named as kinds of care where they differ.
 */
function carePeople(_rows: readonly FormRow[], db: ReadDb, period: Period): number {
  const { people } = db
    .prepare(`SELECT count(DISTINCT c.resident_id) AS people FROM cases c WHERE ${CARE_CASES_IN_PERIOD}`)
    .get({ from: period.from, to: period.to }) as { people: number };
  return people;
}

/** Where the person lived on the period's last day (a later move: case-moves.repo.ts): a ledger already sent stays. */
const place = casePlaceOn('c', 'm');

export const careLedgerForm: FormDef = {
  id: 'care-ledger',
  title: '重点人群关爱服务台账',
  sheetName: '重点人群关爱服务',
  sourceTables: ['cases', 'residents', 'care_visits'],
  defaultFullNumbers: true,
  mergeable: false,
  landscape: true,
  headCount: { people: carePeople, rowNoun: '项关爱' },
  columns: [
    ...PERSON_COLUMNS,
    col('category', '人员类别', 'text', 19),
    col('visits', '本期走访次数', 'number', 8),
    col('lastVisit', '最近走访', 'day', 11),
    col('openNeeds', '未解决需求', 'number', 8),
    col('needs', '需求内容', 'text', 30),
  ],
  read(db, period, sealer) {
    const rows = db
      .prepare(
        `SELECT c.id AS caseId, cm.name AS community, g.name AS grid, r.name AS name, ${RESIDENT_NUMBER_COLUMNS}, c.category AS category,
                (SELECT count(*) FROM care_visits v WHERE v.resident_id = c.resident_id AND v.visit_date BETWEEN @from AND @to) AS visits,
                (SELECT max(v.visit_date) FROM care_visits v WHERE v.resident_id = c.resident_id AND v.visit_date <= @to) AS lastVisit,
                (SELECT count(*) FROM care_visits v WHERE v.resident_id = c.resident_id AND v.needs_status = 'open' AND v.visit_date <= @to) AS openNeeds,
                (SELECT group_concat(v.needs, '；') FROM care_visits v WHERE v.resident_id = c.resident_id AND v.needs_status = 'open' AND v.visit_date <= @to) AS needs
         FROM cases c
         JOIN residents r ON r.id = c.resident_id
         LEFT JOIN ${CASES_MOVED_AFTER_TO} m ON m.case_id = c.id
         JOIN communities cm ON cm.id = ${place.community}
         LEFT JOIN grids g ON g.id = ${place.grid}
         WHERE ${CARE_CASES_IN_PERIOD}
         ORDER BY ${place.community}, ${place.grid}, c.id`,
      )
      .all(period) as Row[];
    return rows.map(({ caseId, residentId, idNumberSealed, idNumberMasked, phoneSealed, phoneMasked, ...r }) => ({
      ...r,
      ...caseResidentNumbers(db, { caseId, residentId, idNumberSealed, idNumberMasked, phoneSealed, phoneMasked }, sealer),
      category: CATEGORY_LABELS[r.category] ?? r.category,
    }));
  },
};
