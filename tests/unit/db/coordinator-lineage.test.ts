/**
 * The signed links from each retired coordinator key to its successor (db/coordinator-lineage.ts, CR1-Q): a path is
 * found only through links each signed by the key before it, whatever else the keyring holds.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lineageLeadsTo, lineageLink, lineageNamesPath, linksAfterRotation, MAX_LINKS } from '../../../electron/core/db/coordinator-lineage';
import { coordinatorFingerprint } from '../../../electron/core/db/keyslot-coordinator';
import { coordinatorPinOf, pinNamesKey, pinParts } from '../../../electron/core/db/coordinator-pin';

const LEDGER = 'ledger-a';
const [k1, k2, k3, forged] = [randomBytes(32), randomBytes(32), randomBytes(32), randomBytes(32)];
const fp = coordinatorFingerprint;
/** A pin as an older version wrote it (the fingerprint alone), and as this one does. */
const oldPin = (k: Buffer) => pinParts(fp(k))!;
const pin = (k: Buffer) => pinParts(coordinatorPinOf(k))!;

describe('coordinator key lineage', () => {
  it('leads through one rotation and through two, in any order of links', () => {
    const links = [lineageLink(LEDGER, k2, k3), lineageLink(LEDGER, k1, k2)];
    expect(lineageLeadsTo(LEDGER, links.slice(1), k1, fp(k2))).toBe(true);
    expect(lineageLeadsTo(LEDGER, links, k1, fp(k3))).toBe(true);
    expect(lineageLeadsTo(LEDGER, links, k1, fp(k1))).toBe(true);
  });

  it('a key no link from the pinned key leads to, or a link signed by another key, does not lead', () => {
    // The clerk's own key rotated to another of theirs: signed, but not from the pinned key.
    expect(lineageLeadsTo(LEDGER, [lineageLink(LEDGER, forged, k3)], k1, fp(k3))).toBe(false);
    // A link that claims to come from k1, signed by the clerk's key.
    const claimed = { ...lineageLink(LEDGER, forged, k3), from: fp(k1) };
    expect(lineageLeadsTo(LEDGER, [claimed], k1, fp(k3))).toBe(false);
    // The genuine first hop, then a forged second one from k2 (the clerk never held k2).
    const second = { ...lineageLink(LEDGER, forged, k3), from: fp(k2) };
    expect(lineageLeadsTo(LEDGER, [lineageLink(LEDGER, k1, k2), second], k1, fp(k3))).toBe(false);
    // Another ledger's link, and garbage in the list.
    expect(lineageLeadsTo(LEDGER, [lineageLink('ledger-b', k1, k3)], k1, fp(k3))).toBe(false);
    expect(lineageLeadsTo(LEDGER, [null, 'x', { from: fp(k1), to: fp(k3), toPub: 'zz', sig: '00' }], k1, fp(k3))).toBe(false);
    expect(lineageLeadsTo(LEDGER, { not: 'a list' }, k1, fp(k3))).toBe(false);
  });

  it('a fork from a key does not hide the genuine path', () => {
    const deadEnd = lineageLink(LEDGER, k1, forged);
    expect(lineageLeadsTo(LEDGER, [deadEnd, lineageLink(LEDGER, k1, k2), lineageLink(LEDGER, k2, k3)], k1, fp(k3))).toBe(true);
  });

  // For one who makes a slot anew holding k3 and never held the key the slot is pinned to (auth/coordinator-key.ts
  // refuseKeyNotFromPin, CR1-Q's remainder): the first link is taken as its fingerprints say, every later one is checked.
  it('a path from a pinned fingerprint (an older version’s pin) to the key held: the rotations’ links, not the clerk’s own, nor a forged later hop', () => {
    const real = [lineageLink(LEDGER, k1, k2), lineageLink(LEDGER, k2, k3)];
    expect(lineageNamesPath(LEDGER, real, oldPin(k1), k3)).toBe(true);
    expect(lineageNamesPath(LEDGER, [], oldPin(k3), k3)).toBe(true);
    // The clerk's own key rotated to k3: no link from the pinned key.
    expect(lineageNamesPath(LEDGER, [lineageLink(LEDGER, forged, k3)], oldPin(k1), k3)).toBe(false);
    // A genuine first hop, then a second one not signed by k2.
    expect(lineageNamesPath(LEDGER, [real[0], { ...lineageLink(LEDGER, forged, k3), from: fp(k2) }], oldPin(k1), k3)).toBe(false);
    // The last link must name the held key's own signing key.
    expect(lineageNamesPath(LEDGER, [{ ...lineageLink(LEDGER, k1, k3), toPub: lineageLink(LEDGER, k1, forged).toPub }], oldPin(k1), k3)).toBe(false);
    // The limit: a first hop written by hand is not checkable without k1 (its holder's own sign-in checks it).
    expect(lineageNamesPath(LEDGER, [{ ...lineageLink(LEDGER, forged, k3), from: fp(k1) }], oldPin(k1), k3)).toBe(true);
    expect(lineageLeadsTo(LEDGER, [{ ...lineageLink(LEDGER, forged, k3), from: fp(k1) }], k1, fp(k3))).toBe(false);
  });

  // PH2-K1: a pin of this version names the pinned key's signing public key too, so the first link is checked as well.
  it('a pin naming the public key: the first link is checked, and no link at all is no path', () => {
    const real = [lineageLink(LEDGER, k1, k2), lineageLink(LEDGER, k2, k3)];
    expect(lineageNamesPath(LEDGER, real, pin(k1), k3)).toBe(true);
    expect(lineageNamesPath(LEDGER, [], pin(k3), k3)).toBe(true);
    expect(lineageNamesPath(LEDGER, [], pin(k1), k3)).toBe(false);
    expect(lineageNamesPath(LEDGER, undefined, pin(k1), k3)).toBe(false);
    // The first hop written by hand (older pins' limit above) no longer passes.
    expect(lineageNamesPath(LEDGER, [{ ...lineageLink(LEDGER, forged, k3), from: fp(k1) }], pin(k1), k3)).toBe(false);
    expect(lineageNamesPath(LEDGER, [{ ...lineageLink(LEDGER, forged, k2), from: fp(k1) }, lineageLink(LEDGER, k2, k3)], pin(k1), k3)).toBe(false);
  });

  it('a pin names its key by fingerprint and public key; an older pin by its fingerprint', () => {
    expect([pinNamesKey(coordinatorPinOf(k1), k1), pinNamesKey(fp(k1), k1), pinNamesKey(coordinatorPinOf(k1), k2)]).toEqual([true, true, false]);
    expect(pinNamesKey(`${fp(k1)}:${pin(k2).pub}`, k1)).toBe(false);
    expect([pinParts(''), pinParts(undefined)]).toEqual([null, null]);
  });

  // PH2-K2: links appended by hand after the last rotation used to push the real ones out of the newest MAX_LINKS read.
  it('junk links after the real ones do not hide the path; the next rotation keeps only links that lead to the key it retires', () => {
    const real = [lineageLink(LEDGER, k1, k2), lineageLink(LEDGER, k2, k3)];
    const junk = Array.from({ length: MAX_LINKS }, () => lineageLink(LEDGER, randomBytes(32), randomBytes(32)));
    // A link naming a real key with another public key must not hide the real link to it either.
    const shadow = { ...lineageLink(LEDGER, forged, k2), from: fp(k1), toPub: lineageLink(LEDGER, k1, forged).toPub };
    const links = [shadow, ...real, ...junk];
    expect(lineageLeadsTo(LEDGER, links, k1, fp(k3))).toBe(true);
    expect(lineageNamesPath(LEDGER, links, pin(k1), k3)).toBe(true);
    expect(lineageNamesPath(LEDGER, links, oldPin(k1), k3)).toBe(true);
    const k4 = randomBytes(32);
    const after = linksAfterRotation(LEDGER, links, k3, k4);
    expect(after.map((l) => [l.from, l.to])).toEqual([
      [fp(k1), fp(k2)],
      [fp(k2), fp(k3)],
      [fp(k3), fp(k4)],
    ]);
    expect(lineageLeadsTo(LEDGER, after, k1, fp(k4))).toBe(true);
    // A long real chain is cut to the newest MAX_LINKS.
    const keys = Array.from({ length: MAX_LINKS + 3 }, () => randomBytes(32));
    const chain = keys.slice(1).map((k, i) => lineageLink(LEDGER, keys[i]!, k));
    const cut = linksAfterRotation(LEDGER, chain, keys.at(-1)!, k4);
    expect([cut.length, cut.at(-1)!.to, cut[0]!.from]).toEqual([MAX_LINKS, fp(k4), fp(keys[3]!)]);
  });

  // Links written by hand naming one key with many public keys would have every link from it checked once per key named.
  it('a key named with more public keys than rotations give is walked from the first few only (an older pin: refused, not searched)', () => {
    const real = [lineageLink(LEDGER, k1, k2), lineageLink(LEDGER, k2, k3)];
    const shadows = Array.from({ length: 4 }, () => ({
      ...lineageLink(LEDGER, forged, k2),
      from: fp(k1),
      toPub: lineageLink(LEDGER, k1, randomBytes(32)).toPub,
    }));
    expect(lineageNamesPath(LEDGER, [...shadows.slice(1), ...real], oldPin(k1), k3)).toBe(true);
    expect(lineageNamesPath(LEDGER, [...shadows, ...real], oldPin(k1), k3)).toBe(false);
    // A pin naming the public key checks the first hop: the shadows are not walked at all.
    expect(lineageNamesPath(LEDGER, [...shadows, ...real], pin(k1), k3)).toBe(true);
  });
});
