/**
 * 025_office_key_sealed on a ledger in use: one column added to office_keys,
 * the key written by the version before kept as it was (the sealing upgrade,
 * not the migration, seals it: the migration has no key).
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { columnsOf, expectAdditive, ledgerBefore, seedFoundation, shapeOf, type LedgerBefore } from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(25);
  seedFoundation(l.db);
});
afterEach(() => l.close());

describe('025_office_key_sealed on an existing ledger', () => {
  it('adds private_key_sealed and keeps the stored key', () => {
    // Encoded by the generation itself: exporting a freshly generated key object can deadlock Node 20 (db/x25519.ts).
    const { publicKey: pub, privateKey: pem } = generateKeyPairSync('ed25519', {
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const row = { pub, pem };
    l.db
      .prepare(`INSERT INTO office_keys (public_key_pem, private_key_pem, fingerprint, created_at) VALUES (@pub, @pem, 'fp', '2020-02-01T00:00:00.000Z')`)
      .run(row);
    const before = shapeOf(l.db);
    expect(l.upgrade()).toEqual([25]);
    const added = expectAdditive(before, shapeOf(l.db));
    expect(added.tables).toEqual({ office_keys: ['private_key_sealed'] });
    expect(columnsOf(l.db, 'office_keys')).toContain('private_key_sealed');
    expect(l.db.prepare(`SELECT public_key_pem AS pub, private_key_pem AS pem, private_key_sealed AS sealed FROM office_keys`).get()).toEqual({
      ...row,
      sealed: null,
    });
  });
});
