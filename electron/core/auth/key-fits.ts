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
 *
 * The anchor and the statements are re-made under a chosen key by whoever holds the database key (S6); the values
 * already sealed are not. So a key that is not exactly the one its holder's password pins must also open the
 * ledger's sealed data (keys/sealed-witness.ts; session 19 attack run, P3 and the grant and rotation windows).
 */
import { anchorMacHolds, anchorSite, anchorVerdict, readAnchorFile } from '../audit/anchor';
import { ANCHOR_FILE } from '../db/ledger-files';
import type { ReadDb } from '../db/types';
import { makeSealer } from '../db/sealer';
import { readKeyHistory } from '../keys/key-history';
import type { KeyJudge } from '../db/ledger-pins';
import { sealedWitnessInSteps } from '../keys/sealed-witness';
import type { SealedColumn } from '../keys/sealed-columns';

/** S5's rule: the anchor's MAC holds under the key or a retired key in the history it opens, or the anchor cannot tell. */
export function anchorFits(db: ReadDb, sensitiveKey: Buffer): boolean {
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

/** The witnesses an unlock asks (db/ledger-pins.ts keyRefusal), the sealed data being every column in `columns` (the registry). */
export function keyJudge(columns: readonly SealedColumn[]): KeyJudge {
  return { anchorFits, sealedData: (db, key) => sealedWitnessInSteps(db, key, columns) };
}
