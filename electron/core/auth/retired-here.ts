/**
 * The sensitive keys this PC saw retired (ninth attack run, RK1). After a rotation, the leaver's put-back (R1) brings
 * back the old recovery slot with the other slots, every sealed value under the retired key, and the anchor,
 * statements and history re-made under it: inside the ledger folder nothing tells that copy from the real ledger, and
 * the old recovery sheet took the retired key quietly. What the leaver's copy does not carry is what the app keeps
 * outside the folder: so each rotation run on this PC notes the key it retired here, in the app's own folder
 * (Electron's userData: `CoreOptions.appDir`), and a recovery that opens a key noted here is refused
 * (auth/put-back.ts).
 *
 * What is noted is a keyed tag of the key (the sealer's index of a fixed label), per ledger id: it says nothing of
 * the key, and only a holder of the key can make it.
 *
 * Limits, said plainly: it knows only rotations run on this PC (a ledger carried to another PC, or rotated there,
 * is not covered); the app's folder is the same OS account's as the default ledger folder (`<userData>/ledger`), so
 * whoever can put files back there on a shared PC can delete this file too. It holds against a copy brought back to
 * a ledger folder elsewhere (a shared or removable drive) and against a leaver who does not know of it. A missing or
 * unreadable file is "nothing noted": never a reason to refuse.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs-atomic';
import { makePrivateDir } from '../fs-private';
import type { Sealer } from '../db/sealer';

export const RETIRED_HERE_FILE = 'taizhang.retired-keys.json';
const TAG_PURPOSE = 'keys.retired-here';
/** Per ledger; the oldest dropped past it (one a rotation: years of them). */
const MAX_PER_LEDGER = 200;

interface RetiredHere {
  format: 'taizhang-retired-keys';
  /** ledger id → tags of keys retired here, oldest first. */
  ledgers: Record<string, string[]>;
}

/** The tag noted for a key: taken before the rotation, while its sealer is the ledger's. */
export const retiredHereTag = (sealer: Sealer): string => sealer.index(TAG_PURPOSE, 'sensitive-key').toString('hex');

function read(appDir: string): RetiredHere {
  try {
    const parsed = JSON.parse(readFileSync(join(appDir, RETIRED_HERE_FILE), 'utf8')) as Partial<RetiredHere>;
    if (parsed.format === 'taizhang-retired-keys' && parsed.ledgers && typeof parsed.ledgers === 'object') return parsed as RetiredHere;
  } catch {
    // none yet, or unreadable: nothing noted
  }
  return { format: 'taizhang-retired-keys', ledgers: {} };
}

/**
 * Notes the key whose tag is `tag` (retiredHereTag) as retired here. A failure to write (a read-only profile, a full disk) is swallowed: the
 * rotation already happened and must stand; only this extra check is missing for it.
 */
export function noteRetiredHere(appDir: string | null, ledgerId: string, tag: string): void {
  if (!appDir) return;
  try {
    const record = read(appDir);
    const tags = (record.ledgers[ledgerId] ?? []).filter((t) => typeof t === 'string');
    if (!tags.includes(tag)) tags.push(tag);
    record.ledgers[ledgerId] = tags.slice(-MAX_PER_LEDGER);
    makePrivateDir(appDir);
    writeFileAtomic(join(appDir, RETIRED_HERE_FILE), JSON.stringify(record, null, 1));
  } catch {
    // see above
  }
}

/** Whether this PC saw the key under `sealer` retired from ledger `ledgerId`. */
export function retiredHere(appDir: string | null, ledgerId: string, sealer: Sealer): boolean {
  if (!appDir) return false;
  const tags = read(appDir).ledgers[ledgerId];
  return Array.isArray(tags) && tags.includes(retiredHereTag(sealer));
}
