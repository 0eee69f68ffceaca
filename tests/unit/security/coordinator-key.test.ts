/**
 * Issue 19, CR1 (ninth attack run): who is 统筹负责人 is vouched for by the coordinator key, which only coordinators'
 * slots and the recovery slot hold (electron/core/README.md "Keys at rest"). Every attack here runs offline with a
 * clerk's own password, which opens the database key and the sensitive key: the table, the role seals, the keyring
 * and the coordinators' list are all theirs to write. What they lack is the coordinator key.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, openSlotKeys, readKeyring, replaceSlot, writeKeyring, type Keyring } from '../../../electron/core/db/keyring';
import { isV2, sealKeyToSlot, type KeySlotV2 } from '../../../electron/core/db/keyslot';
import { withoutCoordinator } from '../../../electron/core/db/keyslot-coordinator';
import { openEncrypted } from '../../../electron/core/db/open';
import { makeSealer } from '../../../electron/core/db/sealer';
import { asWriteDb } from '../../../electron/core/db/types';
import { COORDINATORS_META, writeCoordinators } from '../../../electron/core/auth/coordinator-vouch';
import { vouchRole } from '../../../electron/core/auth/vouched-roles';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import { ADMIN, PASSWORD, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';

/** This file's coordinator-key mode, given to every core it makes: `make` false while a ledger is made as the version before coordinator keys did. */
const keyMode = { make: true, rolesAsFound: false };

let t: TestLedger;
afterEach(() => {
  keyMode.make = true;
  t?.close();
});

const keyringPath = () => join(t.dir, 'taizhang.keyring.json');

/** Everyone locked, then `edit` with the database opened by `who`'s own password (their slot's keys), as a clerk would. */
async function offlineAs(
  who: string,
  edit: (db: ReturnType<typeof openEncrypted>, keyring: Keyring, keys: { sensitiveKey: Buffer; coordinatorKey: Buffer | null }) => void,
) {
  for (const s of ['admin', 'deputy', 'clerk1']) await t.raw('auth.lock', {}, s);
  const keyring = readKeyring(keyringPath());
  const keys = openSlotKeys(keyring.ledgerId, findSlot(keyring, who)!, PASSWORD)!;
  const db = openEncrypted(join(t.dir, 'taizhang.db'), keys.dbKey);
  try {
    edit(db, keyring, { sensitiveKey: keys.sensitiveKey!, coordinatorKey: keys.coordinatorKey ?? null });
  } finally {
    db.close();
  }
}

/** CR1 as the attack run made it, plus the role seal re-made with the sensitive key the clerk holds. */
function makeSelfCoordinator(db: ReturnType<typeof openEncrypted>, sensitiveKey: Buffer, username: string): void {
  db.prepare(`UPDATE users SET role = 'coordinator' WHERE username = @username`).run({ username });
  vouchRole(asWriteDb(db), makeSealer(sensitiveKey), getUserByName(db, username)!);
}

const unlock = (username: string, password = PASSWORD) => t.call('auth.unlock', { username, password }, username === ADMIN.username ? 'admin' : username);

/**
 * CR1's stated limit, set up offline with the clerk's keys: a coordinator key of the clerk's own sealed into their slot
 * and the real coordinator's (by public key), and the coordinators' list re-made under it naming both.
 */
async function sealOwnKeyAsClerk(): Promise<void> {
  t = await openTestLedger({ core: { coordinatorKeys: keyMode } });
  await t.sessionAs('clerk', 'clerk1');
  const own = randomBytes(32);
  await offlineAs('clerk1', (db, keyring, keys) => {
    makeSelfCoordinator(db, keys.sensitiveKey, 'clerk1');
    let k = keyring;
    for (const name of ['clerk1', ADMIN.username]) k = replaceSlot(k, sealKeyToSlot(k.ledgerId, findSlot(k, name) as KeySlotV2, 'coordinator', own));
    writeKeyring(keyringPath(), k);
    writeCoordinators(asWriteDb(db), keyring.ledgerId, own, [getUserByName(db, ADMIN.username)!, getUserByName(db, 'clerk1')!]);
  });
}

