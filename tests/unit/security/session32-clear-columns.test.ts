/**
 * The eighteenth attack run (session 32) on the sealing upgrades (db/seal-upgrades.ts) and the row binding
 * (db/row-binding.ts), with a viewer's password and the files only.
 *
 * S32-A4: an older version's clear columns (residents.id_number / phone / birth_date, staff.id_number / phone,
 * households.phone) are still in the schema, and a row's MAC binds its sealed columns, not them. A value written there
 * by the viewer leaves the row intact; at the next clerk's or coordinator's unlock the sealing upgrade seals it over the
 * real one and binds the row again (`sealInPlace`: "bound again only if it was intact before"). The number the
 * coordinator opens, exports and signs is then the viewer's, no refusal anywhere: what the row binding exists to stop
 * (the second run's swaps, sealed-row-swaps.test.ts).
 *
 * Fixed during the run (db/row-binding.ts `sealClearInPlace`, the clear-column upgrades only; fold-names keeps
 * sealInPlace): once the row's stage is bound, a clear value is sealed but the row is not bound again, so it is refused
 * as altered outside the program (LEDGER_DAMAGED: 「这条记录在本程序之外被改动过（居民，编号 …）…请从备份恢复」).
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { currentOfficeKey, signingKey } from '../../../electron/core/io/export/office-key';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { offline } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

const REAL_ID = makeIdNumber('410102', '1980-01-01', 77);
const FORGED_ID = makeIdNumber('410102', '1966-06-06', 15);
const REAL_PHONE = '13803711002';
const FORGED_PHONE = '13912345678';

async function lockEveryone(): Promise<void> {
  await t.call('auth.lock', {}, 'viewer1');
  await t.call('auth.lock', {});
}

describe('S32-A4: a value written into an old clear column is sealed over the real one and bound', () => {
  // S32-A4, fixed: red before, the resident's phone opened as the viewer wrote it (13912345678), the ID number too.
  it('a resident: the coordinator does not open the viewer’s phone and ID number as the resident’s', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    const community = await t.call('org.communities.save', { name: '东风社区' });
    const h = await t.call('households.save', { communityId: community.id, addressText: '路1号' });
    const r = await t.call('residents.save', { householdId: h.id, name: '王小明', idNumber: REAL_ID, phone: REAL_PHONE });
    await lockEveryone();
    offline(t, (db) =>
      db.prepare(`UPDATE residents SET phone = @phone, id_number = @id WHERE id = @rid`).run({ phone: FORGED_PHONE, id: FORGED_ID, rid: r.id }),
    );
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const phone = await t.raw('residents.reveal', { residentId: r.id, field: 'phone' });
    const id = await t.raw('residents.reveal', { residentId: r.id, field: 'idNumber' });
    // Either as it was, or refused as altered outside the program: never the viewer's numbers as the resident's.
    for (const [got, real] of [
      [phone, REAL_PHONE],
      [id, REAL_ID],
    ] as const)
      if (got.ok === false) expect(got.error.code).toBe('LEDGER_DAMAGED');
      else expect(got, JSON.stringify(got)).toMatchObject({ ok: true, value: { value: real } });
  });

  // S32-A4, fixed: red before, the worker's forged ID opened (the insurer's roster is issued on it), the real phone wiped.
  it('a worker: the coordinator does not open the viewer’s ID number as the worker’s', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    const s = await t.call('rota.staff.save', { name: '张伟', kind: 'community_worker', idNumber: REAL_ID, phone: REAL_PHONE, insurer: '中国人寿' });
    await lockEveryone();
    offline(t, (db) => db.prepare(`UPDATE staff SET id_number = @id WHERE id = @sid`).run({ id: FORGED_ID, sid: s.id }));
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const got = await t.raw('rota.staff.reveal', { id: s.id });
    if (got.ok === false) expect(got.error.code).toBe('LEDGER_DAMAGED');
    else expect(JSON.stringify(got)).not.toContain(FORGED_ID);
  });

  // S32-A4's class, fixed with it: red before, the office's packages would be signed with the viewer's own private key
  // (its public half unchanged, so each export failed its read-back check and the office's real key was gone).
  it('the office key: the viewer’s own private key in the old clear column is never used to sign', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    await t.call('export.officeKey', {});
    await lockEveryone();
    const own = generateKeyPairSync('ed25519', { publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    offline(t, (db) => db.prepare(`UPDATE office_keys SET private_key_pem = @pem`).run({ pem: own.privateKey }));
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const ledger = t.core.services.ledger;
    const db = ledger.handle();
    expect(() => signingKey(db, ledger.sealer(), currentOfficeKey(db)!)).toThrow(/在本程序之外被改动过（上报签名密钥/);
  });
});
