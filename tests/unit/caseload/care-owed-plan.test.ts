/**
 * careTaskOwed (case-void.ts) reads the care tasks left by voided cases from the voided cases themselves (the partial
 * index cases_voided, a handful of rows), in each of its three parts, as the program runs it: without ANALYZE
 * (db/planner-stats.ts). Red before (session 44, from the attack run): the third part, a member vulnerable only
 * through a voided 特困/独居/无人监护 case, searched cases_by_category, every care case of the three kinds read for
 * voided_at on every 今日随访 and 工作台 count.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { careTaskOwed } from '../../../electron/core/caseload/case-void';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger | undefined;
afterEach(() => t?.close());

describe('careTaskOwed’s plan', () => {
  it('each part starts from the voided cases (cases_voided), none from a category', async () => {
    t = await openTestLedger();
    const db = t.core.services.ledger.handle();
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM care_tasks t WHERE ${careTaskOwed('t')}`).all() as Array<{ detail: string }>).map(
      (r) => r.detail,
    );
    const fromCases = plan.filter((d) => d.startsWith('SEARCH gone_case') || d.startsWith('SCAN gone_case'));
    expect(fromCases).toHaveLength(3);
    for (const d of fromCases) expect(d).toMatch(/^SEARCH gone_case USING (COVERING )?INDEX cases_voided \(voided_at>\?\)$/);
    expect(plan.join('\n')).not.toContain('cases_by_category');
  });
});