describe('the coordinators’ list cannot be written with a clerk’s keys', () => {
  it('a clerk who adds themselves to the list (and seals their role) signs in as 录入员, told and audited; the coordinator sees the list was altered', async () => {
    t = await openTestLedger({ core: { coordinatorKeys: keyMode } });
    await t.sessionAs('clerk', 'clerk1');
    await offlineAs('clerk1', (db, _k, keys) => {
      expect(keys.coordinatorKey).toBeNull();
      makeSelfCoordinator(db, keys.sensitiveKey, 'clerk1');
      const row = db.prepare(`SELECT value FROM meta WHERE key = @key`).get({ key: COORDINATORS_META }) as { value: string };
      const list = JSON.parse(row.value) as { coordinators: Array<[number, string]>; mac: string };
      const me = getUserByName(db, 'clerk1')!;
      list.coordinators.push([me.id, me.username]);
      db.prepare(`UPDATE meta SET value = @value WHERE key = @key`).run({ key: COORDINATORS_META, value: JSON.stringify(list) });
    });
    const info = await unlock('clerk1');
    expect(info.user.role).toBe('clerk');
    expect(info.keyNotice).toMatchObject({ case: 'unvouched', role: 'coordinator' });
    expect((await t.fail('users.list', {}, 'clerk1')).code).toBe('FORBIDDEN');
    expect((await t.fail('users.create', { username: 'mine', displayName: '我的', role: 'coordinator', password: PASSWORD }, 'clerk1')).code).toBe('FORBIDDEN');
    // Still a clerk's work: the session holds the sensitive key.
    expect(t.core.services.sessions.get('clerk1')).toMatchObject({ role: 'clerk', sensitive: true });
    // One statement for the whole list: altered, it vouches for nobody, so the next coordinator sign-in shows it (loud, not quiet).
    expect(await unlock(ADMIN.username, ADMIN.password)).toMatchObject({ user: { role: 'clerk' }, keyNotice: { case: 'unvouched' } });
    const refused = t.core.services.ledger
      .handle()
      .prepare(`SELECT username FROM audit_log WHERE channel = 'auth.unlock' AND json_extract(after_json, '$.coordinatorRoleRefused') = 1`)
      .all() as Array<{ username: string }>;
    expect(refused.map((r) => r.username)).toEqual(['clerk1', ADMIN.username]);
  });

  it('a key of the clerk’s own sealed into their slot and the coordinator’s, the list re-made under it: the clerk passes (the limit), the coordinator’s pin refuses it and says so', async () => {
    await sealOwnKeyAsClerk();
    // The limit (README): a clerk's own slot is theirs to write, so nothing at their own sign-in tells their key from the real one.
    expect((await unlock('clerk1')).user.role).toBe('coordinator');
    await t.call('auth.lock', {}, 'clerk1');
    // The coordinator's slot was pinned to the real key with their password: the key sealed in by public key never counts.
    const info = await unlock(ADMIN.username, ADMIN.password);
    expect(info.user.role).toBe('clerk');
    expect(info.keyNotice).toMatchObject({ case: 'unvouched' });
  });

  it('every coordinator key and the list stripped to make the ledger look older: the coordinator’s pin still says it has one, the forged role does not count', async () => {
    t = await openTestLedger({ core: { coordinatorKeys: keyMode } });
    await t.sessionAs('clerk', 'clerk1');
    await offlineAs('clerk1', (db, keyring, keys) => {
      makeSelfCoordinator(db, keys.sensitiveKey, 'clerk1');
      writeKeyring(keyringPath(), { ...keyring, slots: keyring.slots.map((s) => withoutCoordinator(s)) });
      db.prepare(`DELETE FROM meta WHERE key = @key`).run({ key: COORDINATORS_META });
    });
    expect((await unlock('clerk1')).user.role).toBe('clerk');
    expect(readKeyring(keyringPath()).slots.some((s) => isV2(s) && s.keys.coordinator !== undefined)).toBe(false);
  });
});

