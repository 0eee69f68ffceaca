/**
 * Read channels cannot write: the router runs them with PRAGMA query_only on,
 * so a read handler that wrote fails (SQLite refuses) instead of changing the
 * ledger without a transaction or an audit row.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runReadOnly } from '../../../electron/core/db/read-only';
import { handlers } from '../../../electron/core/handlers';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
beforeEach(async () => {
  t = await openTestLedger();
});
afterEach(() => {
  vi.restoreAllMocks();
  t.close();
});

const communityCount = () => (t.core.services.ledger.handle().prepare('SELECT count(*) AS n FROM communities').get() as { n: number }).n;

describe('read channels run on a connection that refuses writes', () => {
  it('a read handler that writes fails, and nothing is written', async () => {
    const before = communityCount();
    vi.spyOn(handlers, 'settings.get').mockImplementation((db) => {
      db.prepare(`INSERT INTO communities (name, created_at, updated_at) VALUES ('偷写社区', 'x', 'x')`).run();
      throw new Error('the write above should have been refused');
    });
    const error = await t.fail('settings.get', {});
    expect(error.code).toBe('INTERNAL');
    expect(communityCount()).toBe(before);
  });

  it('the connection writes again after a read (and after a read that failed)', async () => {
    expect((await t.call('settings.get', {})).idleLockMinutes).toBeGreaterThan(0);
    vi.spyOn(handlers, 'settings.get').mockImplementation(() => {
      throw new Error('a read that fails');
    });
    await t.fail('settings.get', {});
    vi.restoreAllMocks();
    const before = communityCount();
    await t.call('org.communities.save', { name: '幸福社区' });
    expect(communityCount()).toBe(before + 1);
  });

  it('runReadOnly refuses a write with SQLite’s own error and lets reads through', () => {
    const db = t.core.services.ledger.handle();
    expect(runReadOnly(db, (r) => (r.prepare('SELECT 1 AS one').get() as { one: number }).one)).toBe(1);
    expect(() => runReadOnly(db, (r) => r.prepare(`INSERT INTO communities (name, created_at, updated_at) VALUES ('x', 'x', 'x')`).run())).toThrow(
      /a read channel tried to write/,
    );
    expect(() => runReadOnly(db, (r) => r.exec('CREATE TEMP TABLE scratch (a)'))).toThrow(/a read channel tried to write/);
    expect(db.pragma('query_only', { simple: true })).toBe(0);
  });
});
