/**
 * Key rotation: after a user is disabled or made a viewer (they knew the
 * keys), or when a coordinator asks 「更换密钥」. A new database key and a new
 * sensitive key; every sealed column (sealed-columns.ts) re-sealed and every
 * keyed index recomputed; the file rekeyed; every remaining slot rewrapped
 * through its public key (no passwords); the keyring written last.
 *
 * All or nothing: the keyring file is the switch. Until it is written the old
 * keys are the ones every slot holds, so each step before it is undone when a
 * later one fails (rekey back, re-seal back, key history put back), and the
 * ledger opens with the old keys as before. Retired sensitive keys go into the
 * key history (key-history.ts) for old audit payloads.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type { Ledger } from '../db/ledger';
import { hasSensitiveKey, legacySlots, replaceSlot, RECOVERY_SLOT, type Keyring } from '../db/keyring';
import { isV2, resealSlot, slotHoldsSensitive } from '../db/keyslot';
import { readHeader } from '../db/open';
import type { WriteDb } from '../db/types';
import { asWriteDb } from '../db/types';
import type { SealedColumn } from './sealed-columns';
import { makeSealer, type Sealer } from './sealer';
import { readKeyHistory, readKeyHistoryRaw, restoreKeyHistoryRaw, writeKeyHistory } from './key-history';

/** Places a test can make a rotation fail, to prove the undo (never set by the app). */
export interface RotationFaults {
  afterReseal?: () => void;
  afterRekey?: () => void;
  beforeKeyring?: () => void;
}

export interface RotationDone {
  /** Sealed values re-sealed (index columns not counted). */
  resealed: number;
  /** Slots rewrapped, recovery included. */
  slots: string[];
  sensitiveKeyRotated: boolean;
}

const ROWS_PER_STEP = 5000;

/** Re-seals every registered column from one sealer to another and recomputes its indexes; returns the values re-sealed. */
export function resealColumns(db: WriteDb, columns: readonly SealedColumn[], from: Sealer, to: Sealer): number {
  let count = 0;
  for (const c of columns) {
    const indexSets = c.indexes.map((i) => `${i.column} = @${i.column}`);
    const select = db.prepare(`SELECT rowid AS rid, ${c.column} AS v FROM ${c.table} WHERE rowid > @after AND ${c.column} IS NOT NULL ORDER BY rowid LIMIT @n`);
    const update = db.prepare(`UPDATE ${c.table} SET ${[`${c.column} = @v`, ...indexSets].join(', ')} WHERE rowid = @rid`);
    for (let after = -Infinity; ; ) {
      const rows = select.all({ after: Number.isFinite(after) ? after : -9007199254740991, n: ROWS_PER_STEP }) as Array<{ rid: number; v: Buffer }>;
      if (rows.length === 0) break;
      for (const r of rows) {
        const plain = from.openBytes(c.purpose, r.v);
        const params: Record<string, unknown> = { rid: r.rid, v: to.sealBytes(c.purpose, plain) };
        if (c.indexes.length > 0) {
          const text = plain.toString('utf8');
          for (const i of c.indexes) {
            const of = i.of(text);
            params[i.column] = of === null ? null : to.index(i.purpose, of);
          }
        }
        plain.fill(0);
        update.run(params);
        count++;
      }
      after = rows[rows.length - 1]!.rid;
    }
  }
  return count;
}

/** Names a rotation would lock out: slots still in the version-1 layout (their users have not unlocked since the upgrade). */
export function rotationBlockers(keyring: Keyring): string[] {
  return legacySlots(keyring);
}

export interface RotationOptions {
  nowIso: string;
  /** Appends the audit row inside the transaction it is given. */
  audit: (w: WriteDb, after: Record<string, unknown>) => void;
  /** After the keyring is written: whatever is keyed from the database key follows (the unlock throttle's file). */
  onDbKeyChanged?: (oldKey: Buffer, newKey: Buffer) => void;
  faults?: RotationFaults;
}