describe('every path that makes or unmakes a coordinator', () => {
  it('a coordinator demoted to 录入员 keeps the key they saved: the rotation it makes due replaces it, and their forged list no longer counts', async () => {
    t = await openTestLedger({ core: { coordinatorKeys: keyMode } });
    await t.sessionAs('coordinator', 'deputy');
    const saved = openSlotKeys(readKeyring(keyringPath()).ledgerId, findSlot(readKeyring(keyringPath()), 'deputy')!, PASSWORD)!.coordinatorKey!;
    expect(saved).toBeDefined();
    const deputy = getUserByName(t.core.services.ledger.handle(), 'deputy')!;
    await t.call('users.update', { id: deputy.id, role: 'clerk' });
    expect((await t.call('users.keyStatus', {})).rotationDue).toMatchObject({ reason: expect.stringContaining('不再是统筹负责人') });
    expect(findSlot(readKeyring(keyringPath()), 'deputy')).not.toHaveProperty('keys.coordinator');
    await t.call('auth.lock', {});
    expect((await unlock(ADMIN.username, ADMIN.password)).rotationDue).not.toBeNull();
    await t.call('auth.finishRotation', rotating());
    await offlineAs('deputy', (db, keyring, keys) => {
      makeSelfCoordinator(db, keys.sensitiveKey, 'deputy');
      writeKeyring(keyringPath(), replaceSlot(keyring, sealKeyToSlot(keyring.ledgerId, findSlot(keyring, 'deputy') as KeySlotV2, 'coordinator', saved)));
      writeCoordinators(asWriteDb(db), keyring.ledgerId, saved, [getUserByName(db, ADMIN.username)!, getUserByName(db, 'deputy')!]);
    });
    expect((await unlock('deputy')).user.role).not.toBe('coordinator');
    // The coordinator who rotated is pinned to the new key; their list was re-made above with the old one, so they are told.
    expect((await unlock(ADMIN.username, rotating().newPassword)).keyNotice).toMatchObject({ case: 'unvouched' });
  });

  it('created, promoted from 录入员, reset, recovered: each signs in as 统筹负责人; a recovery with the recovery key too', async () => {
    t = await openTestLedger({ core: { coordinatorKeys: keyMode } });
    await t.sessionAs('coordinator', 'deputy');
    await t.sessionAs('clerk', 'clerk1');
    const clerk = getUserByName(t.core.services.ledger.handle(), 'clerk1')!;
    await t.call('users.update', { id: clerk.id, role: 'coordinator' });
    expect((await unlock('clerk1')).user.role).toBe('coordinator');
    expect((await unlock('deputy')).user.role).toBe('coordinator');
    const deputy = getUserByName(t.core.services.ledger.handle(), 'deputy')!;
    await t.call('users.resetPassword', { id: deputy.id, password: 'reset-by-admin-1' });
    expect((await unlock('deputy', 'reset-by-admin-1')).user).toMatchObject({ role: 'coordinator', mustChangePassword: true });
    await t.call('auth.lock', {});
    const recovered = await t.call('auth.recover', { recoveryKey: t.recoveryKey, username: ADMIN.username, newPassword: 'recovered-pass-1' }, 'admin');
    expect(recovered).toMatchObject({ user: { role: 'coordinator' }, keyNotice: null });
    await t.call('auth.lock', {});
    expect(await unlock(ADMIN.username, 'recovered-pass-1')).toMatchObject({ user: { role: 'coordinator' }, keyNotice: null });
  });
});

