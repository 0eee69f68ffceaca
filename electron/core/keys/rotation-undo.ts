/**
 * What a rotation (rotation.ts) falls back on before its switch: the keys it retires read safely, and the way back to
 * the old keys when a step past the rekey fails.
 */
import { AppError } from '../errors';
import type { Ledger } from '../db/ledger';
import { readHeader } from '../db/open';
import type { RowBinding } from '../db/row-binding';
import type { Sealer } from '../db/sealer';
import type { WriteDb } from '../db/types';
import { readKeyHistory, restoreKeyHistoryRaw, type RetiredKey } from './key-history';
import { resealAndRebind } from './reseal';
import type { SealedColumn } from './sealed-columns';

/**
 * The keys retired before this rotation, or null when their list does not open (S33-A6: meta is written with the
 * database key alone, so a viewer about to be disabled could damage it and stop every rotation, the one retiring the
 * key they saved too). The rotation goes on with the list started afresh, audited (`keyHistoryDamaged`): audit payloads
 * sealed under the keys it held stay sealed, and are refused as unreadable like any payload no key opens.
 */
export function retiredBefore(tx: WriteDb, oldSealer: Sealer): RetiredKey[] | null {
  try {
    return readKeyHistory(tx, oldSealer);
  } catch (e) {
    if (e instanceof AppError && e.code === 'LEDGER_DAMAGED') return null;
    if (e instanceof SyntaxError) return null;
    throw e;
  }
}

/** Back to the old keys after a step past the rekey failed: the keyring was not written, so they are still every slot's keys. */
export function undo(
  ledger: Ledger,
  oldDbKey: Buffer,
  columns: readonly SealedColumn[],
  bindings: readonly RowBinding[],
  newSealer: Sealer | null,
  oldSealer: Sealer | null,
  historyBefore: string | null,
  /** Puts back what the rotation's other writes changed (after the re-sealing back), and audits. */
  audit: (w: WriteDb, after: Record<string, unknown>) => void,
): void {
  ledger.rekeyDatabase(oldDbKey, (tx) => {
    if (newSealer && oldSealer) {
      resealAndRebind(tx, columns, bindings, newSealer, oldSealer);
      restoreKeyHistoryRaw(tx, historyBefore);
    }
    audit(tx, { keysRotated: 'undone' });
  });
  // A rekey gives the file a new salt: the keyring (old keys, unchanged slots) names it.
  ledger.saveKeyring({ ...ledger.keyring(), dbSalt: readHeader(ledger.paths.db).toString('hex') });
}
