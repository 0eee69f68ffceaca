/**
 * A slot whose password someone else set (重设密码, a promotion, a confirmation, 用恢复密钥) and its rows (the audit
 * row, the first-login flag, the slot statement) are written in one transaction, the keyring file last: a failure
 * before it leaves the old slot. The keyring is a file of its own, saved before the transaction commits, so two gaps
 * are left, and closed here:
 * - the commit fails after the save (a full disk, a damaged page): the keyring as it was before is put back;
 * - the program stops between the save and the commit (a crash, the power, the coordinator killing it): nothing can
 *   put it back, so the slot carries the hash of its audit row (`auditHash`), and a slot whose row is not in the log
 *   is refused at its holder's unlock (auth.unlock): the password nobody was recorded setting opens nothing. A
 *   coordinator resets it again, or the user uses the recovery key.
 * Anyone with the files can strip the mark, as they can put any slot there (README: the keyring is not a secret
 * against its file writers); the rule is about a write the program did not finish, not about them.
 */
import { AppError } from '../errors';
import { hasUserRow, newestUserRowHash } from '../audit/audit-log';
import type { Keyring, KeySlot } from '../db/keyring';
import type { ReadDb } from '../db/types';

/** The slot, marked with the audit row written just before it in this transaction about the same user. */
export function markedWithRow(db: ReadDb, slot: KeySlot, userId: number): KeySlot {
  const hash = newestUserRowHash(db, userId);
  return hash === undefined ? slot : ({ ...slot, auditHash: hash } as KeySlot);
}

/** A marked slot whose audit row is not in the log: its transaction never committed. */
export function slotRowMissing(db: ReadDb, slot: KeySlot, userId: number): boolean {
  const hash = (slot as { auditHash?: unknown }).auditHash;
  if (hash === undefined) return false;
  return typeof hash !== 'string' || !hasUserRow(db, userId, hash);
}

export const slotNotWritten = (): AppError =>
  new AppError(
    'CONFLICT',
    '这个账号的密码上次被重设或用恢复密钥设置时没有写完（程序中途停止），这个密码不能用。请统筹负责人为他重设密码，或用恢复密钥设置新密码。',
  );

/** Runs a transaction that saves the keyring last; if it fails after the save (its commit), the keyring as before is put back. */
export function keyringLastIn<T>(ledger: { keyring(): Keyring; saveKeyring(k: Keyring): void }, write: () => T): T {
  const before = ledger.keyring();
  try {
    return write();
  } catch (e) {
    try {
      if (JSON.stringify(ledger.keyring()) !== JSON.stringify(before)) ledger.saveKeyring(before);
    } catch {
      // Not put back (the disk refuses that too): the slot's mark refuses it at unlock.
    }
    throw e;
  }
}
