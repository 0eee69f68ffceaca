/**
 * Session 15's attack run, K1 (docs/security/attack-run-session15.md): offline, with the files and a viewer's
 * password only, the attacker replaces the recovery slot's (or a clerk's) public key in taizhang.keyring.json by
 * their own X25519 key and drops (or keeps a dummy) `keys.sensitive`. The next clerk's or coordinator's unlock
 * sealed the sensitive key to the attacker's key; a rotation re-sealed both new keys to a swapped recovery slot.
 * A key now goes only to a slot whose public key a key holder vouched for (auth/slot-keys.ts).
 */
import { createDecipheriv, createPublicKey, diffieHellman, hkdfSync, type KeyObject } from 'node:crypto';
import { newRawPair, privateKeyOf } from '../../../electron/core/db/x25519';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, RECOVERY_SLOT, type Keyring } from '../../../electron/core/db/keyring';
import { makeSlot, openSlotKeys, type KeySlotV2 } from '../../../electron/core/db/keyslot';
import { ADMIN, ADMIN_NEXT, PASSWORD, TEST_KDF, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const path = () => join(t.dir, 'taizhang.keyring.json');
const keyring = (): Keyring => JSON.parse(readFileSync(path(), 'utf8')) as Keyring;
/** The admin's keys, opened with their password (after a rotation: the new one, ADMIN_NEXT). */
const adminKeys = (password = ADMIN.password) => openSlotKeys(keyring().ledgerId, findSlot(keyring(), ADMIN.username)!, password)!;

/** What the attacker does with their own private key: X25519 with the ephemeral key, HKDF, AES-GCM under every layout's AAD. */
function attackerOpens(slotName: string, which: 'db' | 'sensitive', priv: KeyObject): Buffer | null {
  const k = keyring();
  const slot = findSlot(k, slotName) as KeySlotV2 | undefined;
  const s = slot?.keys[which];
  if (!slot || !s) return null;
  const epk = Buffer.from(s.epk, 'hex');
  const epkObj = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: epk.toString('base64url') }, format: 'jwk' });
  const shared = diffieHellman({ privateKey: priv, publicKey: epkObj });
  const kek = Buffer.from(hkdfSync('sha256', shared, Buffer.concat([epk, Buffer.from(slot.publicKey, 'hex')]), 'taizhang-slot-seal-v2', 32));
  for (const suffix of ['', ':vouched-keys']) {
    try {
      const d = createDecipheriv('aes-256-gcm', kek, Buffer.from(s.iv, 'hex'));
      d.setAAD(Buffer.from(`taizhang-slot-key:${k.ledgerId}:${slot.name}:${which}${suffix}`));
      d.setAuthTag(Buffer.from(s.tag, 'hex'));
      return Buffer.concat([d.update(Buffer.from(s.sealed, 'hex')), d.final()]);
    } catch {
      // the other layout
    }
  }
  return null;
}

/** Offline: the slot's public key replaced by the attacker's; `keys.sensitive` dropped or kept as a dummy. */
function swapPublicKey(slotName: string, sensitive: 'drop' | 'dummy'): KeyObject {
  const pair = newRawPair();
  const k = keyring();
  const slot = findSlot(k, slotName) as KeySlotV2;
  slot.publicKey = pair.pub.toString('hex');
  if (sensitive === 'drop') delete slot.keys.sensitive;
  else slot.keys.sensitive = { ...slot.keys.db };
  writeFileSync(path(), JSON.stringify(k, null, 2));
  return privateKeyOf(pair.priv, pair.pub);
}

async function ledgerWithThree(): Promise<void> {
  t = await openTestLedger();
  await t.sessionAs('clerk', 'clerk1');
  await t.sessionAs('viewer', 'viewer1');
  for (const s of ['clerk1', 'viewer1', 'admin']) await t.call('auth.lock', {}, s);
}

const refusals = async () => (await t.call('audit.list', { filter: { channel: 'keys.refuse' }, offset: 0, limit: 20 })).rows.map((r) => r.summary);