describe('the upgrade, on a ledger made before coordinator keys', () => {
  it('no unlock makes the key; the recovery key confirms the first coordinator alone; the other waits for them; clerks stay clerks and CR1 no longer works', async () => {
    keyMode.make = false;
    t = await openTestLedger({ core: { coordinatorKeys: keyMode } });
    await t.sessionAs('coordinator', 'deputy');
    await t.sessionAs('clerk', 'clerk1');
    for (const s of ['admin', 'deputy', 'clerk1']) await t.call('auth.lock', {}, s);
    expect(readKeyring(keyringPath()).slots.some((s) => isV2(s) && s.coordinatorPin !== undefined)).toBe(false);
    keyMode.make = true;
    expect(await unlock(ADMIN.username, ADMIN.password)).toMatchObject({ user: { role: 'clerk' }, keyNotice: { case: 'confirm' } });
    expect(readKeyring(keyringPath()).slots.some((s) => isV2(s) && s.coordinatorPin !== undefined)).toBe(false);
    await t.call('auth.confirmCoordinator', { recoveryKey: t.recoveryKey, password: ADMIN.password });
    const made = await t.call('audit.list', { filter: { channel: 'keys.coordinator' }, offset: 0, limit: 5 });
    expect(made.rows.map((r) => JSON.parse(r.after!) as unknown)).toEqual([
      expect.objectContaining({
        coordinatorKeyCreated: true,
        confirmedWith: 'recovery-key',
        coordinators: [ADMIN.displayName],
        unconfirmed: ['测试coordinator'],
      }),
    ]);
    expect((findSlot(readKeyring(keyringPath()), ADMIN.username) as KeySlotV2).coordinatorPin).toMatch(/^[0-9a-f]{64}:[0-9a-f]{64}$/);
    expect((await unlock('deputy')).user.role).toBe('clerk');
    const deputyId = getUserByName(t.core.services.ledger.handle(), 'deputy')!.id;
    await t.call('users.confirmCoordinator', { id: deputyId, confirm: true, initialPassword: 'confirmed-init-1' });
    expect((await unlock('deputy', 'confirmed-init-1')).user.role).toBe('coordinator');
    expect((await unlock('clerk1')).user.role).toBe('clerk');
    await offlineAs('clerk1', (db, _k, keys) => makeSelfCoordinator(db, keys.sensitiveKey, 'clerk1'));
    expect((await unlock('clerk1')).user.role).toBe('clerk');
  });

  it('a backup from before the upgrade carrying a clerk’s made-up coordinator: restored, they come back as 录入员, and the confirmation asked again does not list them', async () => {
    keyMode.make = false;
    t = await openTestLedger({ core: { coordinatorKeys: keyMode } });
    await t.sessionAs('clerk', 'clerk1');
    await offlineAs('clerk1', (db, _k, keys) => makeSelfCoordinator(db, keys.sensitiveKey, 'clerk1'));
    // Before this version, the forged role counted (CR1): as coordinator they could have made the backup themselves.
    expect((await unlock('clerk1')).user.role).toBe('coordinator');
    await t.call('auth.lock', {}, 'clerk1');
    await unlock(ADMIN.username, ADMIN.password);
    const stick = mkdtempSync(join(tmpdir(), 'taizhang-cr1-backup-'));
    try {
      const b = await t.call('backup.create', { folder: stick });
      // The coordinator sets them back to 录入员 (the live ledger is right again), then this version's first unlock upgrades.
      await t.call('users.update', { id: getUserByName(t.core.services.ledger.handle(), 'clerk1')!.id, role: 'clerk' });
      await t.call('auth.lock', {});
      keyMode.make = true;
      await unlock(ADMIN.username, ADMIN.password);
      await t.call('auth.confirmCoordinator', { recoveryKey: t.recoveryKey, password: ADMIN.password });
      expect((await unlock('clerk1')).user.role).toBe('clerk');
      await t.call('auth.lock', {}, 'clerk1');
      const restored = await t.call('backup.restore', { path: b.path, confirm: true, password: ADMIN.password } as never);
      expect(JSON.stringify(restored)).toContain('录入员');
      await t.raw('auth.lock', {});
      // The restored ledger is from before the upgrade again: the coordinator confirms once more with the recovery key.
      expect(await unlock(ADMIN.username, ADMIN.password)).toMatchObject({ user: { role: 'clerk' }, keyNotice: { case: 'confirm' } });
      expect((await t.call('auth.confirmCoordinator', { recoveryKey: t.recoveryKey, password: ADMIN.password })).user.role).toBe('coordinator');
      expect(getUserByName(t.core.services.ledger.handle(), 'clerk1')).toMatchObject({ role: 'clerk' });
      expect((await unlock('clerk1')).user.role).toBe('clerk');
    } finally {
      rmSync(stick, { recursive: true, force: true });
    }
  });
});

