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
 *
 * The same OS account can also put something in the note's place before a demotion (eleventh attack run, RK1-F,
 * RK1-P): a FIFO, which a plain read waits on forever with the core's one thread; a huge file; a folder, or a ledger
 * entry that is not a list, on which every later note failed quietly. So the note is read as a regular file only,
 * non-blocking and size-capped (fs-guard), entries that are not lists of tags are dropped, and anything that is not a
 * regular file of ours at the path is moved aside (kept, renamed) so the rotation's note is written all the same.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs-atomic';
import { readRegularFile } from '../fs-guard';
import { makePrivateDir } from '../fs-private';
import type { Sealer } from '../db/sealer';

export const RETIRED_HERE_FILE = 'taizhang.retired-keys.json';
const TAG_PURPOSE = 'keys.retired-here';
const UNDER_WAY_PURPOSE = 'keys.rotation-under-way';
/** Per ledger; the oldest dropped past it (one a rotation: years of them). */
const MAX_PER_LEDGER = 200;
/** 200 tags of 64 hex characters is 14 KB a ledger: a note past this is not one the program wrote. */
const MAX_NOTE_BYTES = 1024 * 1024;

interface RetiredHere {
  format: 'taizhang-retired-keys';
  /** ledger id → tags of keys retired here, oldest first. */
  ledgers: Record<string, string[]>;
  /** ledger id → the rotation begun here and not yet finished (S33-A3). */
  underWay?: Record<string, NotedUnderWay>;
}

/**
 * A rotation begun on this PC, noted before its switch and cleared when its retired key is noted (S33-A3): the tag of
 * the key it retires, the id of the keyring it writes, and the log's head before its first row. A rotation stopped
 * after its switch leaves it, and the next key holder's unlock reads it (auth/stopped-rotation.ts): inside the ledger
 * folder, whoever kept the retired key and has the database key can make everything else a stopped rotation leaves.
 */
export interface RotationUnderWay {
  tag: string;
  keyId: string;
  lastId: number;
  lastHash: string;
  rows: number;
}

/**
 * The note's MAC, under the NEW sensitive key (made before the switch; the settle holds it): without it a viewer with
 * this account wrote the note for a finished rotation from the tag noted beside it and any anchor file from before
 * (S34-A8). Per ledger: a note cannot be moved to another.
 */
const underWayMac = (sealer: Sealer, ledgerId: string, u: RotationUnderWay): string =>
  sealer.index(UNDER_WAY_PURPOSE, JSON.stringify([ledgerId, u.tag, u.keyId, u.lastId, u.lastHash, u.rows])).toString('hex');

type NotedUnderWay = RotationUnderWay & { mac: string };

const isUnderWay = (v: unknown): v is NotedUnderWay => {
  const u = v as NotedUnderWay;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof u.tag === 'string' &&
    typeof u.keyId === 'string' &&
    Number.isSafeInteger(u.lastId) &&
    typeof u.lastHash === 'string' &&
    Number.isSafeInteger(u.rows) &&
    typeof u.mac === 'string'
  );
};

/** The tag noted for a key: taken before the rotation, while its sealer is the ledger's. */
export const retiredHereTag = (sealer: Sealer): string => sealer.index(TAG_PURPOSE, 'sensitive-key').toString('hex');

function read(appDir: string): RetiredHere & { underWay: Record<string, NotedUnderWay> } {
  const ledgers: Record<string, string[]> = {};
  const underWay: Record<string, NotedUnderWay> = {};
  try {
    const parsed = JSON.parse(readRegularFile(join(appDir, RETIRED_HERE_FILE), MAX_NOTE_BYTES).toString('utf8')) as Partial<RetiredHere>;
    if (parsed.format === 'taizhang-retired-keys' && parsed.ledgers && typeof parsed.ledgers === 'object') {
      for (const [id, tags] of Object.entries(parsed.ledgers)) {
        if (Array.isArray(tags)) ledgers[id] = tags.filter((t): t is string => typeof t === 'string');
      }
      for (const [id, u] of Object.entries(parsed.underWay ?? {})) if (isUnderWay(u)) underWay[id] = u;
    }
  } catch {
    // none yet, not a regular file, too big or unreadable: nothing noted
  }
  return { format: 'taizhang-retired-keys', ledgers, underWay };
}

/** Writes the note, moving aside whatever is in its place first. */
function save(appDir: string, record: RetiredHere): void {
  makePrivateDir(appDir);
  const path = join(appDir, RETIRED_HERE_FILE);
  clearPlace(path);
  writeFileAtomic(path, JSON.stringify(record, null, 1));
}

/** Moves whatever is at the note's path aside when it is not a regular file the program could have written. */
function clearPlace(path: string): void {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return; // nothing there
  }
  // A symlink is replaced by the atomic write's rename, never written through; a regular file of a sane size is ours.
  if (st.isSymbolicLink() || (st.isFile() && st.size <= MAX_NOTE_BYTES)) return;
  renameSync(path, `${path}.moved-aside-${randomBytes(4).toString('hex')}`);
}

/**
 * Notes the key whose tag is `tag` (retiredHereTag) as retired here. A failure to write (a read-only profile, a full disk) is swallowed: the
 * rotation already happened and must stand; only this extra check is missing for it.
 */
export function noteRetiredHere(appDir: string | null, ledgerId: string, tag: string): void {
  if (!appDir) return;
  try {
    const record = read(appDir);
    const tags = record.ledgers[ledgerId] ?? [];
    if (!tags.includes(tag)) tags.push(tag);
    record.ledgers[ledgerId] = tags.slice(-MAX_PER_LEDGER);
    // The rotation that retired it is finished.
    if (record.underWay[ledgerId]?.tag === tag) delete record.underWay[ledgerId];
    save(appDir, record);
  } catch {
    // see above
  }
}

/**
 * Notes a rotation as begun here (before its switch), MACed under its new key `next`; a failure to write is swallowed:
 * then no stop of it is settled later.
 */
export function noteRotationUnderWay(appDir: string | null, ledgerId: string, underWay: RotationUnderWay, next: Sealer): void {
  if (!appDir) return;
  try {
    const record = read(appDir);
    record.underWay[ledgerId] = { ...underWay, mac: underWayMac(next, ledgerId, underWay) };
    save(appDir, record);
  } catch {
    // see noteRetiredHere
  }
}

/** The rotation of ledger `ledgerId` begun here and not finished, if any, whose note's MAC holds under today's key. */
export function rotationUnderWay(appDir: string | null, ledgerId: string, today: Sealer): RotationUnderWay | null {
  const noted = appDir ? read(appDir).underWay[ledgerId] : undefined;
  if (!noted) return null;
  const { mac, ...underWay } = noted;
  return underWayMac(today, ledgerId, underWay) === mac ? underWay : null;
}

/** Whether this PC saw the key under `sealer` retired from ledger `ledgerId`. */
export function retiredHere(appDir: string | null, ledgerId: string, sealer: Sealer): boolean {
  if (!appDir) return false;
  const tags = read(appDir).ledgers[ledgerId];
  return Array.isArray(tags) && tags.includes(retiredHereTag(sealer));
}
