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
import { createPublicKey, sign, verify } from 'node:crypto';
import { coordinatorFingerprint, lineagePublicKey, lineageSigningKey, pinParts, SPKI_ED25519, type CoordinatorPin } from './coordinator-pin';

export { lineagePublicKey } from './coordinator-pin';

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

/**
 * Kept per keyring by a rotation: a rotation a month is years of them; the oldest go first (a colleague away that long
 * needs a reset anyway). Read, every link is looked at (the keyring file's size bounds them): links appended by hand
 * after the last rotation do not push a real one out of what is read (PH2-K2), and each link's signature is checked
 * at most once per walk.
 */
export const MAX_LINKS = 120;

const signedBytes = (ledgerId: string, link: Omit<LineageLink, 'sig'>): Buffer =>
  Buffer.from(`taizhang-coordinator-lineage:${ledgerId}:${link.from}:${link.to}:${link.toPub}`, 'utf8');

/** The link a rotation from `retired` to `next` adds (made by a holder of `retired`). */
export function lineageLink(ledgerId: string, retired: Buffer, next: Buffer): LineageLink {
  const body = { from: coordinatorFingerprint(retired), to: coordinatorFingerprint(next), toPub: lineagePublicKey(next) };
  return { ...body, sig: sign(null, signedBytes(ledgerId, body), lineageSigningKey(retired)).toString('hex') };
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
 * A key is walked from with at most this many public keys named for it. A rotation names one; more are links written
 * by hand (a first hop of an older pin is taken unchecked), and each would have every link from that key checked
 * again: many of them, each in one turn of the core, would be as many squared signature checks. Past it the walk
 * refuses rather than searches (a path hidden so is one more edit of a file whose writer could delete the links).
 */
const PUBS_PER_KEY = 4;

/** The links as read, by the key they retire (a walk looks at each link once per key reached, not at every link each time). */
function byFrom(links: unknown): Map<string, LineageLink[]> {
  const index = new Map<string, LineageLink[]>();
  for (const l of Array.isArray(links) ? links.filter(isLink) : []) index.set(l.from, [...(index.get(l.from) ?? []), l]);
  return index;
}

/**
 * Breadth first from the pinned key (fingerprint `fp`; its signing public key `pub`, null when unknown: that first
 * link is then taken as its fingerprints say) to the first key `arrived` accepts. A fork (a second link from one key)
 * must not hide the path that is there; a key is reached once per public key named for it, so a link written by hand
 * naming a real key with another public key does not hide the real link either.
 */
function walk(ledgerId: string, links: unknown, fp: string, pub: string | null, arrived: (l: LineageLink) => boolean): boolean {
  const index = byFrom(links);
  const seen = new Set<string>([`${fp}:${pub ?? ''}`]);
  const named = new Map<string, number>();
  const queue = [{ fp, pub }];
  for (let at = queue.shift(); at; at = queue.shift()) {
    for (const l of index.get(at.fp) ?? []) {
      if (seen.has(`${l.to}:${l.toPub}`) || (at.pub !== null && !checks(ledgerId, l, at.pub))) continue;
      if (arrived(l)) return true;
      if ((named.get(l.to) ?? 0) >= PUBS_PER_KEY) continue;
      named.set(l.to, (named.get(l.to) ?? 0) + 1);
      seen.add(`${l.to}:${l.toPub}`);
      queue.push({ fp: l.to, pub: l.toPub });
    }
  }
  return false;
}

/**
 * Whether rotations lead from `pinned` (the key a holder's pin names) to the key whose fingerprint is `currentFp`,
 * each link signed by the key before it. `links` is whatever the keyring holds (not trusted: each link is checked).
 */
export function lineageLeadsTo(ledgerId: string, links: unknown, pinned: Buffer, currentFp: string): boolean {
  const start = coordinatorFingerprint(pinned);
  return start === currentFp || walk(ledgerId, links, start, lineagePublicKey(pinned), (l) => l.to === currentFp);
}

/**
 * For a slot made anew for someone else with the key `held` (重设密码, a promotion, a confirmation, a recovery) when the
 * slot it replaces is pinned to an older key, `pin` (CR1-Q's remainder: the clerk, 统筹负责人 under a key of their own
 * and rotated, resets the real coordinator, who is then under the clerk's key): whether the links name a path from
 * that key to `held`. Each link is checked with the key the one before it named, the first with the pin's own public
 * key (db/coordinator-pin.ts), and the last must name `held`'s own signing key: no path, no links at all included, is
 * no. A pin an older version wrote names no public key: its first link is taken as its fingerprints say (one written
 * by hand offline passes here, and still reads 'unvouched' at that coordinator's own sign-in, coordinatorRotationOf).
 */
export function lineageNamesPath(ledgerId: string, links: unknown, pin: CoordinatorPin, held: Buffer): boolean {
  const target = coordinatorFingerprint(held);
  if (pin.fp === target) return true;
  const heldPub = lineagePublicKey(held);
  return walk(ledgerId, links, pin.fp, pin.pub, (l) => l.to === target && l.toPub === heldPub);
}

/**
 * The keyring's links after a rotation from `held` (the key the rotating session holds, the ledger's current one) to
 * `next`: the links that lead to `held` (each checked with the key the one before it named, as far back as that goes),
 * then the new one, the newest MAX_LINKS. A link leading elsewhere is of no use to anyone (no colleague pinned to its
 * key can reach the current key through it): written by hand, it would only push real links out (PH2-K2).
 */
export function linksAfterRotation(ledgerId: string, before: unknown, held: Buffer, next: Buffer): LineageLink[] {
  const links = Array.isArray(before) ? before.filter(isLink) : [];
  const byTo = new Map<string, LineageLink[]>();
  for (const l of links) byTo.set(l.to, [...(byTo.get(l.to) ?? []), l]);
  const heldPub = lineagePublicKey(held);
  const kept = new Set<LineageLink>();
  // Backwards: a link into a key reached is kept when the link out of that key checks with the public key it names.
  const queue: Array<{ fp: string; accepts: (pub: string) => boolean }> = [{ fp: coordinatorFingerprint(held), accepts: (pub) => pub === heldPub }];
  const asked = new Map<string, number>();
  for (let at = queue.shift(); at; at = queue.shift()) {
    for (const l of byTo.get(at.fp) ?? []) {
      if (kept.has(l) || !at.accepts(l.toPub)) continue;
      kept.add(l);
      // As in walk: a key asked about for more links out of it than rotations make is written by hand.
      if ((asked.get(l.from) ?? 0) >= PUBS_PER_KEY) continue;
      asked.set(l.from, (asked.get(l.from) ?? 0) + 1);
      queue.push({ fp: l.from, accepts: (pub) => checks(ledgerId, l, pub) });
    }
  }
  return [...links.filter((l) => kept.has(l)), lineageLink(ledgerId, held, next)].slice(-MAX_LINKS);
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
  const pin = pinParts(slot.coordinatorPin);
  if (!sealed || !pin) return undefined;
  const currentFp = coordinatorFingerprint(sealed);
  if (currentFp === pin.fp) return undefined;
  const pinned = openPinned();
  try {
    const named = pinned !== null && coordinatorFingerprint(pinned) === pin.fp && (pin.pub === null || lineagePublicKey(pinned) === pin.pub);
    return named && lineageLeadsTo(ledgerId, lineage, pinned, currentFp) ? 'vouched' : 'unvouched';
  } finally {
    pinned?.fill(0);
  }
}
