/**
 * Writing the audit chain's anchor (audit/anchor.ts says what it is and how it is read and checked): after each
 * transaction that appended audit rows in a session holding the sensitive key, over an anchor that still matches the
 * log; afresh after a rotation or a re-chain on purpose. An anchor the log no longer matches is never overwritten.
 */
import { writeFileAtomic } from '../fs-atomic';
import { recoveryDigestToAnchor } from '../db/recovery-slot-witness';
import { writeMeta } from '../db/ledger-files';
import { asWriteDb, type Database } from '../db/types';
import { makeSealer, type Sealer } from '../db/sealer';
import { ANCHORED_META, anchorSite, anchorText, checkAnchor, countUpTo, hadAnchor, headOf, macOf, readAnchorFile } from './anchor';
import type { AnchorState } from './contract';

/** Per open handle: the anchor this process last wrote or found sound, so the next one counts only the new rows. */
const lastAnchored = new WeakMap<Database, { lastId: number; rows: number }>();
/**
 * Handles whose next anchor counts afresh, whatever the old one says: the log was re-chained on purpose in this process
 * (payload-upgrade.ts), or a rotation here switched the key and could not re-make the anchor under it (keys/after-switch.ts).
 */
const rechained = new WeakSet<Database>();

/**
 * Says that the log was re-chained on purpose by trusted code (checked sound first), or that the anchor is owed under a
 * key this process switched to: the next anchorHead writes a new anchor for the chain as it then stands instead of
 * refusing a mismatch. In memory only: nothing in the files can set it.
 */
export function markRechained(db: Database): void {
  rechained.add(db);
  lastAnchored.delete(db);
}

function write(db: Database, sealer: Sealer, head: { id: number; hash: string }, rows: number, nowIso: string): void {
  const site = anchorSite(db);
  const previous = readAnchorFile(site.path);
  // The slot as the program left it: a slot changed outside the program keeps the digest it had (S40-A1).
  const recovery = recoveryDigestToAnchor(site.keyring, typeof previous === 'object' ? previous.recovery : undefined);
  const fields = { ledgerId: site.ledgerId, lastId: head.id, lastHash: head.hash, rows, at: nowIso, recovery };
  // The folder is not flushed: after a power cut the previous anchor (older, still true) may be back, never half of one.
  writeFileAtomic(site.path, anchorText({ ...fields, mac: macOf(sealer, fields) }), 0o600, false);
  lastAnchored.set(db, { lastId: head.id, rows });
  if (!hadAnchor(db)) {
    const w = asWriteDb(db);
    w.transaction(() => writeMeta(w, ANCHORED_META, 'kept'))();
  }
}

/**
 * The anchor rewritten for the head it names, its recovery slot's digest taken again: 用恢复密钥核对 just passed on the
 * slot in the file (db/recovery-slot-witness.ts noteSlotOpenedBySheet), so a program started again before the next
 * write does not warn about it (S41-A2). Only over an anchor that checks sound; nothing else changes.
 */
export function reanchorRecoverySlot(db: Database, sealer: Sealer, nowIso: string): void {
  const check = checkAnchor(db, sealer);
  if (check.state !== 'ok' || !check.anchor) return;
  write(db, sealer, { id: check.anchor.lastId, hash: check.anchor.lastHash }, check.anchor.rows, nowIso);
}

/**
 * After a transaction that appended audit rows: moves the anchor to the new head. Needs the
 * sensitive key (null: nothing written, a later clerk's or coordinator's write covers these rows).
 * Never replaces an anchor the log no longer matches. Returns what it found.
 */
export function anchorHead(db: Database, sealer: Sealer | null, nowIso: string): AnchorState | 'written' | 'unchanged' {
  if (!sealer) return 'nokey';
  const head = headOf(db);
  if (!head) return 'unchanged';
  let base = lastAnchored.get(db);
  // The mark stays until an anchor is written: a write that fails (a full disk) is tried again at the next commit.
  const afresh = rechained.has(db);
  if (afresh) {
    base = { lastId: 0, rows: 0 };
  } else if (!base) {
    const check = checkAnchor(db, sealer);
    if (check.state === 'ok') base = { lastId: check.anchor!.lastId, rows: check.anchor!.rows };
    else if (check.state === 'none') base = { lastId: 0, rows: 0 };
    else return check.state;
  }
  if (base.lastId === head.id) return 'unchanged';
  write(db, sealer, head, base.rows + countUpTo(db, base.lastId, head.id), nowIso);
  if (afresh) rechained.delete(db);
  return 'written';
}

/**
 * anchorHead after a commit, where the change is already in: a failure to write the file (disk
 * full, folder gone) must not turn a saved change into an error reply; the next write tries again.
 */
export function anchorAfterCommit(db: Database, sealer: Sealer | null, nowIso: string, log: (e: unknown) => void = () => undefined): void {
  try {
    anchorHead(db, sealer, nowIso);
  } catch (e) {
    log(e);
  }
}

/**
 * A new anchor for the log as it stands, whatever the old one said: after the sensitive key
 * changed (rotation, w20-keys: call it with the new key in the rotation) or after the log was
 * re-chained on purpose (audit-payload upgrade). Counts every row.
 */
export function reanchor(db: Database, sealerOrKey: Sealer | Buffer, nowIso: string): void {
  const sealer = Buffer.isBuffer(sealerOrKey) ? makeSealer(sealerOrKey) : sealerOrKey;
  const head = headOf(db);
  if (!head) return;
  write(db, sealer, head, countUpTo(db, 0, head.id), nowIso);
}
