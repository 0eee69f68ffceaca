/**
 * Which coordinator key a rotation came from (eleventh attack run, CR1-Q). A coordinator who was not signed in when
 * the keys were rotated finds a new coordinator key sealed to their slot by public key, which anyone with the files
 * can do; their pin (db/keyslot-coordinator.ts) names the key they last held, so the new one never counts for them
 * and they need a 重设密码. That much was loud for a clerk's own key too, until the clerk, signed in under a
 * coordinator key of their own, ran 更换密钥: the real coordinator then saw the routine 「台账的密钥已更换」, asked
 * for a reset, and the clerk gave it.
 *
 * So each rotation of the coordinator key adds a link to the keyring: the new key's fingerprint and signing public
 * key, signed (Ed25519) with a signing key derived from the key it retires. A slot whose holder was away keeps the key
 * its pin names (sealed as `coordinatorPinned`, db/keyslot.ts); at their sign-in the links are walked from that key to
 * the one sealed to them now. Only a holder of the pinned key (or of a later key on the path) can make a link, and
 * each link is checked with the public key the one before it named, so a key that no coordinator's rotation leads to
 * is told apart from a routine rotation.
 *
 * Limit, said plainly: a coordinator demoted since, who kept the key of their time, can sign a link from it to a key
 * of their own for a colleague still pinned to that key (one who has not signed in since the demotion's rotation).
 * Whatever that key signs they can sign, and they can delete the rotation's real link as easily as fork beside it
 * (tests/unit/security/coordinator-lineage-attacks.test.ts says why no check here closes it).
 */
import { createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';
import { coordinatorFingerprint } from './keyslot-coordinator';

export interface LineageLink {
  /** coordinatorFingerprint of the key retired. */
  from: string;
  /** coordinatorFingerprint of the new key. */
  to: string;
  /** The new key's signing public key (raw Ed25519, hex): the next link is checked with it. */
  toPub: string;
  /** Ed25519 under the retired key's signing key, over the ledger id, `from`, `to` and `toPub`. */
  sig: string;
}

/** Kept per keyring: a rotation a month is years of them; the oldest go first (a colleague away that long needs a reset anyway). */
export const MAX_LINKS = 120;

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

function signingKeyOf(coordinatorKey: Buffer): KeyObject {
  const seed = Buffer.from(hkdfSync('sha256', coordinatorKey, Buffer.alloc(0), 'taizhang-coordinator-lineage', 32));
  try {
    return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  } finally {
    seed.fill(0);
  }
}

/** The signing public key of a coordinator key, raw hex. */
export function lineagePublicKey(coordinatorKey: Buffer): string {
  const der = createPublicKey(signingKeyOf(coordinatorKey)).export({ format: 'der', type: 'spki' });
  return der.subarray(SPKI_ED25519.length).toString('hex');
}

const signedBytes = (ledgerId: string, link: Omit<LineageLink, 'sig'>): Buffer =>
  Buffer.from(`taizhang-coordinator-lineage:${ledgerId}:${link.from}:${link.to}:${link.toPub}`, 'utf8');

/** The link a rotation from `retired` to `next` adds (made by a holder of `retired`). */
export function lineageLink(ledgerId: string, retired: Buffer, next: Buffer): LineageLink {
  const body = { from: coordinatorFingerprint(retired), to: coordinatorFingerprint(next), toPub: lineagePublicKey(next) };
  return { ...body, sig: sign(null, signedBytes(ledgerId, body), signingKeyOf(retired)).toString('hex') };
}

function checks(ledgerId: string, link: LineageLink, pubHex: string): boolean {
  try {
    const pub = createPublicKey({ key: Buffer.concat([SPKI_ED25519, Buffer.from(pubHex, 'hex')]), format: 'der', type: 'spki' });
    return verify(null, signedBytes(ledgerId, link), pub, Buffer.from(link.sig, 'hex'));
  } catch {
    return false; // not a key or not a signature: a link nobody made
  }
}

const isLink = (l: unknown): l is LineageLink =>
  typeof l === 'object' && l !== null && ['from', 'to', 'toPub', 'sig'].every((k) => typeof (l as Record<string, unknown>)[k] === 'string');

/**
 * Whether rotations lead from `pinned` (the key a holder's pin names) to the key whose fingerprint is `currentFp`,
 * each link signed by the key before it. `links` is whatever the keyring holds (not trusted: each link is checked).
 */
export function lineageLeadsTo(ledgerId: string, links: unknown, pinned: Buffer, currentFp: string): boolean {
  if (!Array.isArray(links)) return false;
  const valid = links.filter(isLink).slice(-MAX_LINKS);
  const start = coordinatorFingerprint(pinned);
  const seen = new Set<string>([start]);
  // Breadth first: a fork (a second link from one key) must not hide the path that is there.
  const queue = [{ fp: start, pub: lineagePublicKey(pinned) }];
  for (let at = queue.shift(); at; at = queue.shift()) {
    if (at.fp === currentFp) return true;
    for (const l of valid) {
      if (l.from !== at.fp || seen.has(l.to) || !checks(ledgerId, l, at.pub)) continue;
      seen.add(l.to);
      queue.push({ fp: l.to, pub: l.toPub });
    }
  }
  return false;
}

/**
 * For a slot made anew for someone else with the key `held` (重设密码, a promotion, a confirmation, a recovery) when the
 * slot it replaces is pinned to an older key, fingerprint `pinFp` (CR1-Q's remainder: the clerk, 统筹负责人 under a key
 * of their own and rotated, resets the real coordinator, who is then under the clerk's key): whether the links name a
 * path from that key to `held`. The first link is signed with the pinned key, whose public key only that key gives,
 * and the one making the slot never held it: that link is taken as its fingerprints say. Every later link is checked
 * with the key the one before it named, and the last must name `held`'s own signing key. A clerk's own rotation leaves
 * no link from a key a real coordinator was pinned to; one written by hand (offline) passes here, and still reads
 * 'unvouched' at that coordinator's own sign-in (coordinatorRotationOf checks its signature with the pinned key).
 */
export function lineageNamesPath(ledgerId: string, links: unknown, pinFp: string, held: Buffer): boolean {
  const target = coordinatorFingerprint(held);
  if (pinFp === target) return true;
  if (!Array.isArray(links)) return false;
  const valid = links.filter(isLink).slice(-MAX_LINKS);
  const heldPub = lineagePublicKey(held);
  const seen = new Set<string>([pinFp]);
  const queue: Array<{ fp: string; pub: string | null }> = [{ fp: pinFp, pub: null }];
  for (let at = queue.shift(); at; at = queue.shift()) {
    for (const l of valid) {
      if (l.from !== at.fp || seen.has(l.to) || (at.pub !== null && !checks(ledgerId, l, at.pub))) continue;
      if (l.to === target && l.toPub === heldPub) return true;
      seen.add(l.to);
      queue.push({ fp: l.to, pub: l.toPub });
    }
  }
  return false;
}

/**
 * Whether the coordinator key `sealed` to a pinned slot, which its pin does not name, came by a coordinator's rotation
 * (the links lead from the kept pinned key to it); undefined when the pin names it or the slot holds none.
 */
export function coordinatorRotationOf(
  ledgerId: string,
  slot: { coordinatorPin?: string },
  sealed: Buffer | null,
  lineage: unknown,
  openPinned: () => Buffer | null,
): 'vouched' | 'unvouched' | undefined {
  if (!sealed || typeof slot.coordinatorPin !== 'string' || slot.coordinatorPin === '') return undefined;
  const currentFp = coordinatorFingerprint(sealed);
  if (currentFp === slot.coordinatorPin) return undefined;
  const pinned = openPinned();
  try {
    const named = pinned !== null && coordinatorFingerprint(pinned) === slot.coordinatorPin;
    return named && lineageLeadsTo(ledgerId, lineage, pinned, currentFp) ? 'vouched' : 'unvouched';
  } finally {
    pinned?.fill(0);
  }
}
