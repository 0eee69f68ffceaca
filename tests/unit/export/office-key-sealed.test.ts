/**
 * The office's signing key sealed at rest (issue 19 item 2): the private half
 * is stored sealed under the sensitive key, opened only to sign a package;
 * a key an older version stored in clear is sealed at the first clerk or
 * coordinator unlock; a viewer's key finds nothing of it; a rotation re-seals it.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring, replaceSlot, withoutSensitive } from '../../../electron/core/db/keyring';
import { currentOfficeKey, fingerprintOf, OFFICE_PRIVATE_KEY, signingKey } from '../../../electron/core/io/export/office-key';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger, rotating } from '../../helpers/ledger';
import { PERIOD, seedSmallOffice, ZIP_PASSWORD } from './fixture';

let t: TestLedger;
afterEach(() => t?.close());

const row = () =>
  t.core.services.ledger.handle().prepare(`SELECT private_key_pem AS pem, private_key_sealed AS sealed, public_key_pem AS pub FROM office_keys`).get() as {
    pem: string;
    sealed: Buffer | null;
    pub: string;
  };

/** The PEM's base64 body: what a stored copy in clear would contain. */
const bodyOf = (pem: string) => pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');

/** Every TEXT and BLOB value of office_keys, as a viewer with the database key reads them offline. */
function everyValue(): string[] {
  const rows = t.core.services.ledger.handle().prepare(`SELECT * FROM office_keys`).all() as Array<Record<string, unknown>>;
  return rows.flatMap((r) => Object.values(r).map((v) => (Buffer.isBuffer(v) ? `${v.toString('latin1')}${v.toString('base64')}` : String(v))));
}

function signsFor(pem: string, publicPem: string): boolean {
  const data = Buffer.from('上报包');
  return verify(null, data, createPublicKey(publicPem), sign(null, data, createPrivateKey(pem)));
}

describe('office signing key at rest', () => {
  it('is made sealed: the clear column is empty, the sealed one opens to a key that signs for the public key', async () => {
    t = await openTestLedger();
    const info = await t.call('export.officeKey', {});
    const r = row();
    expect(r.pem).toBe('');
    expect(r.sealed).toBeInstanceOf(Buffer);
    const key = signingKey(t.core.services.ledger.handle(), t.core.services.ledger.sealer(), currentOfficeKey(t.core.services.ledger.handle())!);
    expect(key.fingerprint).toBe(info.fingerprint);
    expect(signsFor(key.privateKeyPem, r.pub)).toBe(true);
    expect(everyValue().join('\n')).not.toContain(bodyOf(key.privateKeyPem));
  });

  it('a key stored in clear by an older version: still clear at a viewer unlock, sealed at the coordinator unlock, nothing lost', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    // Encoded by the generation itself: exporting a freshly generated key object can deadlock Node 20 (db/x25519.ts).
    const { publicKey: pub, privateKey: pem } = generateKeyPairSync('ed25519', {
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    // As the version before migration 025 wrote it.
    t.core.services.ledger
      .handle()
      .prepare(`INSERT INTO office_keys (public_key_pem, private_key_pem, fingerprint, created_at) VALUES (@pub, @pem, @fp, '2020-02-01T00:00:00.000Z')`)
      .run({ pub, pem, fp: fingerprintOf(pub) });
    for (const s of ['admin', 'viewer1']) await t.call('auth.lock', {}, s);

    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    expect(row().pem).toBe(pem);
    await t.call('auth.lock', {}, 'viewer1');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(row().pem).toBe('');
    expect(t.core.services.ledger.sealer()!.open(OFFICE_PRIVATE_KEY, row().sealed!)).toBe(pem);
    expect(everyValue().join('\n')).not.toContain(bodyOf(pem));
    const log = await t.call('audit.list', { filter: { channel: 'auth.unlock' }, offset: 0, limit: 10 });
    expect(log.rows.map((e) => e.after)).toContainEqual(expect.stringContaining(OFFICE_PRIVATE_KEY));

    // A viewer's unlock gives only the database key: nothing of the private key in any value it can read.
    await t.call('auth.lock', {});
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    expect(t.core.services.ledger.sealer()).toBeNull();
    expect(everyValue().join('\n')).not.toContain(bodyOf(pem));
  });

  it('a coordinator whose slot lacks the sensitive key signs nothing: the unlock runs as a viewer (session 15, forged-role-session.test.ts)', async () => {
    t = await openTestLedger();
    seedSmallOffice(t);
    await t.call('export.officeKey', {});
    await t.call('auth.lock', {});
    const path = t.core.services.ledger.paths.keyring;
    const k = readKeyring(path);
    t.core.services.ledger.saveKeyring(replaceSlot(k, withoutSensitive(findSlot(k, ADMIN.username)!)));
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(t.core.services.sessions.get('admin')).toMatchObject({ sensitive: false, role: 'viewer' });
    const out = mkdtempSync(join(tmpdir(), 'taizhang-export-'));
    try {
      const e = await t.fail('export.write', { ...PERIOD, formIds: ['caseload-summary'], folder: out, password: ZIP_PASSWORD });
      expect(e.code).toBe('FORBIDDEN');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('a key rotation re-seals it: the same key still signs', async () => {
    t = await openTestLedger();
    const info = await t.call('export.officeKey', {});
    const db = t.core.services.ledger.handle();
    const before = signingKey(db, t.core.services.ledger.sealer(), currentOfficeKey(db)!).privateKeyPem;
    const sealedBefore = row().sealed!;
    await t.call('users.rotateKeys', { ...rotating() });
    expect(row().sealed!.equals(sealedBefore)).toBe(false);
    const after = signingKey(db, t.core.services.ledger.sealer(), currentOfficeKey(db)!);
    expect(after.privateKeyPem).toBe(before);
    expect(after.fingerprint).toBe(info.fingerprint);
  });
});
