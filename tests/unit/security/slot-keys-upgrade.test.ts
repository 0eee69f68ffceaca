/**
 * The upgrade to vouched slot keys (migration 064, auth/slot-keys.ts) on a ledger made by the version before:
 * no statement, every holder's sensitive key sealed in the older layout. The first holder's unlock vouches the
 * keyring's public keys as they are (trust on first use, audited) and re-seals the holders' slots in the new
 * layout; nobody is locked out. Afterwards a viewer who deletes every statement cannot make it run again.
 */
import { newRawPair } from '../../../electron/core/db/x25519';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, RECOVERY_SLOT, type Keyring } from '../../../electron/core/db/keyring';
import { openSlotKeys, sealKeyToSlot, type KeySlotV2 } from '../../../electron/core/db/keyslot';
import { openEncrypted } from '../../../electron/core/db/open';
import { ADMIN, ADMIN_NEXT, PASSWORD, openTestLedger, type TestLedger, rotating } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const path = () => join(t.dir, 'taizhang.keyring.json');
const keyring = (): Keyring => JSON.parse(readFileSync(path(), 'utf8')) as Keyring;
/** The recovery key of the moment: a rotation makes a new one (session 21). */
let recoveryKey = '';
/** The admin's password of now: a rotation ends on a new one. */
let adminPassword = ADMIN.password;
const secrets = (): Record<string, string> => ({ [ADMIN.username]: adminPassword, clerk1: PASSWORD, viewer1: PASSWORD, [RECOVERY_SLOT]: recoveryKey });
const keysOf = (name: string) => openSlotKeys(keyring().ledgerId, findSlot(keyring(), name)!, secrets()[name]!)!;

/** With the database key (a viewer's password opens it), offline. */
function withDb(run: (db: ReturnType<typeof openEncrypted>) => void): void {
  const db = openEncrypted(join(t.dir, 'taizhang.db'), keysOf('viewer1').dbKey);
  run(db);
  db.close();
}

/** The ledger as the version before wrote it: no slot_keys table (migration 064 not run) and the sensitive key sealed in the older layout. */
async function ledgerFromBefore(): Promise<void> {
  t = await openTestLedger();
  recoveryKey = t.recoveryKey;
  adminPassword = ADMIN.password;
  await t.sessionAs('clerk', 'clerk1');
  await t.sessionAs('viewer', 'viewer1');
  for (const s of ['clerk1', 'viewer1', 'admin']) await t.call('auth.lock', {}, s);
  const sensitive = keysOf(ADMIN.username).sensitiveKey!;
  const k = keyring();
  k.slots = k.slots.map((s) => ((s as KeySlotV2).keys.sensitive ? sealKeyToSlot(k.ledgerId, s as KeySlotV2, 'sensitive', sensitive, true) : s));
  writeFileSync(path(), JSON.stringify(k, null, 2));
  withDb((db) => db.exec(`DROP TABLE slot_keys; DELETE FROM schema_migrations WHERE version = 64;`));
  expect(keysOf(ADMIN.username).legacyLayout).toBe(true);
}

describe('vouched slot keys on a ledger made by the version before', () => {
  it('the first holder unlock vouches the keys as they are (audited), re-seals the holders in the new layout; nobody is locked out', async () => {
    await ledgerFromBefore();
    // A viewer first: the migration runs, nothing can be vouched without the sensitive key.
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const log = await t.call('audit.list', { filter: { channel: 'keys.vouch' }, offset: 0, limit: 5 });
    expect(log.rows.map((r) => r.summary)).toEqual(['王建国 核实了密钥文件里各项的公钥（升级时按当时的密钥文件认定）']);
    expect(await t.call('users.keyStatus', {})).toMatchObject({ slotsChanged: [] });
    for (const name of [ADMIN.username, 'clerk1', RECOVERY_SLOT]) {
      const k = keysOf(name);
      expect(k.sensitiveKey!.equals(keysOf(ADMIN.username).sensitiveKey!), name).toBe(true);
      expect(k.legacyLayout, name).toBeUndefined();
    }
    await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    expect(t.core.services.sessions.get('clerk1')!.sensitive).toBe(true);
    // A rotation keeps everyone (clerk1's slot given the new key, their pin left for a reset; a new recovery key).
    recoveryKey = (await t.call('users.rotateKeys', { ...rotating() })).recoveryKey!;
    adminPassword = ADMIN_NEXT;
    const admin = keysOf(ADMIN.username);
    for (const name of ['clerk1', RECOVERY_SLOT]) expect(keysOf(name).sensitiveKey!.equals(admin.sensitiveKey!), name).toBe(true);
    expect(keysOf('viewer1')).toEqual({ dbKey: admin.dbKey, sensitiveKey: null });
    expect(await t.call('audit.list', { filter: { channel: 'keys.refuse' }, offset: 0, limit: 5 })).toMatchObject({ rows: [] });
  });

  it('after the upgrade, deleting every statement does not make the next unlock trust a swapped recovery key', async () => {
    await ledgerFromBefore();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    await t.call('auth.lock', {});
    withDb((db) => db.exec(`DELETE FROM slot_keys`));
    const k = keyring();
    const recovery = findSlot(k, RECOVERY_SLOT) as KeySlotV2;
    recovery.publicKey = newRawPair().pub.toString('hex');
    delete recovery.keys.sensitive;
    writeFileSync(path(), JSON.stringify(k, null, 2));

    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect((findSlot(keyring(), RECOVERY_SLOT) as KeySlotV2).keys.sensitive).toBeUndefined();
    const refused = await t.call('audit.list', { filter: { channel: 'keys.refuse' }, offset: 0, limit: 5 });
    expect(refused.rows.map((r) => r.summary)).toEqual(['王建国 发现「恢复密钥」在密钥文件里的那一项没有经过核实，未交出敏感信息密钥']);
    expect((await t.call('audit.list', { filter: { channel: 'keys.vouch' }, offset: 0, limit: 5 })).rows).toHaveLength(1);
  });

  it('a crash after the upgrade rewrote the keyring file, before the grants committed, keeps the statements: a rotation keeps the recovery slot', async () => {
    await ledgerFromBefore();
    const ledger = t.core.services.ledger;
    const save = ledger.saveKeyring.bind(ledger);
    // The file is written, then the process dies before COMMIT (here: the grants' transaction throws and rolls back).
    ledger.saveKeyring = (k) => {
      save(k);
      throw new Error('killed after the keyring was written');
    };
    await t.core.call('admin', 'auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    ledger.saveKeyring = save;
    expect(keysOf(RECOVERY_SLOT).legacyLayout).toBeUndefined();
    await t.call('auth.lock', {});
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    // Since session 21 the rotation makes the recovery slot afresh (a new recovery key): kept either way.
    recoveryKey = (await t.call('users.rotateKeys', { ...rotating() })).recoveryKey!;
    adminPassword = ADMIN_NEXT;
    const admin = keysOf(ADMIN.username);
    expect(keysOf(RECOVERY_SLOT).sensitiveKey!.equals(admin.sensitiveKey!)).toBe(true);
    expect(keysOf('clerk1').sensitiveKey!.equals(admin.sensitiveKey!)).toBe(true);
    expect(await t.call('audit.list', { filter: { channel: 'keys.refuse' }, offset: 0, limit: 5 })).toMatchObject({ rows: [] });
  });
});
