/**
 * Finding 3's side doors, replayed against open sessions: a user disabled or
 * demoted while their window is still unlocked, the files they had chosen in
 * that window, a restart of the core, and recovery. What they had open must
 * go with their role.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettableClock } from '../../../electron/core/clock';
import { Core } from '../../../electron/core/core';
import { findSlot, readKeyring } from '../../../electron/core/db/keyring';
import { openSlotKeys } from '../../../electron/core/db/keyslot';
import { ADMIN_NEXT, callsOn, openTestLedger, PASSWORD, TEST_KDF, type TestLedger, rotating } from '../../helpers/ledger';

let t: TestLedger;
let out: string;
beforeEach(async () => {
  t = await openTestLedger();
  out = mkdtempSync(join(tmpdir(), 'taizhang-roles-'));
});
afterEach(() => {
  t.close();
  rmSync(out, { recursive: true, force: true });
});

const userId = async (username: string): Promise<number> => (await t.call('users.list', {})).find((u) => u.username === username)!.id;

describe('role changes reach sessions that are already open', () => {
  it('a coordinator demoted to clerk loses coordinator channels at once, in the window already open', async () => {
    await t.sessionAs('coordinator', 'deputy');
    expect((await t.call('users.list', {}, 'deputy')).length).toBeGreaterThan(1);
    await t.call('users.update', { id: await userId('deputy'), role: 'clerk' });
    expect((await t.fail('users.list', {}, 'deputy')).code).toBe('UNAUTHENTICATED');
    await t.call('auth.unlock', { username: 'deputy', password: PASSWORD }, 'deputy');
    for (const [channel, input] of [
      ['users.list', {}],
      ['audit.list', {}],
      ['audit.reveal', { id: 1 }],
      ['users.rotateKeys', {}],
      ['backup.settings.get', {}],
    ] as const)
      expect([channel, (await t.fail(channel, input, 'deputy')).code]).toEqual([channel, 'FORBIDDEN']);
  });

  it('a clerk demoted to viewer: the open window is locked, the slot no longer holds the sensitive key, numbers stay shut', async () => {
    const clerk = await t.sessionAs('clerk', 'former');
    const community = await t.call('org.communities.save', { name: '东风社区' });
    const h = await t.call('households.save', { communityId: community.id, addressText: '路1号' });
    const r = await t.call('residents.save', { householdId: h.id, name: '王小明', phone: '13803711002' }, clerk);
    expect((await t.call('residents.reveal', { residentId: r.id, field: 'phone' }, clerk)).value).toBe('13803711002');
    await t.call('users.update', { id: await userId('former'), role: 'viewer', ...rotating() });
    expect((await t.fail('residents.reveal', { residentId: r.id, field: 'phone' }, clerk)).code).toBe('UNAUTHENTICATED');
    const keyring = readKeyring(join(t.dir, 'taizhang.keyring.json'));
    expect(openSlotKeys(keyring.ledgerId, findSlot(keyring, 'former')!, PASSWORD)!.sensitiveKey).toBeNull();
    await t.call('auth.unlock', { username: 'former', password: PASSWORD }, clerk);
    expect((await t.fail('residents.reveal', { residentId: r.id, field: 'phone' }, clerk)).code).toBe('FORBIDDEN');
    expect((await t.fail('residents.list', { filter: { q: '1002' }, offset: 0, limit: 10 }, clerk)).code).toBe('FORBIDDEN');
    expect((await t.call('residents.get', { id: r.id }, clerk)).phone).not.toContain('3711002');
  });

  it('files chosen in a window go with the user who chose them when they are disabled or demoted', async () => {
    for (const change of ['disable', 'demote'] as const) {
      const name = `leaver-${change}`;
      await t.sessionAs('coordinator', name);
      const handle = await t.choose('save', join(out, `${change}.pdf`), { sessionId: name });
      const id = await userId(name);
      if (change === 'disable') await t.call('users.disable', { id, ...rotating() });
      else await t.call('users.update', { id, role: 'viewer', ...rotating(ADMIN_NEXT, 'correct-horse-3') });
      // Someone else unlocks in the same window (the same session id): the old choice must not work for them.
      const other = await t.sessionAs('viewer', `next-${change}`);
      await t.call('auth.lock', {}, other);
      await t.call('auth.unlock', { username: other, password: PASSWORD }, name);
      const r = await t.core.call(name, 'shell.printToPdf', { route: '/print/roster', file: handle });
      expect([change, r.ok === false && r.error.message]).toEqual([change, expect.stringContaining('已失效')]);
    }
  });

  it('a session or a handle from before a restart of the core opens nothing after it', async () => {
    const file = join(out, '人员.csv');
    writeFileSync(file, '姓名\r\n张三\r\n');
    const handle = await t.choose('open', file);
    t.core.close();
    const again = new Core({ dataDir: t.dir, clock: new SettableClock(), kdf: TEST_KDF, failureDelayBaseMs: 5 });
    try {
      const { call, fail } = callsOn(again);
      expect((await fail('org.communities.list', {})).code).toBe('UNAUTHENTICATED');
      await call('auth.unlock', { username: 'admin', password: 'correct-horse-1' });
      expect((await fail('import.inspect', { path: handle, target: 'staff' })).message).toContain('已失效');
    } finally {
      again.close();
    }
  });

  it('recovery names a disabled user no differently from an unknown one after a restart, and writes nothing', async () => {
    await t.sessionAs('clerk', 'gone');
    await t.call('users.disable', { id: await userId('gone'), ...rotating() });
    await t.call('auth.lock', {});
    t.core.close();
    const again = new Core({ dataDir: t.dir, clock: new SettableClock(), kdf: TEST_KDF, failureDelayBaseMs: 5 });
    try {
      const { fail } = callsOn(again);
      const before = readKeyring(join(t.dir, 'taizhang.keyring.json'));
      const e = await fail('auth.recover', { username: 'gone', recoveryKey: t.recoveryKey, newPassword: 'taken-over-1' }, 'gone');
      expect(['FORBIDDEN', 'WRONG_PASSWORD', 'NOT_FOUND']).toContain(e.code);
      expect(readKeyring(join(t.dir, 'taizhang.keyring.json'))).toEqual(before);
      expect(findSlot(before, 'gone')).toBeUndefined();
    } finally {
      again.close();
    }
  });
});
