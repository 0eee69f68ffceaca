/**
 * The ledger's sealed data as the witness of a sensitive key (session 19 attack run, P3; "Pins" in
 * electron/core/README.md). Sealing a key to a slot needs no secret, and everything a key holder's unlock used to
 * ask (the anchor, the role and slot-key statements, the key history) is re-made under a chosen key by whoever holds
 * the database key (S6). What they cannot re-make is what is already sealed under the ledger's key: the residents'
 * and staff's numbers, memorial records, attachments, the office signing key, import staging, the statements. So a
 * key that is not exactly the one its holder's password pins counts only if every sealed value in the registry
 * (sealed-columns.ts, the list key rotation re-seals) opens under it or under a retired key in the history it opens.
 * A chosen key passes only once the attacker has deleted or replaced every one of them: the office's data
 * destroyed, never silently read from then on.
 *
 * All values, not a sample: a sample would let through an attacker who kept a few values and replaced the rest, and
 * the check runs only where no exact pin decides (a holder's first unlock after the upgrade, after a grant, after a
 * rotation; a recovery slot not pinned to the key). A version-2 value is judged by its tag alone (two hashes, nothing
 * decrypted); a version-1 value by opening it. Audit payloads are left out: the key history already speaks for them,
 * and every value they copy is also in a column here.
 *
 * A value met twice fails it (its nonce seen before, seen-nonces.ts): the program never seals two values with one
 * nonce (db/sealer.ts nonceLength) and never copies a sealed value from one row to another (every writer seals what it
 * writes; rotation and the sealing upgrades re-seal; a backup is a file of its own). So one valid value copied into a
 * million rows (seventh attack run, W2: a sign-in held for 13 s) stops the scan at the second copy, not at the end.
 *
 * The rows are read by rowid windows of ROWS_PER_STEP rows, one table at a time, all its sealed columns and whether the clear columns that
 * say a value is there (`shownBy`) speak for one deleted, in one pass.
 */
import type { WitnessVerdict } from '../db/ledger-pins';
import { makeSealer, nonceLength, type Sealer } from '../db/sealer';
import type { ReadDb } from '../db/types';
import { KEY_HISTORY_PURPOSE, readKeyHistory, readKeyHistoryRaw } from './key-history';
import type { SealedColumn } from './sealed-columns';
import { SeenNonces } from './seen-nonces';

const ROWS_PER_STEP = 5000;

/**
 * The sealers a value may be under: the key's, then the retired keys its history holds. A history that does not open
 * under the key is left out, as a deleted one is, and the values judged under the key alone: it is meta, which the
 * database key alone rewrites, so junk there says the list was damaged (keys/key-history-finding.ts tells that), not
 * that the key is not the ledger's. Counting it against the key sent a coordinator whose rotation had stopped after
 * its switch to a read-only sign-in and a backup (S37-L1). A chosen key gains nothing: it must still open every value.
 */
function sealersOf(db: ReadDb, key: Buffer): { sealers: Sealer[]; historyFound: boolean } {
  const sealer = makeSealer(key);
  const raw = readKeyHistoryRaw(db);
  if (raw === null || !sealer.holds(KEY_HISTORY_PURPOSE, Buffer.from(raw, 'base64'))) return { sealers: [sealer], historyFound: false };
  const history = readKeyHistory(db, sealer);
  return { sealers: [sealer, ...history.map((r) => makeSealer(Buffer.from(r.key, 'hex')))], historyFound: true };
}

/** Whether one value opens under any of the sealers; the one that did is moved first (values of a ledger are mostly under one key). */
function heldByAny(sealers: Sealer[], purpose: string, value: unknown): boolean {
  if (!Buffer.isBuffer(value)) return false;
  for (let i = 0; i < sealers.length; i++) {
    if (!sealers[i]!.holds(purpose, value)) continue;
    if (i > 0) sealers.unshift(...sealers.splice(i, 1));
    return true;
  }
  return false;
}

/** Whether a value's nonce is met for the first time; one table per nonce length. */
function firstMeeting(): (value: Buffer) => boolean {
  const tables = new Map<number, SeenNonces>();
  return (value) => {
    const length = nonceLength(value);
    let seen = tables.get(length);
    if (!seen) tables.set(length, (seen = new SeenNonces()));
    return seen.add(value, 1, length);
  };
}

