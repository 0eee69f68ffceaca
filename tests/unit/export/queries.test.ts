import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
beforeAll(async () => {
  t = await openTestLedger();
});
afterAll(() => t.close());

const plan = (sql: string, params: Record<string, unknown> = {}): string =>
  (t.core.services.ledger.handle().prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');

describe('export query plans', () => {
  it('the export log list is read through its date index', () => {
    expect(plan('SELECT id FROM export_log ORDER BY at DESC, id DESC LIMIT 100')).toMatch(/export_log_by_at/);
  });
  it('a correction check uses the period index', () => {
    expect(plan('SELECT 1 FROM export_log WHERE period_from = @from AND period_to = @to LIMIT 1', { from: 'a', to: 'b' })).toMatch(/export_log_by_period/);
  });
  it('the calendar finds a report sent in a week through its index', () => {
    expect(
      plan('SELECT id, at FROM export_log WHERE schedule_id = @s AND due_day BETWEEN @m AND @u ORDER BY id DESC LIMIT 1', { s: 1, m: 'x', u: 'y' }),
    ).toMatch(/export_log_by_schedule/);
  });
});