// Eleventh attack run (session 25, docs/security/attack-run-session25.md): CR1's stated limit, the clerk with a
// coordinator key of their own, is loud at the real coordinator's next sign-in. Roads tried to make it quiet: what the
// clerk, signed in as 统筹负责人 under their own key, can do online before the real coordinator comes back.
describe('CR1’s limit (eleventh run): the clerk signed in under a coordinator key of their own, then online', () => {
  async function clerkUnderOwnKey(): Promise<void> {
    await sealOwnKeyAsClerk();
    expect((await unlock('clerk1')).user.role).toBe('coordinator');
  }

  // CR1-Q, FOUND and fixed by the lead (db/coordinator-lineage.ts). The clerk, coordinator under their own key, runs
  // 更换密钥: the rotation seals its new coordinator key to the real coordinator's slot by public key and re-makes the
  // list under it. The real coordinator's next sign-in showed the routine 'rotated' notice (「台账的密钥已更换…请统筹
  // 负责人…为您重设密码」, the one a second, real coordinator's rotation gives), not 'unvouched'. Now each rotation
  // signs a link with the key it retires, the away coordinator's slot keeps the key its pin names, and no link from it
  // leads to the clerk's: 'unvouched', with words that say not to take a reset from anyone.
  it('a rotation (更换密钥) run by the clerk under their own key: the real coordinator’s next sign-in says the role was not vouched (CR1-Q, fixed)', async () => {
    await clerkUnderOwnKey();
    expect((await t.raw('users.rotateKeys', rotating(PASSWORD, 'clerk-new-pass-1'), 'clerk1')).ok).toBe(true);
    await t.raw('auth.lock', {}, 'clerk1');
    const info = await unlock(ADMIN.username, ADMIN.password);
    // Before the fix: role 'viewer', keyNotice.case 'rotated' (the routine words).
    expect(info.keyNotice).toMatchObject({ case: 'unvouched' });
    expect(info.keyNotice?.message).toContain('请不要让别人为您重设密码');
    // Audited where a coordinator reads the log (here the clerk, still 统筹负责人 under their own key).
    await t.raw('auth.lock', {}, 'admin');
    await unlock('clerk1', 'clerk-new-pass-1');
    const seen = await t.call('audit.list', { filter: { channel: 'auth.unlock' }, offset: 0, limit: 20 }, 'clerk1');
    expect(JSON.stringify(seen)).toContain('更换记录连不回此人上次持有的统筹负责人密钥');
  });

  // CR1-Q's remainder (w43-lineage): told 'unvouched', the coordinator still took a reset from the clerk and was then
  // 统筹负责人 under the clerk's key, no notice, the clerk listed beside them (this was it.fails, red at its last assert:
  // the list held ['admin', 'clerk1']). Now a slot made anew for someone else with the held coordinator key is refused
  // when the slot it replaces is pinned to a key the rotations do not lead from to the held one
  // (auth/coordinator-key.ts refuseKeyNotFromPin, db/coordinator-lineage.ts lineageNamesPath): 重设密码, the promotion
  // that remakes a slot, the confirmation on 设置 › 用户, and a recovery with the sheet the clerk's rotation printed.
  // The reset the coordinator would take never reaches them: nothing is written, their sign-in stays 'unvouched'.
  it('CR1-Q: after the clerk’s rotation, the clerk’s reset of the real coordinator, and a recovery with the clerk’s sheet, are refused; nothing written; the coordinator stays told (was it.fails)', async () => {
    await clerkUnderOwnKey();
    const clerkSheet = (await t.call('users.rotateKeys', rotating(PASSWORD, 'clerk-new-pass-1'), 'clerk1')).recoveryKey!;
    await t.raw('auth.lock', {}, 'clerk1');
    expect((await unlock(ADMIN.username, ADMIN.password)).keyNotice).toMatchObject({ case: 'unvouched' });
    await t.raw('auth.lock', {}, 'admin');
    await unlock('clerk1', 'clerk-new-pass-1');
    const admin = (await t.call('users.list', {}, 'clerk1')).find((u) => u.username === ADMIN.username)!;
    const keyring = readFileSync(keyringPath(), 'utf8');
    const rows = (await t.call('audit.list', { filter: {}, offset: 0, limit: 1 }, 'clerk1')).total;
    const reset = await t.fail('users.resetPassword', { id: admin.id, password: 'from-clerk-123' }, 'clerk1');
    expect(reset.code).toBe('CONFLICT');
    expect(reset.message).toContain('不能用它为这个账号重设密码');
    await t.raw('auth.lock', {}, 'clerk1');
    const recover = await t.fail('auth.recover', { recoveryKey: clerkSheet, username: ADMIN.username, newPassword: 'from-clerk-123' }, 'admin');
    expect(recover.code).toBe('CONFLICT');
    expect(readFileSync(keyringPath(), 'utf8')).toBe(keyring);
    // The real coordinator's own password still opens their slot; what they hear is unchanged.
    const again = await unlock(ADMIN.username, ADMIN.password);
    expect([again.user.role, again.keyNotice?.case]).toEqual(['viewer', 'unvouched']);
    expect((await t.raw('auth.unlock', { username: ADMIN.username, password: 'from-clerk-123' }, 'other')).ok).toBe(false);
    await t.raw('auth.lock', {}, 'admin');
    await unlock('clerk1', 'clerk-new-pass-1');
    const after = (await t.call('audit.list', { filter: {}, offset: 0, limit: 1 }, 'clerk1')).total;
    const resets = await t.call('audit.list', { filter: { channel: 'users.resetPassword' }, offset: 0, limit: 5 }, 'clerk1');
    expect(resets.total).toBe(0);
    expect(after).toBeGreaterThan(rows); // the sign-ins' own rows, not a reset
  });

  // A colleague away through a real coordinator's rotation is still reset by them: the rotation's link leads from the
  // key their slot is pinned to (its first signature is not checkable by the one resetting, who never held that key).
  it('the routine case: a coordinator away during a real rotation is reset by the one who rotated, and signs in as 统筹负责人', async () => {
    t = await openTestLedger();
    await t.sessionAs('coordinator', 'deputy');
    await t.raw('auth.lock', {}, 'deputy');
    await t.call('auth.lock', {});
    await unlock(ADMIN.username, ADMIN.password);
    await t.call('users.rotateKeys', rotating());
    expect((await unlock('deputy')).keyNotice).toMatchObject({ case: 'rotated' });
    await t.raw('auth.lock', {}, 'deputy');
    const deputy = getUserByName(t.core.services.ledger.handle(), 'deputy')!;
    await t.call('users.resetPassword', { id: deputy.id, password: 'deputy-init-1' });
    expect(await unlock('deputy', 'deputy-init-1')).toMatchObject({ user: { role: 'coordinator' }, keyNotice: null });
  });
});
