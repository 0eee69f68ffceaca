/**
 * The signed links from each retired coordinator key to its successor (db/coordinator-lineage.ts, CR1-Q): a path is
 * found only through links each signed by the key before it, whatever else the keyring holds.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lineageLeadsTo, lineageLink, lineageNamesPath } from '../../../electron/core/db/coordinator-lineage';
import { coordinatorFingerprint } from '../../../electron/core/db/keyslot-coordinator';

const LEDGER = 'ledger-a';
const [k1, k2, k3, forged] = [randomBytes(32), randomBytes(32), randomBytes(32), randomBytes(32)];
const fp = coordinatorFingerprint;

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
  it('a path from a pinned fingerprint to the key held: the rotations’ links, not the clerk’s own, nor a forged later hop', () => {
    const real = [lineageLink(LEDGER, k1, k2), lineageLink(LEDGER, k2, k3)];
    expect(lineageNamesPath(LEDGER, real, fp(k1), k3)).toBe(true);
    expect(lineageNamesPath(LEDGER, [], fp(k3), k3)).toBe(true);
    // The clerk's own key rotated to k3: no link from the pinned key.
    expect(lineageNamesPath(LEDGER, [lineageLink(LEDGER, forged, k3)], fp(k1), k3)).toBe(false);
    // A genuine first hop, then a second one not signed by k2.
    expect(lineageNamesPath(LEDGER, [real[0], { ...lineageLink(LEDGER, forged, k3), from: fp(k2) }], fp(k1), k3)).toBe(false);
    // The last link must name the held key's own signing key.
    expect(lineageNamesPath(LEDGER, [{ ...lineageLink(LEDGER, k1, k3), toPub: lineageLink(LEDGER, k1, forged).toPub }], fp(k1), k3)).toBe(false);
    // The limit: a first hop written by hand is not checkable without k1 (its holder's own sign-in checks it).
    expect(lineageNamesPath(LEDGER, [{ ...lineageLink(LEDGER, forged, k3), from: fp(k1) }], fp(k1), k3)).toBe(true);
    expect(lineageLeadsTo(LEDGER, [{ ...lineageLink(LEDGER, forged, k3), from: fp(k1) }], k1, fp(k3))).toBe(false);
  });
});
