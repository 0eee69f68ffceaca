/**
 * Walks the whole contract: every channel refuses a caller without a
 * session, refuses roles below its least role with FORBIDDEN, and lets the
 * least role and above past the role check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type Channel } from '../../../electron/core/api';
import { ROLES, roleAtLeast } from '../../../electron/core/contract';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

describe('every channel checks the session and the role', () => {
  let t: TestLedger;
  const sessions: Record<string, string> = {};
  beforeAll(async () => {
    t = await openTestLedger();
    sessions.viewer = await t.sessionAs('viewer');
    sessions.clerk = await t.sessionAs('clerk');
    sessions.coordinator = 'admin';
  });
  afterAll(() => t.close());

  const channels = Object.keys(api) as Channel[];

  it('has public channels only for setup and unlocking', () => {
    const publicOnes = channels.filter((c) => api[c].access === 'public').sort();
    // shell.chooseLedgerFolder and shell.checkPath serve the startup screen's 打开另一个台账 (checkPath is refused by the app's shell).
    expect(publicOnes).toEqual([
      'app.quit',
      'auth.lock',
      'auth.recover',
      'auth.unlock',
      'auth.whoami',
      'setup.init',
      'setup.openLedger',
      'setup.status',
      'shell.checkPath',
      'shell.chooseLedgerFolder',
    ]);
  });

  it.each(channels.filter((c) => api[c].access !== 'public'))('%s', async (channel) => {
    const need = api[channel].access;
    if (need === 'public') return;
    // A '{}' input is usually wrong; what matters is that the role check answers first.
    expect((await t.raw(channel, {}, 'nobody')).ok === false && ((await t.raw(channel, {}, 'nobody')) as { error: { code: string } }).error.code).toBe(
      'UNAUTHENTICATED',
    );
    for (const role of ROLES) {
      const r = await t.raw(channel, { __probe: true }, sessions[role]);
      const code = r.ok === false ? r.error.code : 'OK';
      if (roleAtLeast(role, need)) expect(code, `${role} on ${channel}`).not.toBe('FORBIDDEN');
      else expect(code, `${role} on ${channel}`).toBe('FORBIDDEN');
    }
  });
});