/**
 * The condition that a row of the table has a value deleted while its clear side says it is there (sixth attack run,
 * W3): the `shownBy` column set (or the row there) while the sealed value and every legacy clear column are NULL or
 * empty. Null when no column of the table says so.
 */
function deletedWhileShown(cols: readonly SealedColumn[]): string | null {
  const empty = (column: string): string => `(${column} IS NULL OR length(${column}) = 0)`;
  const rules = cols.flatMap((c) => {
    if (!c.shownBy) return [];
    const { column, legacy } = c.shownBy;
    return [`(${column} IS NOT NULL AND ${c.column} IS NULL AND ${(typeof legacy === 'string' ? [legacy] : legacy).map(empty).join(' AND ')})`];
  });
  return rules.length > 0 ? rules.join(' OR ') : null;
}

/**
 * 'holds': every sealed value (and the key history) opens under `key` or a key its history holds, each met once;
 * 'fails': one does not, or one is met twice (the first found ends the scan); 'empty': nothing is sealed yet (the
 * caller falls back to the anchor). All in one go: for tools and the recovery's put-back check.
 */
export function sealedWitness(db: ReadDb, key: Buffer, columns: readonly SealedColumn[]): WitnessVerdict {
  const steps = witnessSteps(db, key, columns);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * The same verdict in steps of ROWS_PER_STEP rows, the core thread given back between them (setImmediate): on a
 * million rows the scan took 2.7 s, and a sign-in held every other channel for that long (W2's remnant, 26th
 * session). Each step reads its rows in one statement, so nothing stays open across a turn; the caller makes sure
 * the handle it passed is still the one open when this resolves (db/ledger-unlock.ts).
 */
export async function sealedWitnessInSteps(db: ReadDb, key: Buffer, columns: readonly SealedColumn[]): Promise<WitnessVerdict> {
  const steps = witnessSteps(db, key, columns);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The scan itself, yielding after each step of rows. */
function* witnessSteps(db: ReadDb, key: Buffer, columns: readonly SealedColumn[]): Generator<void, WitnessVerdict, void> {
  const found = sealersOf(db, key);
  const { sealers } = found;
  const isFirst = firstMeeting();
  let seen = found.historyFound ? 1 : 0;
  const tables = new Map<string, SealedColumn[]>();
  for (const c of columns) tables.set(c.table, [...(tables.get(c.table) ?? []), c]);
  for (const [table, cols] of tables) {
    // Destroyed outside the program, not "nothing sealed": asked in the same pass as the values. It was a pass of its
    // own, and on a million rows holding nothing sealed that pass was two thirds of the sign-in (W2's remnant, 25th session).
    const deleted = deletedWhileShown(cols) ?? '0';
    const anyValue = cols.map((c) => `${c.column} IS NOT NULL`).join(' OR ');
    const columnsSql = `${cols.map((c) => c.column).join(', ')}, rowid, (${deleted})`;
    const where = `(${anyValue} OR ${deleted})`;
    // A step is ROWS_PER_STEP rows of the table, whether they hold a value or not: a LIMIT on the rows that match
    // read a million rows holding nothing in one statement (1.1–1.9 s with the thread held, bench signin, load 14).
    const windowEnd = db.prepare(`SELECT rowid FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT 1 OFFSET ${ROWS_PER_STEP - 1}`).raw(true);
    const inWindow = db.prepare(`SELECT ${columnsSql} FROM ${table} WHERE rowid > ? AND rowid <= ? AND ${where} ORDER BY rowid`).raw(true);
    const rest = db.prepare(`SELECT ${columnsSql} FROM ${table} WHERE rowid > ? AND ${where} ORDER BY rowid`).raw(true);
    for (let after = Number.MIN_SAFE_INTEGER; ;) {
      const end = (windowEnd.get(after) as [number] | undefined)?.[0];
      const rows = (end === undefined ? rest.all(after) : inWindow.all(after, end)) as unknown[][];
      for (const r of rows) {
        if (r[cols.length + 1]) return 'fails';
        for (let n = 0; n < cols.length; n++) {
          const value = r[n];
          if (value === null) continue;
          if (!heldByAny(sealers, cols[n]!.purpose, value) || !isFirst(value as Buffer)) return 'fails';
          seen++;
        }
      }
      if (end === undefined) break;
      after = end;
      yield;
    }
  }
  return seen > 0 ? 'holds' : 'empty';
}
