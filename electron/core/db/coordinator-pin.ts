/**
 * What a slot's coordinator pin says (db/keyslot-coordinator.ts; issue 19, CR1 and CR1-Q). The pin is in clear but
 * named in the slot's private key's additional data (db/slot-aad.ts): only its holder's password sets it. Since the
 * fourteenth run's PH2-K1 it names two things of the coordinator key its holder held: the fingerprint (what rotation
 * links name, db/coordinator-lineage.ts) and the key's lineage signing public key, so whoever checks a path of links
 * from that key checks the first link's signature too, without holding the key. A pin of the fingerprint alone was
 * written by an older version (some of them before links existed): db/coordinator-lineage.ts says what that still lets
 * through. Here, not in keyslot-coordinator.ts or coordinator-lineage.ts: both need it, and each imports the other's side.
 */
import { createHmac, createPrivateKey, createPublicKey, hkdfSync, type KeyObject } from 'node:crypto';

/** Names a coordinator key without revealing it (HMAC under the key itself, with a label of its own), hex. */
export function coordinatorFingerprint(coordinatorKey: Buffer): string {
  return createHmac('sha256', coordinatorKey).update('taizhang-slot-pin:coordinator-key').digest('hex');
}

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
export const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

/** The Ed25519 key a coordinator key signs its rotation's link with (db/coordinator-lineage.ts). */
export function lineageSigningKey(coordinatorKey: Buffer): KeyObject {
  const seed = Buffer.from(hkdfSync('sha256', coordinatorKey, Buffer.alloc(0), 'taizhang-coordinator-lineage', 32));
  try {
    return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  } finally {
    seed.fill(0);
  }
}

/** The signing public key of a coordinator key, raw hex. */
export function lineagePublicKey(coordinatorKey: Buffer): string {
  const der = createPublicKey(lineageSigningKey(coordinatorKey)).export({ format: 'der', type: 'spki' });
  return der.subarray(SPKI_ED25519.length).toString('hex');
}

/** The pin a slot made with its holder's password carries for the coordinator key they hold: `fingerprint:publicKey`. */
export const coordinatorPinOf = (coordinatorKey: Buffer): string => `${coordinatorFingerprint(coordinatorKey)}:${lineagePublicKey(coordinatorKey)}`;

export interface CoordinatorPin {
  /** The pinned key's fingerprint. */
  fp: string;
  /** Its lineage signing public key; null in a pin an older version wrote (the fingerprint alone). */
  pub: string | null;
}

/** The parts of a slot's `coordinatorPin`; null when it names no key (absent, or '': made since the key existed, holding none). */
export function pinParts(pin: unknown): CoordinatorPin | null {
  if (typeof pin !== 'string' || pin === '') return null;
  const at = pin.indexOf(':');
  return at < 0 ? { fp: pin, pub: null } : { fp: pin.slice(0, at), pub: pin.slice(at + 1) };
}

/** Whether the pin names `coordinatorKey` (an older pin by its fingerprint alone; a pin of this version by both parts). */
export function pinNamesKey(pin: unknown, coordinatorKey: Buffer): boolean {
  const parts = pinParts(pin);
  if (!parts || parts.fp !== coordinatorFingerprint(coordinatorKey)) return false;
  return parts.pub === null || parts.pub === lineagePublicKey(coordinatorKey);
}
