/**
 * Whether the ledger may hold a resident with an ID number's keyed index, for the import's person lookups
 * (residents.ts, person.ts): a large file asked the ledger once per row (100,000 indexed lookups, most of
 * them finding nobody in a file of new people). After `READ_ALL_AFTER` questions the indexes are read once,
 * in one pass over their UNIQUE index, and a row whose index is not among them is known to be new without
 * a statement; one that is among them is still looked up (and its row checked) as before.
 *
 * What was read stands only while the ledger is as it was read: never inside a transaction (the commit
 * writes between its questions: each is asked of the ledger as it is then), and the ledger's stamp
 * (apply.ts ledgerStamp: this connection's row changes, other connections' commits) is compared again at
 * the first question after each turn of the event loop (the reading yields every 2,000 rows, and another
 * request, which may write, runs only in a turn of its own; the rows between are promise continuations,
 * run within the same turn): changed, what was read is dropped.
 *
 * What is kept of each index is a 30-bit fold of its bytes (`foldOf`), a small integer: a Set of them holds no
 * string or Buffer per resident, and a row's question makes none (before: a 32-character hex string kept per
 * resident and one made per row). Two indexes may fold alike: the row is then looked up as any "maybe" is, and its
 * answer is the lookup's. With the 100,000 indexes of the bench's ledger in 2^30 folds, about one new row in ten
 * thousand is looked up for nothing; an index the ledger holds always folds to what was read.
 */
import type { ReadDb } from '../../../db/types';
import { ledgerStamp } from '../apply';

/** Below this many rows a file is looked up row by row (reading a 100,000-resident ledger's indexes costs about as much as 10,000 lookups). */
export const READ_ALL_AFTER = 1000;

export function knownIdIndexes(db: ReadDb): (index: Buffer) => boolean {
  let asked = 0;
  let known: Set<number> | null = null;
  let stamp = '';
  let checkedThisTurn = false;
  const checked = (): void => {
    checkedThisTurn = true;
    setImmediate(() => {
      checkedThisTurn = false;
    });
  };
  return (index) => {
    if (db.inTransaction) return true;
    if (known !== null && !checkedThisTurn) {
      if (ledgerStamp(db) === stamp) checked();
      else {
        known = null;
        asked = 0;
      }
    }
    if (known === null) {
      if (++asked <= READ_ALL_AFTER) return true;
      stamp = ledgerStamp(db);
      // Read as hex text and folded: no Buffer per resident made and dropped, and only small integers kept.
      const read = db.prepare(`SELECT hex(id_number_index) FROM residents WHERE id_number_index IS NOT NULL`).pluck().all() as string[];
      const folds = new Set<number>();
      for (const hex of read) folds.add(foldOfHex(hex));
      known = folds;
      checked();
    }
    return known.has(foldOf(index));
  };
}

/** FNV-1a over the bytes, cut to 30 bits (a small integer in V8: nothing allocated per question). */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const FOLD_BITS = 0x3fffffff;

export function foldOf(bytes: Uint8Array): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  return (h >>> 0) & FOLD_BITS;
}

/** `foldOf` of the bytes SQLite's hex() wrote (upper-case digits, two per byte). */
export function foldOfHex(hex: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i + 1 < hex.length; i += 2) h = Math.imul(h ^ ((hexDigit(hex.charCodeAt(i)) << 4) | hexDigit(hex.charCodeAt(i + 1))), FNV_PRIME);
  return (h >>> 0) & FOLD_BITS;
}

/** 0–9, A–F and a–f by char code. */
const hexDigit = (c: number): number => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57);
