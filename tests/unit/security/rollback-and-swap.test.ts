/**
 * The new surface of issue 19, attacked with the files and a viewer's own
 * password (the database key, never the sensitive key): sealed values moved
 * between columns or rows, the keyring put back as it was before a rotation,
 * the audit anchor put back as it was before the rows it covers.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring } from '../../../electron/core/db/keyring';
import { openSlotKeys } from '../../../electron/core/db/keyslot';
import { openEncrypted } from '../../../electron/core/db/open';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { ADMIN_NEXT, ADMIN, PASSWORD, openTestLedger, type TestLedger, rotating } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const file = (name: string) => join(t.dir, name);

/** The viewer's way in: their slot gives the database key only. */
function openAsViewerOffline(viewer = 'viewer1') {
  const keyring = readKeyring(file('taizhang.keyring.json'));
  const keys = openSlotKeys(keyring.ledgerId, findSlot(keyring, viewer)!, PASSWORD)!;
  expect(keys.sensitiveKey).toBeNull();
  return openEncrypted(file('taizhang.db'), keys.dbKey);
}

async function twoResidents(): Promise<{ a: number; b: number }> {
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  const c = await t.call('org.communities.save', { name: '东风社区' });
  const h = await t.call('households.save', { communityId: c.id, addressText: '路1号' });
  const a = await t.call('residents.save', { householdId: h.id, name: '王小明', idNumber: makeIdNumber('410102', '1980-01-01', 77), phone: '13803711002' });
  const b = await t.call('residents.save', { householdId: h.id, name: '李小红', idNumber: makeIdNumber('410102', '1990-02-02', 82), phone: '13903722003' });
  await t.call('auth.lock', {}, 'viewer1');
  await t.call('auth.lock', {});
  return { a: a.id, b: b.id };
}

describe('sealed values moved by someone holding only the database key', () => {
  it('a phone moved into the ID-number column of the same row does not open: the purpose is bound', async () => {
    const { a } = await twoResidents();
    const db = openAsViewerOffline();
    db.prepare(`UPDATE residents SET id_number_sealed = phone_sealed WHERE id = @a`).run({ a });
    db.close();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const e = await t.fail('residents.reveal', { residentId: a, field: 'idNumber' });
    expect(e.code).toBe('LEDGER_DAMAGED');
    // The row's MAC (db/row-binding.ts) catches it before the purpose would: either says it was altered.
    expect(e.message).toMatch(/无法解开|在本程序之外被改动过/);
  });

  it('a household phone moved into a resident, and a resident phone into a household, do not open', async () => {
    const { a } = await twoResidents();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const h = await t.call('households.save', { communityId: 1, addressText: '路2号', phone: '13700001111' });
    await t.call('auth.lock', {});
    const db = openAsViewerOffline();
    db.prepare(`UPDATE residents SET phone_sealed = (SELECT phone_sealed FROM households WHERE id = @h) WHERE id = @a`).run({ h: h.id, a });
    db.close();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect((await t.fail('residents.reveal', { residentId: a, field: 'phone' })).code).toBe('LEDGER_DAMAGED');
  });

  // Broke in the second attack run, fixed: the additional data is the purpose ('residents.phone') alone, so two rows'
  // sealed phones swapped with the database key each opened as the other's. Every row now carries a MAC over its id,
  // name and sealed values (db/row-binding.ts); swaps of numbers, names and ids in every bound table: sealed-row-swaps.test.ts.
  it('a sealed phone swapped between two residents does not open as the other resident’s', async () => {
    const { a, b } = await twoResidents();
    const db = openAsViewerOffline();
    const phones = db.prepare(`SELECT id, phone_sealed AS sealed FROM residents WHERE id IN (@a, @b)`).all({ a, b }) as Array<{ id: number; sealed: Buffer }>;
    const set = db.prepare(`UPDATE residents SET phone_sealed = @sealed WHERE id = @id`);
    set.run({ id: a, sealed: phones.find((p) => p.id === b)!.sealed });
    set.run({ id: b, sealed: phones.find((p) => p.id === a)!.sealed });
    db.close();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    for (const residentId of [a, b]) {
      const e = await t.fail('residents.reveal', { residentId, field: 'phone' });
      expect(e.code).toBe('LEDGER_DAMAGED');
      expect(e.message).toContain('在本程序之外被改动过');
    }
  });
});

