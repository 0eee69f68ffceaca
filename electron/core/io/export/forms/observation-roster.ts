/** 居家（医学）观察人员名单: everyone under observation in the period, where from, who is responsible, with checks done and missed. */
import { addDays } from '../../../dates.shared';
import { CATEGORY_LABELS, STATUS_LABELS, type CaseCategory, type CaseStatus } from '../../../caseload/codes.shared';
import { lastObservedDaySql } from '../../../caseload/observation-days.shared';
import { RETURNEE_LABELS, returneeSelect, teamShown, travelText, type ReturneeDetails } from '../../../caseload/returnee.shared';
import { caseResidentNumbers, col, PERSON_COLUMNS, RESIDENT_NUMBER_COLUMNS, type FormDef, type ResidentNumberColumns } from './types';
import { PRINTABLE_FORM_TITLES } from '../contract';
import { liveCase } from '../../../caseload/case-void';
import { CASES_MOVED_AFTER_TO, casePlaceOn } from '../../../caseload/case-moves.repo';

/** Where the person lived on the period's last day (a later move: case-moves.repo.ts): a roster already sent stays. */
const place = casePlaceOn('c', 'm');

interface Row extends ReturneeDetails, ResidentNumberColumns {
  caseId: number;
  community: string;
  grid: string | null;
  name: string;
  category: CaseCategory;
  status: CaseStatus;
  startOn: string;
  endOn: string;
  /** Days from the start in the period to the last one over. */
  expected: number;
  done: number;
  /** Checks on those days. */
  doneOver: number;
}

/** The days a roster printed without a period covers, today among them. */
export const PRINTED_ROSTER_DAYS = 7;

/**
 * The printed roster's period when none is asked for: the last 7 days up to today. Everyone under observation today is
 * in it, with those released in the 6 days before marked 已解除观察, and 本期已监测 / 本期漏检 count a week's days
 * whatever the weekday. Session 20: it was this week Monday → today, which on a Monday was one day (本期漏检 always 0,
 * yesterday's releases gone) and on a Sunday seven; a coordinator printing it on any day expects the same week back.
 */
export function printedRosterPeriod(today: string): { from: string; to: string } {
  return { from: addDays(today, -(PRINTED_ROSTER_DAYS - 1)), to: today };
}

export const observationRosterForm: FormDef = {
  id: 'observation-roster',
  title: PRINTABLE_FORM_TITLES['observation-roster'],
  sheetName: '居家医学观察名单',
  sourceTables: ['cases', 'residents', 'health_checks'],
  defaultFullNumbers: true,
  mergeable: false,
  landscape: true,
  // One row per observation in the period, as 人员台账 › 打印观察人员名单 counts them.
  headCount: { people: (rows) => rows.length },
  columns: [
    ...PERSON_COLUMNS,
    // 153 units across with the person's columns: A4 landscape at about 91 % (176 printed at 80 %).
    col('category', '观察类别', 'text', 9),
    col('origin', RETURNEE_LABELS.origin, 'text', 9),
    col('arrivedOn', RETURNEE_LABELS.arrivedOn, 'day', 10),
    col('travel', RETURNEE_LABELS.transport, 'text', 10),
    col('startOn', '开始日期', 'day', 10),
    col('endOn', '结束日期', 'day', 10),
    col('status', '状态', 'text', 8),
    col('done', '本期已监测（天）', 'number', 7),
    col('missed', '本期漏检（天）', 'number', 7),
    col('team', '包保责任人', 'text', 13),
  ],
  read(db, period, sealer) {
    // Listed: an observation with an observed day in the period. One released before the period is not, though its planned
    // window runs into it (a March list named someone released on 25 February with 0 days: month-edges-recount.test).
    // The days that count are the observed days (observation-days.shared.ts: through the day it was closed) inside the period; a day is
    // missed once it is over (as 逾期未监测 on 工作台), so today and days still to come are not (`over`: the last day over).
    const rows = db
      .prepare(
        `WITH o AS (
           SELECT c.id, ${place.community} AS community_id, ${place.grid} AS grid_id, c.resident_id, c.category, c.status, c.obs_start_on, c.obs_end_on, ${returneeSelect('c')},
                  max(c.obs_start_on, @from) AS s,
                  min(${lastObservedDaySql('c')}, @to) AS e,
                  min(${lastObservedDaySql('c')}, @to, coalesce(date(@today, '-1 day'), @to)) AS over
           FROM cases c LEFT JOIN ${CASES_MOVED_AFTER_TO} m ON m.case_id = c.id
           WHERE c.category IN ('home_observation', 'medical_observation')
             AND c.obs_start_on <= @to AND ${lastObservedDaySql('c')} >= @from AND ${liveCase('c')}
         )
         SELECT o.id AS caseId, cm.name AS community, g.name AS grid, r.name AS name, ${RESIDENT_NUMBER_COLUMNS},
                o.category AS category, o.status AS status, o.obs_start_on AS startOn, o.obs_end_on AS endOn,
                o.origin, o.arrivedOn, o.transport, o.transportNo, o.teamGridWorker, o.teamDoctor, o.teamPolice, o.teamUnsplit,
                max(0, CAST(julianday(o.over) - julianday(o.s) AS INTEGER) + 1) AS expected,
                (SELECT count(*) FROM health_checks h WHERE h.case_id = o.id AND h.check_date BETWEEN o.s AND o.e) AS done,
                (SELECT count(*) FROM health_checks h WHERE h.case_id = o.id AND h.check_date BETWEEN o.s AND o.over) AS doneOver
         FROM o
         JOIN residents r ON r.id = o.resident_id
         JOIN communities cm ON cm.id = o.community_id
         LEFT JOIN grids g ON g.id = o.grid_id
         ORDER BY o.community_id, o.grid_id, o.obs_start_on, o.id`,
      )
      .all({ from: period.from, to: period.to, today: period.today ?? null }) as Row[];
    return rows.map((r) => ({
      community: r.community,
      grid: r.grid,
      name: r.name,
      ...caseResidentNumbers(db, r, sealer),
      category: CATEGORY_LABELS[r.category] ?? r.category,
      origin: r.origin,
      arrivedOn: r.arrivedOn,
      travel: travelText(r),
      startOn: r.startOn,
      endOn: r.endOn,
      status: STATUS_LABELS[r.status] ?? r.status,
      done: r.done,
      missed: Math.max(0, r.expected - r.doneOver),
      // 包保责任人 where the district reads it (forms.xlsx, the printed roster, a template's 包保责任人 column): a team
      // nobody has split is printed as written, marked 「（未注明分工）」, never blank (teamShown). 备注 leaves on no form.
      team: teamShown(r),
    }));
  },
};