describe('a slot whose public key a viewer replaced', () => {
  it('the recovery slot: the coordinator unlock gives the attacker no sensitive key, refused and audited, status names it', async () => {
    await ledgerWithThree();
    const attacker = swapPublicKey(RECOVERY_SLOT, 'drop');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(attackerOpens(RECOVERY_SLOT, 'sensitive', attacker)).toBeNull();
    expect(await refusals()).toEqual(['王建国 发现「恢复密钥」在密钥文件里的那一项被改动过，未交出敏感信息密钥']);
    expect((await t.call('users.keyStatus', {})).slotsChanged).toEqual(['恢复密钥']);
    // The honest users are not locked out.
    await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    expect(t.core.services.sessions.get('clerk1')!.sensitive).toBe(true);
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    // A new recovery key (生成新的恢复密钥: a rotation) is vouched and holds the new key.
    const { recoveryKey } = await t.call('users.rotateKeys', rotating());
    expect((await t.call('users.keyStatus', {})).slotsChanged).toEqual([]);
    expect(openSlotKeys(keyring().ledgerId, findSlot(keyring(), RECOVERY_SLOT)!, recoveryKey!)!.sensitiveKey!.equals(adminKeys(ADMIN_NEXT).sensitiveKey!)).toBe(
      true,
    );
  });

  it('the recovery slot with a dummy sensitive entry: a rotation re-seals neither new key to it', async () => {
    await ledgerWithThree();
    const attacker = swapPublicKey(RECOVERY_SLOT, 'dummy');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    await t.call('users.rotateKeys', { ...rotating() });
    await t.call('auth.lock', {});
    const admin = adminKeys(ADMIN_NEXT);
    for (const which of ['db', 'sensitive'] as const) {
      const got = attackerOpens(RECOVERY_SLOT, which, attacker);
      expect(got === null || (!got.equals(admin.dbKey) && !got.equals(admin.sensitiveKey!)), which).toBe(true);
    }
    // Everyone else holds the new keys.
    const clerk = openSlotKeys(keyring().ledgerId, findSlot(keyring(), 'clerk1')!, PASSWORD)!;
    expect(clerk.dbKey.equals(admin.dbKey) && clerk.sensitiveKey!.equals(admin.sensitiveKey!)).toBe(true);
    expect(openSlotKeys(keyring().ledgerId, findSlot(keyring(), 'viewer1')!, PASSWORD)!.dbKey.equals(admin.dbKey)).toBe(true);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
    expect((await refusals())[0]).toBe('王建国 发现「恢复密钥」在密钥文件里的那一项被改动过，未交出敏感信息密钥');
  });

  it("a clerk's slot: neither the unlock's grant nor a rotation reaches the attacker's key", async () => {
    await ledgerWithThree();
    const attacker = swapPublicKey('clerk1', 'drop');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(attackerOpens('clerk1', 'sensitive', attacker)).toBeNull();
    expect(await refusals()).toEqual(['王建国 发现「测试clerk」在密钥文件里的那一项被改动过，未交出敏感信息密钥']);
    expect((await t.call('users.keyStatus', {})).slotsChanged).toEqual(['测试clerk']);
    await t.call('users.rotateKeys', { ...rotating() });
    const admin = adminKeys(ADMIN_NEXT);
    for (const which of ['db', 'sensitive'] as const) {
      const got = attackerOpens('clerk1', which, attacker);
      expect(got === null || (!got.equals(admin.dbKey) && !got.equals(admin.sensitiveKey!)), which).toBe(true);
    }
    // The coordinator's reset gives the clerk a vouched slot again; the key follows at the next holder's unlock.
    const clerk = (await t.call('users.list', {})).find((u) => u.username === 'clerk1')!;
    await t.call('users.resetPassword', { id: clerk.id, password: 'new-clerk-pass-1' });
    expect((await t.call('users.keyStatus', {})).slotsChanged).toEqual([]);
    expect(
      openSlotKeys(keyring().ledgerId, findSlot(keyring(), 'clerk1')!, 'new-clerk-pass-1')!.sensitiveKey!.equals(adminKeys(ADMIN_NEXT).sensitiveKey!),
    ).toBe(true);
  });

  it("a clerk's slot with a dummy sensitive entry: a rotation gives it nothing", async () => {
    await ledgerWithThree();
    const attacker = swapPublicKey('clerk1', 'dummy');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    await t.call('users.rotateKeys', { ...rotating() });
    const admin = adminKeys(ADMIN_NEXT);
    for (const which of ['db', 'sensitive'] as const) {
      const got = attackerOpens('clerk1', which, attacker);
      expect(got === null || (!got.equals(admin.dbKey) && !got.equals(admin.sensitiveKey!)), which).toBe(true);
    }
  });

  it('a whole slot the viewer made (recovery or clerk) and used online while a coordinator is unlocked vouches for nothing', async () => {
    await ledgerWithThree();
    // Offline: the recovery slot replaced by one opening with a key the attacker chose, holding the database key only.
    const k = keyring();
    const dbKey = openSlotKeys(k.ledgerId, findSlot(k, 'viewer1')!, PASSWORD)!.dbKey;
    k.slots = [
      ...k.slots.filter((s) => s.name !== RECOVERY_SLOT),
      makeSlot(k.ledgerId, RECOVERY_SLOT, 'AAAA-BBBB-CCCC', { dbKey, sensitiveKey: null }, TEST_KDF),
    ];
    writeFileSync(path(), JSON.stringify(k, null, 2));
    // Online, the coordinator's window open: a new password for the clerk through the fake recovery slot.
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    await t.call('auth.recover', { username: 'clerk1', recoveryKey: 'AAAA-BBBB-CCCC', newPassword: 'attacker-pass-1' }, 'clerk1');
    expect(t.core.services.sessions.get('clerk1')!.sensitive).toBe(false);
    await t.call('auth.lock', {}, 'clerk1');
    await t.call('auth.lock', {});
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    for (const name of ['clerk1', RECOVERY_SLOT]) {
      const secret = name === RECOVERY_SLOT ? 'AAAA-BBBB-CCCC' : 'attacker-pass-1';
      expect(openSlotKeys(keyring().ledgerId, findSlot(keyring(), name)!, secret)!.sensitiveKey, name).toBeNull();
    }
    expect(await refusals()).toEqual(expect.arrayContaining(['王建国 发现「测试clerk」在密钥文件里的那一项没有经过核实，未交出敏感信息密钥']));
  });
});