describe('files put back as they were', () => {
  it('the keyring from before a disable does not open the rekeyed database, for the disabled user or anyone', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'leaver');
    await t.call('org.communities.save', { name: '东风社区' });
    copyFileSync(file('taizhang.keyring.json'), join(t.dir, '..', `${t.dir.split('/').pop()}-old-keyring.json`));
    const old = readKeyring(join(t.dir, '..', `${t.dir.split('/').pop()}-old-keyring.json`));
    const leaver = (await t.call('users.list', {})).find((u) => u.username === 'leaver')!;
    await t.call('users.disable', { id: leaver.id, ...rotating() });
    await t.call('org.communities.save', { name: '和平社区' });
    await t.call('auth.lock', {});
    // Offline: the old slot still unwraps the old key, which no longer opens the file.
    const oldKeys = openSlotKeys(old.ledgerId, findSlot(old, 'leaver')!, PASSWORD)!;
    expect(() => openEncrypted(file('taizhang.db'), oldKeys.dbKey).prepare('SELECT name FROM communities').all()).toThrow();
    // In the app, with the old keyring put back in the folder: nobody gets in with it, the leaver least of all.
    const current = readFileSync(file('taizhang.keyring.json'));
    writeFileSync(file('taizhang.keyring.json'), JSON.stringify(old));
    t.core.close();
    const e = await t.fail('auth.unlock', { username: 'leaver', password: PASSWORD }, 'leaver');
    expect(['WRONG_PASSWORD', 'LEDGER_DAMAGED', 'KEYRING_MISMATCH']).toContain(e.code);
    // Putting today's keyring back restores everyone else.
    writeFileSync(file('taizhang.keyring.json'), current);
    t.core.close();
    await new Promise((r) => setTimeout(r, 50));
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
    expect((await t.call('org.communities.list', {})).map((c) => c.name).sort()).toEqual(['东风社区', '和平社区'].sort());
  });

  // Broke in the second attack run: a viewer keeps a copy of taizhang.anchor.json (valid, MAC'd by a coordinator's
  // session); after later writes they delete every audit row above that copy's lastId with the database key and put
  // the copy back, and the ledger's own anchor agrees. Everything in the folder can be rolled back together, so only a
  // witness outside it can tell: a backup made in between carries a newer anchor (io/backup/witness.ts), which
  // audit.verify holds the log against. Without such a backup it stays undetected (README, audit/README.md).
  it('an older anchor put back after the rows above it are cut is detected by a backup made in between', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    await t.call('org.communities.save', { name: '东风社区' });
    const keptAnchor = readFileSync(file('taizhang.anchor.json'));
    const keptHead = (JSON.parse(keptAnchor.toString('utf8')) as { lastId: number }).lastId;
    for (const name of ['和平社区', '建设社区']) await t.call('org.communities.save', { name });
    const stick = mkdtempSync(join(tmpdir(), 'taizhang-witness-'));
    await t.call('backup.settings.save', { autoDaily: true, folder: stick, keepLast: 3 });
    await t.call('backup.create', { folder: stick });
    await t.call('auth.lock', {}, 'viewer1');
    await t.call('auth.lock', {});
    const keyring = readKeyring(file('taizhang.keyring.json'));
    const db = openEncrypted(file('taizhang.db'), openSlotKeys(keyring.ledgerId, findSlot(keyring, 'viewer1')!, PASSWORD)!.dbKey);
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    db.prepare(`DELETE FROM audit_log WHERE id > @keep`).run({ keep: keptHead });
    db.close();
    writeFileSync(file('taizhang.anchor.json'), keptAnchor);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const v = await t.call('audit.verify', {});
    expect(v.intact).toBe(false);
    expect(v.anchor).toMatchObject({ state: 'behind' });
    expect(v.anchor!.message).toContain('日志比备份里记录的少');
    rmSync(stick, { recursive: true, force: true });
  });

  it('a restore of an older backup is not taken for a rollback by the newer backups beside it', async () => {
    t = await openTestLedger();
    const stick = mkdtempSync(join(tmpdir(), 'taizhang-witness-'));
    await t.call('backup.settings.save', { autoDaily: true, folder: stick, keepLast: 3 });
    const older = await t.call('backup.create', { folder: stick });
    await t.call('org.communities.save', { name: '东风社区' });
    t.clock.advanceDays(1);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    await t.call('backup.create', { folder: stick });
    await t.call('backup.restore', { path: older.path, confirm: true });
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true, anchor: { state: 'ok' } });
    rmSync(stick, { recursive: true, force: true });
  });
});
