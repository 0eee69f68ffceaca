/**
 * Whether a sensitive key a slot opened is the ledger's (session 18 attack run, S5). A key is sealed to a slot's
 * public key, and sealing needs no secret: with the files and the database key a viewer seals a key of their own
 * choosing into their own slot (or writes a version-1 slot, or a recovery slot, holding one). "The slot opened a
 * sensitive key" then gave a forged role a coordinator's session, and the ledger held that key for every session,
 * so what a real coordinator saved next was sealed under a key the viewer knows.
 *
 * The witness is the audit anchor (audit/anchor.ts): one file, MACed under the ledger's key, moved by every keyed
 * write. A key fits when the MAC holds under it, or under a retired key in the history it opens (a rotation's crash
 * before it re-made the anchor, an anchor it left as evidence, an older genuine anchor put back). An anchor that is
 * missing, unreadable, another ledger's, or does not match the log (its row gone or changed) cannot tell: it is
 * itself the finding the coordinator is shown at sign-in, and the key counts (an anchor rewritten by someone
 * without the key must not lock every holder out of it; a viewer who breaks the anchor to get past this is seen
 * there; db/ledger.ts still refuses a second, different key).
 */
import { anchorMacHolds, anchorSite, anchorVerdict, readAnchorFile } from '../audit/anchor';
import { ANCHOR_FILE } from '../db/ledger-files';
import type { ReadDb } from '../db/types';
import { makeSealer } from '../db/sealer';
import { readKeyHistory } from '../keys/key-history';
import { pinNames } from '../db/keyslot';

/**
 * A pinned slot (version 3; session 19, S6): the key counts only if it is the one the holder's password pins, or a
 * successor, i.e. the key history it opens holds the pinned key (a rotation since the holder's last unlock). The
 * anchor alone cannot decide for a pinned slot (S6 replaced it together with every slot's key), but it must hold as
 * well: the holder of a slot can pin it to a key of their own (session 19, P1; db/ledger-pins.ts keyRefusal).
 */
export function pinnedKeyFits(db: ReadDb, sensitiveKey: Buffer, pin: Buffer): boolean {
  if (pinNames(pin, sensitiveKey)) return true;
  try {
    return readKeyHistory(db, makeSealer(sensitiveKey)).some((retired) => pinNames(pin, Buffer.from(retired.key, 'hex')));
  } catch {
    return false;
  }
}

/** `pin`: what the slot's holder's password pins (a pinned slot), or null (an older layout, or a pin naming no key: a grant since). */
export function sensitiveKeyFits(db: ReadDb, sensitiveKey: Buffer, pin: Buffer | null = null): boolean {
  if (pin) return pinnedKeyFits(db, sensitiveKey, pin);
  const site = anchorSite(db);
  const anchor = readAnchorFile(site.path);
  if (typeof anchor === 'string' || anchor.ledgerId !== site.ledgerId) return true;
  // Without a key the verdict checks the anchor against the log only: 'nokey' is an anchor that matches it.
  if (anchorVerdict(db, anchor, { ledgerId: site.ledgerId, hadAnchor: true, file: ANCHOR_FILE }, null).state !== 'nokey') return true;
  const sealer = makeSealer(sensitiveKey);
  if (anchorMacHolds(anchor, sealer)) return true;
  try {
    return readKeyHistory(db, sealer).some((retired) => anchorMacHolds(anchor, makeSealer(Buffer.from(retired.key, 'hex'))));
  } catch {
    // A history that does not open under this key: not the key that sealed it.
    return false;
  }
}
