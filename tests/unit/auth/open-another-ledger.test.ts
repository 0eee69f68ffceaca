import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';

describe('setup.openLedger (the startup screen’s “open another ledger”)', () => {
  let a: TestLedger;
  let b: TestLedger;
  afterEach(() => {
    a?.close();
    b?.close();
  });

  it('switches to another ledger folder only while nobody is unlocked', async () => {
    a = await openTestLedger({ office: '东风街道办事处' });
    b = await openTestLedger({ office: '红旗街道办事处' });
    await b.call('auth.lock', {});
    expect((await a.fail('setup.openLedger', { path: b.dir })).code).toBe('CONFLICT');
    await a.call('auth.lock', {});
    const status = await a.call('setup.openLedger', { path: b.dir });
    expect(status).toMatchObject({ initialized: true, dataDir: b.dir, problem: null });
    const s = await a.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(s.officeName).toBe('红旗街道办事处');
    await a.call('auth.lock', {});
  });

  it('refuses a folder without a ledger, with a clear message', async () => {
    a = await openTestLedger();
    await a.call('auth.lock', {});
    const empty = mkdtempSync(join(tmpdir(), 'taizhang-empty-'));
    const e = await a.fail('setup.openLedger', { path: empty });
    expect(e.code).toBe('NOT_A_LEDGER');
    expect(e.message).toContain('没有台账');
    expect((await a.fail('setup.openLedger', { path: join(empty, 'nope') })).code).toBe('NOT_FOUND');
    rmSync(empty, { recursive: true, force: true });
  });
});
