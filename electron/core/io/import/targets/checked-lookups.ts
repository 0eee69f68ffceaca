/**
 * What a ledger check found for a row (cases.ts: the resident, and that resident's cases of the row's
 * category), kept for the preview's matcher, which asked the ledger the same questions again a moment
 * later: a second lookup per row (the ID number's known-index test, the resident's row check and sealed
 * number opened for a person the ledger has, the cases query), a tenth of a 100,000-row cases preview.
 *
 * Taken only while nothing in the ledger changed since the check asked: the check reads the ledger's
 * stamp (apply.ts ledgerStamp) before it asks, the matcher reads it again, and only an equal stamp lets
 * the matcher take the answer. The stamp's counters only grow (this connection's row changes, other
 * connections' commits), so equal stamps mean no row changed in between; a stamp read earlier than
 * needed (once per turn of the event loop, below) can only differ, and then the matcher asks again.
 * Never inside a transaction: a commit writes between its rows, and its matcher asks the ledger as it is.
 */
import type { Sealer } from '../../../db/sealer';
import type { ReadDb } from '../../../db/types';
import { ledgerStamp } from '../apply';

export interface Checked<F, C> {
  stamp: string;
  sealer: Sealer | null;
  found: F;
  cases: C;
}

const checked = new WeakMap<object, Checked<unknown, unknown>>();

/**
 * The ledger's stamp, read at most once per turn of the event loop: two statements a row was more than the
 * lookup it saves. A write later in the same turn leaves this stamp older than the lookup it is kept with,
 * which only makes the matcher ask again (see the module comment).
 */
export function stampPerTurn(db: ReadDb): () => string {
  let stamp: string | null = null;
  return () => {
    if (stamp === null) {
      stamp = ledgerStamp(db);
      setImmediate(() => {
        stamp = null;
      });
    }
    return stamp;
  };
}

/** Keeps what the check found for `record`; `stamp`: read before it asked. */
export function rememberChecked<F, C>(record: object, stamp: string, sealer: Sealer | null, found: F, cases: C): void {
  checked.set(record, { stamp, sealer, found, cases });
}

/**
 * What the check found for `record`, taken (never kept beside the staged plan), and whether it is `current`: the ledger
 * as the check asked it, the same sealer, outside a transaction. Not current, the caller asks again.
 */
export function takeChecked<F, C>(
  record: object,
  db: ReadDb,
  sealer: Sealer | null,
  stamp: () => string,
): { checked: Checked<F, C>; current: boolean } | undefined {
  const entry = checked.get(record) as Checked<F, C> | undefined;
  if (entry === undefined) return undefined;
  checked.delete(record);
  return { checked: entry, current: !db.inTransaction && entry.sealer === sealer && entry.stamp === stamp() };
}