export function rotateKeys(ledger: Ledger, columns: readonly SealedColumn[], opts: RotationOptions): RotationDone {
  const { audit, nowIso, faults = {} } = opts;
  const keyring = ledger.keyring();
  const blockers = rotationBlockers(keyring);
  if (blockers.length > 0) throw blockedError(blockers);
  const rotateSensitive = hasSensitiveKey(keyring);
  const oldSealer = ledger.sealer();
  if (rotateSensitive && !oldSealer)
    throw new AppError('FORBIDDEN', '更换密钥需要能解开加密信息的统筹负责人账号登录（本次登录没有取得敏感信息密钥）。请用持有该密钥的统筹负责人账号重新登录后再试。');
  const oldDbKey = Buffer.from(ledger.currentKey());
  const newDbKey = randomBytes(32);
  const newSensitive = rotateSensitive ? randomBytes(32) : null;
  const newSealer = newSensitive ? makeSealer(newSensitive) : null;
  const slots = keyring.slots.flatMap((s) => (isV2(s) ? [s] : []));
  // Everything that needs no write first: a failure here changes nothing.
  let next: Keyring = { ...keyring, keyId: randomUUID() };
  for (const s of slots) next = replaceSlot(next, resealSlot(keyring.ledgerId, s, { dbKey: newDbKey, sensitiveKey: slotHoldsSensitive(s) ? newSensitive : null }));

  const db = ledger.handle();
  const w = asWriteDb(db);
  const historyBefore = readKeyHistoryRaw(db);
  let resealed = 0;
  if (oldSealer && newSealer && newSensitive) {
    w.transaction(() => {
      resealed = resealColumns(w, columns, oldSealer, newSealer);
      const retired = { key: ledger.heldKeys().sensitiveKey!.toString('hex'), retiredAt: nowIso };
      writeKeyHistory(w, newSealer, [retired, ...readKeyHistory(w, oldSealer)]);
      audit(w, { keysRotated: 'started', resealed, slots: slots.map((s) => s.name) });
    })();
  }
  let rekeyed = false;
  try {
    faults.afterReseal?.();
    ledger.rekeyDatabase(newDbKey);
    rekeyed = true;
    faults.afterRekey?.();
    next = { ...next, dbSalt: readHeader(ledger.paths.db).toString('hex') };
    faults.beforeKeyring?.();
    ledger.saveKeyring(next);
    opts.onDbKeyChanged?.(oldDbKey, newDbKey);
  } catch (e) {
    if (ledger.keyring().keyId !== next.keyId) undo(ledger, rekeyed ? oldDbKey : null, columns, newSealer, oldSealer, historyBefore, audit);
    throw e;
  } finally {
    oldDbKey.fill(0);
    newDbKey.fill(0);
  }
  if (newSensitive) ledger.replaceSensitiveKey(newSensitive);
  newSensitive?.fill(0);
  asWriteDb(db).transaction(() => audit(w, { keysRotated: 'done', resealed, slots: slots.map((s) => s.name) }))();
  return { resealed, slots: slots.map((s) => s.name), sensitiveKeyRotated: rotateSensitive };
}

/** Back to the old keys after a failed step: the keyring was not written, so they are still every slot's keys. */
function undo(
  ledger: Ledger,
  oldDbKey: Buffer | null,
  columns: readonly SealedColumn[],
  newSealer: Sealer | null,
  oldSealer: Sealer | null,
  historyBefore: string | null,
  audit: (w: WriteDb, after: Record<string, unknown>) => void,
): void {
  if (oldDbKey) ledger.rekeyDatabase(oldDbKey);
  const w = asWriteDb(ledger.handle());
  w.transaction(() => {
    if (newSealer && oldSealer) {
      resealColumns(w, columns, newSealer, oldSealer);
      restoreKeyHistoryRaw(w, historyBefore);
    }
    audit(w, { keysRotated: 'undone' });
  })();
}

export function blockedError(names: readonly string[]): AppError {
  const people = names.filter((n) => n !== RECOVERY_SLOT);
  const parts: string[] = [];
  if (people.length > 0) parts.push(`账号 ${people.map((n) => `「${n}」`).join('、')} 自升级以来还没有登录过，请让他们先登录一次`);
  if (names.includes(RECOVERY_SLOT)) parts.push('恢复密钥还是旧格式，请先在「设置 → 用户」生成新的恢复密钥');
  return new AppError('CONFLICT', `暂时不能更换密钥：${parts.join('；')}。否则他们将无法再打开台账。`, { names: [...names] });
}
