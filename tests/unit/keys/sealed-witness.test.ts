/**
 * The sealed data as the witness of a sensitive key (keys/sealed-witness.ts): every value of the registry opens
 * under the key or a retired key in the history it opens; a ledger holding nothing sealed says so (the anchor then
 * decides). Values under the old and the new key at once (a rotation that stopped half way, values of older days)
 * hold; one value under no key the history knows fails it, and so does a value deleted while its mask says it is there.
 */
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSealer } from '../../../electron/core/db/sealer';
import { asWriteDb } from '../../../electron/core/db/types';
import { deleteMeta } from '../../../electron/core/db/ledger-files';
import { KEY_HISTORY_META, writeKeyHistory } from '../../../electron/core/keys/key-history';
import { sealedWitness } from '../../../electron/core/keys/sealed-witness';
import { SEALED_COLUMNS } from '../../../electron/core/sealed-columns';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const PURPOSE = 'residents.id_number';
const db = () => t.core.services.ledger.handle();
const heldKey = () => Buffer.from(t.core.services.ledger.heldKeys().sensitiveKey!);
const verdict = (key: Buffer) => sealedWitness(db(), key, SEALED_COLUMNS);
const residentIds = () =>
  (db().prepare(`SELECT id FROM residents WHERE id_number_sealed IS NOT NULL ORDER BY id`).all() as Array<{ id: number }>).map((r) => r.id);
const setIdNumber = (id: number, sealed: Buffer) => db().prepare(`UPDATE residents SET id_number_sealed = ? WHERE id = ?`).run(sealed, id);

/** Version 1 as earlier versions sealed it (AES-256-GCM), written out by hand. */
function sealedV1(key: Buffer, purpose: string, value: string): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'taizhang-seal-v1', 32)), iv);
  c.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([c.update(value, 'utf8'), c.final()]);
  return Buffer.concat([Buffer.of(1), iv, body, c.getAuthTag()]);
}

async function ledgerWithResidents(n: number): Promise<void> {
  t = await openTestLedger();
  const c = await t.call('org.communities.save', { name: '幸福社区' });
  const ids = ['410105199001011233', '410181195610011747', '410105198502021232'];
  for (let i = 0; i < n; i++) await t.call('residents.save', { communityId: c.id, name: `居民${i}`, idNumber: ids[i]! });
}

describe('sealedWitness', () => {
  it("holds under the ledger's key, fails under any other; empty when nothing is sealed", async () => {
    await ledgerWithResidents(2);
    expect(verdict(heldKey())).toBe('holds');
    expect(verdict(randomBytes(32))).toBe('fails');
    // Only the residents' columns, a ledger without any: nothing to judge by.
    const residentsOnly = SEALED_COLUMNS.filter((c) => c.table === 'residents');
    db().prepare(`UPDATE residents SET id_number_sealed = NULL, phone_sealed = NULL, birth_date_sealed = NULL`).run();
    // Their masks and birth years still say the values are there: deleted outside the program (sixth attack run, W3).
    expect(sealedWitness(db(), randomBytes(32), residentsOnly)).toBe('fails');
    db().prepare(`UPDATE residents SET id_number_masked = NULL, phone_masked = NULL, birth_year = NULL`).run();
    expect(sealedWitness(db(), randomBytes(32), residentsOnly)).toBe('empty');
  });

  it('a value deleted while its mask says it is there fails it; one still in its legacy clear column (not sealed yet) does not', async () => {
    await ledgerWithResidents(2);
    const key = heldKey();
    const [id] = residentIds();
    db().prepare(`UPDATE residents SET id_number_sealed = NULL WHERE id = ?`).run(id);
    expect(verdict(key)).toBe('fails');
    db().prepare(`UPDATE residents SET id_number = '410105199001011233' WHERE id = ?`).run(id);
    expect(verdict(key)).toBe('holds');
  });

  it("the staff register's numbers the same: a number deleted while its mask says it is there fails it", async () => {
    t = await openTestLedger();
    const c = await t.call('org.communities.save', { name: '幸福社区' });
    const member = await t.call('rota.staff.save', {
      name: '张伟',
      kind: 'community_worker',
      communityId: c.id,
      idNumber: '410105199001011233',
      phone: '13912345678',
    });
    const key = heldKey();
    expect(verdict(key)).toBe('holds');
    for (const column of ['phone', 'id_number']) {
      db().prepare(`UPDATE staff SET ${column}_sealed = NULL WHERE id = ?`).run(member.id);
      expect(verdict(key), column).toBe('fails');
    }
    db().prepare(`UPDATE staff SET id_number_masked = NULL, phone_masked = NULL WHERE id = ?`).run(member.id);
    expect(verdict(key)).toBe('holds');
  });

  it('values under the key and under a retired key its history holds (a rotation half way): holds; without that history: fails', async () => {
    await ledgerWithResidents(3);
    const key = heldKey();
    const retired = randomBytes(32);
    const [first] = residentIds();
    setIdNumber(first!, makeSealer(retired).seal(PURPOSE, '410105199001011233'));
    writeKeyHistory(asWriteDb(db()), makeSealer(key), [{ key: retired.toString('hex'), retiredAt: '2020-02-17T01:00:00.000Z' }]);
    expect(verdict(key)).toBe('holds');
    // The retired key is no witness for itself: its history is not under it.
    expect(verdict(retired)).toBe('fails');
    deleteMeta(asWriteDb(db()), KEY_HISTORY_META);
    expect(verdict(key)).toBe('fails');
  });

  it('one value among many under another key fails it; a version-1 value under the key holds', async () => {
    await ledgerWithResidents(3);
    const key = heldKey();
    const ids = residentIds();
    setIdNumber(ids[0]!, sealedV1(key, PURPOSE, '410105199001011233'));
    expect(verdict(key)).toBe('holds');
    setIdNumber(ids[2]!, makeSealer(randomBytes(32)).seal(PURPOSE, '410105198502021232'));
    expect(verdict(key)).toBe('fails');
  });

  it('a value flipped, not a sealed value at all, or under another purpose fails it', async () => {
    for (const damage of ['flip', 'text', 'purpose'] as const) {
      await ledgerWithResidents(1);
      const key = heldKey();
      const [id] = residentIds();
      const row = db().prepare(`SELECT id_number_sealed AS s FROM residents WHERE id = ?`).get(id) as { s: Buffer };
      const flipped = Buffer.from(row.s);
      flipped[flipped.length - 1] = flipped[flipped.length - 1]! ^ 1;
      const value = { flip: flipped, text: Buffer.from('410105199001011233'), purpose: makeSealer(key).seal('residents.phone', '410105199001011233') }[damage];
      setIdNumber(id!, value);
      expect(verdict(key)).toBe('fails');
      t.close();
    }
  });

  it('a key history that does not open under the key fails it', async () => {
    await ledgerWithResidents(1);
    const key = heldKey();
    writeKeyHistory(asWriteDb(db()), makeSealer(randomBytes(32)), []);
    expect(verdict(key)).toBe('fails');
  });
});
