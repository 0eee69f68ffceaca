/**
 * Whether the ledger may hold a resident with an ID number's keyed index, for the import's matching
 * (residents.ts, person.ts): a large file asked the ledger once per row (100,000 indexed lookups, most
 * of them finding nobody in a file of new people). After `READ_ALL_AFTER` questions the indexes are
 * read once, in one pass over their UNIQUE index, and a row whose index is not among them is known to
 * be new without a statement; one that is among them is still looked up (and its row checked) as before.
 *
 * What was read stands only while nothing can write: outside a transaction (inside the commit's,
 * rows are written between the questions, and each is asked of the ledger as it is then), and within
 * one synchronous pass (the preview's classification, apply.ts classifyAll): it is dropped at the
 * pass's end (a microtask), before any other request can run.
 */
import type { ReadDb } from '../../../db/types';

/** Below this many rows a file is looked up row by row (reading a 100,000-resident ledger's indexes costs about as much as 10,000 lookups). */
export const READ_ALL_AFTER = 1000;

export function knownIdIndexes(db: ReadDb): (index: Buffer) => boolean {
  let asked = 0;
  let known: Set<string> | null = null;
  return (index) => {
    if (known === null) {
      if (db.inTransaction || ++asked <= READ_ALL_AFTER) return true;
      const all = db.prepare(`SELECT id_number_index FROM residents WHERE id_number_index IS NOT NULL`).pluck().all() as Buffer[];
      known = new Set(all.map((b) => b.toString('latin1')));
      queueMicrotask(() => {
        known = null;
        asked = 0;
      });
    }
    return known.has(index.toString('latin1'));
  };
}
