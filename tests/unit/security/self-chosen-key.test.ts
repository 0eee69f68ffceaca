/**
 * Session 18's attack run (docs/security/attack-run-session18.md, S5): offline, with the files and a viewer's
 * password only, the viewer seals a key of their own choosing as `keys.sensitive` into their own slot (sealing
 * to a public key needs no secret; a version-1 slot needs only their own password). The unlock took "the slot
 * opened a sensitive key" for "it opened the ledger's": with `role = 'coordinator'` written into their own row
 * the viewer ran as coordinator, and while their window stayed signed in the ledger kept their key for every
 * session, so what the real coordinator then saved was sealed under a key the viewer knows.
 * Fixed: a key counts only if the audit anchor's MAC holds under it or under a retired key its history holds, and
 * never when it differs from the key held already (the anchor deleted: it cannot tell which is the ledger's).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring, replaceSlot, writeKeyring, type Keyring } from '../../../electron/core/db/keyring';
import { makeSlotV1, openSlotKeys, sealKeyToSlot, type KeySlotV2 } from '../../../electron/core/db/keyslot';
import { openEncrypted } from '../../../electron/core/db/open';
import { makeSealer } from '../../../electron/core/db/sealer';
import { ADMIN, ADMIN_NEXT, PASSWORD, TEST_KDF, openTestLedger, type TestLedger, rotating } from '../../helpers/ledger';
import { offline } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

const keyringPath = () => join(t.dir, 'taizhang.keyring.json');
const ID_NUMBER = '410105199001011233';

type Layout = 'vouched' | 'older' | 'version 1';

/** The viewer's own slot made to open `key` as its sensitive key: sealed to its public key, or a version-1 slot. */
function chosenKeyInOwnSlot(key: Buffer, layout: Layout, name = 'viewer1', secret = PASSWORD): void {
  const keyring = readKeyring(keyringPath());
  const slot = findSlot(keyring, name) as KeySlotV2;
  if (layout === 'version 1') {
    const dbKey = openSlotKeys(keyring.ledgerId, slot, secret)!.dbKey;
    writeKeyring(keyringPath(), replaceSlot(keyring, makeSlotV1(name, secret, { dbKey, sensitiveKey: key }, TEST_KDF)));
  } else writeKeyring(keyringPath(), replaceSlot(keyring, sealKeyToSlot(keyring.ledgerId, slot, 'sensitive', key, layout === 'older')));
}

async function lockedWithViewer(): Promise<void> {
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  await t.call('org.communities.save', { name: '幸福社区' });
  await t.call('auth.lock', {}, 'viewer1');
  await t.call('auth.lock', {});
}

