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
 */
import type { ReadDb } from '../../../db/types';
import { ledgerStamp } from '../apply';

/** Below this many rows a file is looked up row by row (reading a 100,000-resident ledger's indexes costs about as much as 10,000 lookups). */
export const READ_ALL_AFTER = 1000;

export function knownIdIndexes(db: ReadDb): (index: Buffer) => boolean {
  let asked = 0;
  let known: Set<string> | null = null;
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
      // As hex text: 100,000 strings kept, not 100,000 Buffers made and dropped.
      known = new Set(db.prepare(`SELECT lower(hex(id_number_index)) FROM residents WHERE id_number_index IS NOT NULL`).pluck().all() as string[]);
      checked();
    }
    return known.has(index.toString('hex'));
  };
}
