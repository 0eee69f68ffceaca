/**
 * Sensitive keys retired by rotations. Every sealed column is re-sealed at a
 * rotation (keys/rotation.ts), but audit rows are never rewritten (the chain
 * covers them), so a value sealed inside an old audit payload stays under the
 * key of its day. The retired keys are kept, newest first, in `meta`, sealed
 * under the current sensitive key: whoever holds today's key (clerks,
 * coordinators, recovery) can open old payloads; a viewer, or a user disabled
 * since, cannot read the list.
 */
import { deleteMeta, readMeta, writeMeta } from '../db/ledger-files';
import type { ReadDb, WriteDb } from '../db/types';
import { makeSealer, type Sealer } from '../db/sealer';

export const KEY_HISTORY_META = 'sensitive_key_history';
export const KEY_HISTORY_PURPOSE = 'meta.sensitive_key_history';
/** Audit channel of the rotation's rows (操作日志 has words for it; auth/rotation-owed.ts passes it on). */
export const KEYS_ROTATE = 'keys.rotate';

export interface RetiredKey {
  /** The retired sensitive key, hex. */
  key: string;
  retiredAt: string;
}

/** The raw meta value (sealed, base64), to put back exactly if a rotation is undone. */
export function readKeyHistoryRaw(db: ReadDb): string | null {
  return readMeta(db, KEY_HISTORY_META);
}

export function readKeyHistory(db: ReadDb, sealer: Sealer): RetiredKey[] {
  const raw = readKeyHistoryRaw(db);
  return raw ? (JSON.parse(sealer.open(KEY_HISTORY_PURPOSE, Buffer.from(raw, 'base64'))) as RetiredKey[]) : [];
}

/** Writes the history sealed under `sealer` (the new key at a rotation); `raw` puts back an earlier value unchanged. */
export function writeKeyHistory(db: WriteDb, sealer: Sealer, history: RetiredKey[]): void {
  writeMeta(db, KEY_HISTORY_META, sealer.seal(KEY_HISTORY_PURPOSE, JSON.stringify(history)).toString('base64'));
}

export function restoreKeyHistoryRaw(db: WriteDb, raw: string | null): void {
  if (raw === null) deleteMeta(db, KEY_HISTORY_META);
  else writeMeta(db, KEY_HISTORY_META, raw);
}

/**
 * Opens a value sealed under the current key or any retired one (an old
 * audit payload). Throws like `sealer.open` when none opens it.
 */
export function openWithHistory(db: ReadDb, sealer: Sealer, purpose: string, sealed: Buffer): string {
  try {
    return sealer.open(purpose, sealed);
  } catch (current) {
    for (const retired of readKeyHistory(db, sealer)) {
      try {
        return makeSealer(Buffer.from(retired.key, 'hex')).open(purpose, sealed);
      } catch {
        // not this one: an older key, or damage
      }
    }
    throw current;
  }
}
