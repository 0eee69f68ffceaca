/**
 * The dashboard's queries use the indexes they were written for (checked on
 * the very SQL the summary runs), and a ledger lacking a capability's tables
 * still gets a dashboard, without that capability's section.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SettableClock } from '../../../electron/core/clock';
import { dashboardSummary } from '../../../electron/core/dashboard/summary';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { recordedPlan, recording } from '../../helpers/recorded-plans';

let t: TestLedger | undefined;
afterEach(() => t?.close());

describe('query plans', () => {
  it('reads the caseload and rota figures through their indexes, for the office and for one community', async () => {
    t = await openTestLedger();
    const c = await t.call('org.communities.save', { name: '幸福社区' });
    // A household screened, so coverage has a line whose visits it counts.
    await t.call('households.save', { communityId: c.id, addressText: '幸福路1号', screeningStatus: 'screened', screenedOn: '2020-02-16' });
    const db = t.core.services.ledger.handle();
    db.exec('ANALYZE');
    for (const communityId of [undefined, c.id]) {
      const { spy, seen } = recording(db);
      dashboardSummary(spy, t.clock, 'coordinator', communityId);
      const plan = (fragment: string) => {
        const hit = seen.find((s) => s.sql.includes(fragment));
        if (!hit) throw new Error(`no statement containing ${fragment}`);
        return recordedPlan(db, hit);
      };
      expect(plan('AS unchecked')).toContain('cases_active_observation');
      expect(plan(`k.escalation = 'open'`)).toContain('health_checks_open_escalations');
      expect(plan(`c.status = 'referral_made'`)).toContain('cases_by_category');
      expect(plan(`v.needs_status = 'open'`)).toContain('care_visits_open_needs');
      expect(plan(`t.status = 'open' AND t.next_visit_on`)).toContain('care_tasks_due');
      expect(plan('c.obs_end_on >= @from')).toMatch(/cases_by_category|cases_by_community/);
      expect(plan('FROM rota_assignments')).toContain('sqlite_autoindex_rota_assignments_1');
      // Coverage: the households per line through households_coverage (009), their visits through screening_visits_coverage (059).
      expect(plan('AS loaded FROM households')).toContain('USING COVERING INDEX households_coverage');
      expect(plan('AS screenedInPeriod')).toContain('SEARCH screening_visits USING COVERING INDEX screening_visits_coverage (community_id=? AND grid_id=?');
    }
  });
});

describe('capability guards', () => {
  it('gives an empty ledger a dashboard of zeros', async () => {
    t = await openTestLedger();
    const s = await t.call('dashboard.summary', {});
    expect(s.caseload?.observing.total).toBe(0);
    expect(s.caseload?.observationTrend).toHaveLength(30);
    expect(s.caseload?.casesByCategory.bars).toEqual([]);
    // Nothing loaded is not "all screened": no percentage, never complete.
    expect(s.coverage).toMatchObject({ households: 0, coveragePct: null, state: 'not_loaded', gridsComplete: 0, grids: [] });
    expect(s.supplies?.shortRows).toBe(0);
    expect(s.rota).toMatchObject({ unfilledNext7: 0, fillRatePct14: null, firstGapDay: null });
    expect(s.memorials).toEqual({ overdueReports: 0, memorialIds: [], followUpsDue: 0 });
    // Nothing due because nothing is scheduled: the tile says 尚未设置报送日历, not 均已报送.
    expect(s.reports).toEqual({ scheduled: 0, due: 0, overdue: 0, items: [] });
  });

  it('leaves out a capability whose tables the ledger lacks, and keeps the rest', async () => {
    t = await openTestLedger();
    const db = t.core.services.ledger.handle();
    db.exec('DROP TABLE rota_assignments; DROP TABLE export_log');
    const s = dashboardSummary(db, new SettableClock(), 'coordinator');
    expect(s.rota).toBeNull();
    expect(s.reports).toBeNull();
    expect(s.caseload).not.toBeNull();
    expect(s.supplies).not.toBeNull();
  });
});
