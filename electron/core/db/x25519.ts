/**
 * X25519 keys as the key slots keep them: raw 32-byte halves, hex in the keyring (db/keyslot.ts), made into
 * key objects only to agree on a shared secret.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

const b64url = (b: Buffer): string => b.toString('base64url');
export const publicKeyOf = (raw: Buffer): KeyObject => createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: b64url(raw) }, format: 'jwk' });
export const privateKeyOf = (raw: Buffer, pub: Buffer): KeyObject =>
  createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', x: b64url(pub), d: b64url(raw) }, format: 'jwk' });
/** DER headers of an X25519 public (SPKI) and private (PKCS#8) key; the raw 32 bytes follow. */
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');

/**
 * A fresh X25519 pair as raw halves, encoded by the generation itself. Not `generateKeyPairSync` and then `export`:
 * on Node 20 exporting a freshly generated key object (as JWK) can deadlock the thread for good when a garbage
 * collection inside the export frees the generation job, whose destructor waits for the lock the export holds
 * (KeyGenJob::~KeyGenJob under ExportJWKEdKey, seen in a unit run on 2 December 2026 and once before).
 */
export function newRawPair(): { pub: Buffer; priv: Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync('x25519', {
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  });
  const raw = (der: Buffer, header: Buffer): Buffer => {
    if (der.length !== header.length + 32 || !der.subarray(0, header.length).equals(header)) throw new Error('unexpected X25519 key encoding');
    return Buffer.from(der.subarray(header.length));
  };
  const pair = { pub: raw(publicKey, SPKI_X25519), priv: raw(privateKey, PKCS8_X25519) };
  privateKey.fill(0);
  return pair;
}