describe('a viewer who sealed a key of their own choosing into their own slot', () => {
  for (const layout of ['vouched', 'older', 'version 1'] as const) {
    it(`(${layout} layout) with a forged role unlocks as a viewer holding no key`, async () => {
      await lockedWithViewer();
      offline(t, (db) => db.prepare(`UPDATE users SET role = 'coordinator' WHERE username = 'viewer1'`).run());
      chosenKeyInOwnSlot(randomBytes(32), layout);
      // Before the fix: role coordinator, session holding "the" key; users.resetPassword on the real coordinator went through.
      const unlocked = await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
      expect(unlocked.user.role).toBe('viewer');
      expect(t.core.services.sessions.get('viewer1')!.sensitive).toBe(false);
      expect((await t.fail('users.resetPassword', { id: 1, password: 'another-pass-1' }, 'viewer1')).code).toBe('FORBIDDEN');
    });
  }

  it('signed in first, does not make the real coordinator seal under the chosen key', async () => {
    await lockedWithViewer();
    const chosen = randomBytes(32);
    chosenKeyInOwnSlot(chosen, 'vouched');
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const community = (await t.call('org.communities.list', {}))[0]!;
    const saved = await t.call('residents.save', { communityId: community.id, name: '测试新人', idNumber: ID_NUMBER });
    expect((await t.call('residents.reveal', { residentId: saved.id, field: 'idNumber' })).value).toBe(ID_NUMBER);
    for (const s of ['viewer1', 'admin']) await t.call('auth.lock', {}, s);
    // Offline, the viewer tries their key on what the coordinator just saved.
    const keyring = readKeyring(keyringPath());
    const db = openEncrypted(join(t.dir, 'taizhang.db'), openSlotKeys(keyring.ledgerId, findSlot(keyring, 'viewer1')!, PASSWORD)!.dbKey);
    const row = db.prepare(`SELECT id_number_sealed AS s FROM residents WHERE id = ?`).get(saved.id) as { s: Buffer };
    db.close();
    expect(() => makeSealer(chosen).open('residents.id_number', row.s)).toThrow();
  });

  it('with the anchor deleted (it cannot tell): the sealed data refuses the key at the viewer’s own sign-in, and the coordinator holds their own', async () => {
    await lockedWithViewer();
    const chosen = randomBytes(32);
    chosenKeyInOwnSlot(chosen, 'vouched');
    rmSync(join(t.dir, 'taizhang.anchor.json'));
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    // Before session 20: the ledger kept the viewer's key, and the coordinator signing in next was refused theirs (session
    // 18's S5b fix). Now the viewer's key opens none of the sealed data (the role and slot-key statements): never held.
    expect(t.core.services.sessions.get('viewer1')!.sensitive).toBe(false);
    const info = await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(t.core.services.sessions.get('admin')!.sensitive).toBe(true);
    expect(info.keyNotice).toBeNull();
    const community = (await t.call('org.communities.list', {}))[0]!;
    const saved = await t.call('residents.save', { communityId: community.id, name: '测试新人', idNumber: ID_NUMBER });
    for (const s of ['viewer1', 'admin']) await t.call('auth.lock', {}, s);
    const keyring = readKeyring(keyringPath());
    const db = openEncrypted(join(t.dir, 'taizhang.db'), openSlotKeys(keyring.ledgerId, findSlot(keyring, 'viewer1')!, PASSWORD)!.dbKey);
    const row = db.prepare(`SELECT id_number_sealed AS s FROM residents WHERE id = ?`).get(saved.id) as { s: Buffer };
    db.close();
    expect(() => makeSealer(chosen).open('residents.id_number', row.s)).toThrow();
  });

  it('through a recovery slot of their own making: the recovered user gets no key and no role above viewer', async () => {
    await lockedWithViewer();
    const keyring = readKeyring(keyringPath());
    const dbKey = openSlotKeys(keyring.ledgerId, findSlot(keyring, 'viewer1')!, PASSWORD)!.dbKey;
    const recovery = 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH';
    const slot = makeSlotV1('#recovery', recovery, { dbKey, sensitiveKey: randomBytes(32) }, TEST_KDF);
    writeKeyring(keyringPath(), replaceSlot(keyring, slot));
    const info = await t.call('auth.recover', { recoveryKey: recovery, username: ADMIN.username, newPassword: 'chosen-by-viewer-1' }, 'w');
    expect(info.user.role).toBe('viewer');
    expect(t.core.services.sessions.get('w')!.sensitive).toBe(false);
  });

  it("sealed over a coordinator's own key: the coordinator is told why, and the log says it", async () => {
    await lockedWithViewer();
    chosenKeyInOwnSlot(randomBytes(32), 'vouched', ADMIN.username, ADMIN.password);
    const unlocked = await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(unlocked.user.role).toBe('viewer');
    expect(unlocked.keyNotice?.case).toBe('lost');
    // The coordinator's slot is pinned (session 19): their own password says which key they held, not the anchor.
    expect(unlocked.keyNotice?.message).toMatch(/不是您上次登录时持有.*复制回台账文件夹/);
    const row = t.core.services.ledger.handle().prepare(`SELECT after_json AS a FROM audit_log ORDER BY id DESC LIMIT 1`).get() as { a: string };
    expect(JSON.parse(row.a)).toMatchObject({ sensitiveKeyRefused: 'pin' });
  });

  it('the genuine key still counts after a rotation (the anchor re-made) and with an anchor a rotation left as it was', async () => {
    await lockedWithViewer();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    await t.call('users.rotateKeys', rotating());
    await t.call('auth.lock', {});
    const anchorPath = join(t.dir, 'taizhang.anchor.json');
    const before = readFileSync(anchorPath);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
    expect(t.core.services.sessions.get('admin')!.sensitive).toBe(true);
    await t.call('users.rotateKeys', rotating(ADMIN_NEXT, 'correct-horse-3'));
    await t.call('auth.lock', {});
    // The anchor from under the first rotated key put back: MACed with a key the history holds, so the holder still counts.
    writeFileSync(anchorPath, before);
    await t.call('auth.unlock', { username: ADMIN.username, password: 'correct-horse-3' });
    expect(t.core.services.sessions.get('admin')!.sensitive).toBe(true);
    expect((JSON.parse(readFileSync(keyringPath(), 'utf8')) as Keyring).slots.length).toBeGreaterThan(0);
  });
});
