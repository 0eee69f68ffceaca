/**
 * The case grid's pages and 今日随访 read through the indexes written for them
 * (migration 030), checked on the very statements they run: a page is its ids
 * on an index, its total on an index alone, and ONE statement for the rows'
 * details; 今日随访 counts each kind on an index alone and lists each kind in
 * index order. No timings here: `npm run bench` (caseload) has the figures.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCases } from '../../../electron/core/caseload/case-queries';
import { buildToday } from '../../../electron/core/caseload/today';
import type { CaseFilter } from '../../../electron/core/caseload/inputs.shared';
import type { CaseSortField } from '../../../electron/core/caseload/case-sort.shared';
import { recordedPlan, recordedWith, recording, type Recorded } from '../../helpers/recorded-plans';
import { observedHousehold, openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice();
  await observedHousehold(o, '2020-02-15'); // an observation two days overdue, so each page has a row to detail
});
afterEach(() => o.t.close());

const TODAY = '2020-02-17';
const db = () => o.t.core.services.ledger.handle();

/** The plans of one grid page's statements: page ids, total, details. */
function pagePlans(filter: CaseFilter, sort: Array<{ field: CaseSortField; dir: 'asc' | 'desc' }>) {
  const { spy, seen } = recording(db());
  listCases(spy, { filter, sort, offset: 0, limit: 100 }, TODAY, null);
  expect(seen.map((s) => s.sql)).toHaveLength(3); // ids, total, details: never a statement per row
  return {
    ids: recordedPlan(db(), recordedWith(seen, 'LIMIT @limit')),
    total: recordedPlan(db(), recordedWith(seen, 'SELECT count(*) AS n FROM cases c')),
    details: recordedPlan(db(), recordedWith(seen, 'json_each(@ids)')),
  };
}

describe('case grid pages', () => {
  it('community + category, sorted by 登记日期: page and total on one index alone, no sort', () => {
    const p = pagePlans({ communityId: o.communityId, category: 'home_observation' }, [{ field: 'openedOn', dir: 'desc' }]);
    expect(p.ids).toContain('USING COVERING INDEX cases_by_community_category (community_id=? AND category=?)');
    expect(p.ids).not.toContain('TEMP B-TREE');
    expect(p.total).toContain('USING COVERING INDEX cases_by_community_category (community_id=? AND category=?)');
  });

  it('status, sorted by 姓名 either way: the page read in order from one index, no join and no sort (migration 038)', () => {
    for (const dir of ['asc', 'desc'] as const) {
      const p = pagePlans({ status: 'observing' }, [{ field: 'name', dir }]);
      expect(p.ids).toContain('USING COVERING INDEX cases_by_status_name (status=?)');
      expect(p.ids).not.toContain('TEMP B-TREE');
      expect(p.ids).not.toMatch(/residents|\brn\b/);
      expect(p.total).toMatch(/USING COVERING INDEX cases_by_status/);
    }
  });

  it('overdue observations, sorted by 登记日期: active observations in date order, no sort and no scan of every case', () => {
    const p = pagePlans({ overdue: true }, [{ field: 'openedOn', dir: 'desc' }]);
    expect(p.ids).toContain('cases_active_observation_by_opened');
    expect(p.ids).not.toContain('TEMP B-TREE');
    expect(p.total).toContain('cases_active_observation');
  });

  it('责任人, sorted by 登记日期: the assigned cases’ index (partial since migration 044) in order, no sort', () => {
    for (const dir of ['asc', 'desc'] as const) {
      // Nobody is assigned in the fixture, so the page is empty and has no details statement: the ids' and total's plans only.
      const { spy, seen } = recording(db());
      listCases(spy, { filter: { assignedStaffId: 1 }, sort: [{ field: 'openedOn', dir }], offset: 0, limit: 100 }, TODAY, null);
      const ids = recordedPlan(db(), recordedWith(seen, 'LIMIT @limit'));
      expect(ids).toContain('USING COVERING INDEX cases_by_staff (assigned_staff_id=?)');
      expect(ids).not.toContain('TEMP B-TREE');
      expect(recordedPlan(db(), recordedWith(seen, 'SELECT count(*) AS n FROM cases c'))).toContain('cases_by_staff (assigned_staff_id=?)');
    }
  });

  it('reads a page’s details in one statement, each case by its key', () => {
    const p = pagePlans({}, [{ field: 'dueOn', dir: 'asc' }]);
    expect(p.details).toContain('SEARCH c USING INTEGER PRIMARY KEY (rowid=?)');
    expect(p.details).not.toMatch(/SCAN (c|r|h)\b/);
  });
});

describe('今日随访', () => {
  it('counts and lists each kind of the whole office on its index', () => {
    const { spy, seen } = recording(db());
    buildToday(spy, TODAY, {}, { offset: 0, limit: 300 });
    const plan = (fragment: string) => recordedPlan(db(), recordedWith(seen, fragment));
    // 待解除观察: observations ended before today, in end order; the care tasks each triggered by their index.
    const release = plan('AS careCasesJson');
    expect(release).toContain('cases_active_observation_by_end (obs_end_on<?)');
    expect(release).toContain('care_tasks_by_trigger (trigger_case_id=? AND status=?)');
    expect(release).not.toContain('TEMP B-TREE');
    expect(plan('count(*) AS n FROM cases c WHERE c.closed_on IS NULL AND c.obs_start_on IS NOT NULL AND c.obs_end_on < @today')).toContain(
      'cases_active_observation_by_end',
    );
    // 今日监测: in grid order, whether due read from the index; counted on the observations' end index alone.
    const due = plan('0 AS missedBefore');
    expect(due).toContain('cases_active_observation_by_grid');
    expect(due).not.toContain('TEMP B-TREE');
    expect(plan('count(*) AS n FROM cases c WHERE c.closed_on IS NULL AND c.obs_start_on IS NOT NULL AND c.obs_start_on <= @today')).toContain(
      'cases_active_observation_by_end',
    );
    // 复访: counted by status on the index alone.
    expect(plan('count(*) AS n FROM households h')).toContain('households_revisit_due');
    // 照料走访: the whole office's count reads the due tasks' index alone (the residents join is the community filter's).
    const care = plan('count(*) AS n FROM care_tasks t');
    expect(care).toContain('USING COVERING INDEX care_tasks_due');
    expect(care).not.toContain('residents');
    noFullScans(seen);
  });

  it('reads one community’s through indexes too', () => {
    const { spy, seen } = recording(db());
    buildToday(spy, TODAY, { communityId: o.communityId }, { offset: 0, limit: 300 });
    expect(recordedPlan(db(), recordedWith(seen, 'count(*) AS n FROM care_tasks t'))).toMatch(/care_tasks_due .*SEARCH r USING INTEGER PRIMARY KEY/);
    noFullScans(seen);
  });
});

/** No statement reads a whole table of cases, people, households, checks, tasks or visits. */
function noFullScans(seen: readonly Recorded[]): void {
  for (const s of seen) expect(recordedPlan(db(), s), s.sql).not.toMatch(/SCAN (c|r|h|k|t|v)(?! USING)/);
}
