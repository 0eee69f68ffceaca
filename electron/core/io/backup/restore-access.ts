/**
 * Who may open the ledger after a restore (issue 19 item 4). A backup carries
 * the keyring of its day: restoring one made before a user was disabled (or
 * demoted to 只读查看) would give that user's password its slot back, and the
 * keys of that day, which they may have kept. A coordinator expects the
 * decisions taken since to hold, so a restore of this same ledger keeps them:
 *
 * - users disabled now are disabled in the restored ledger and their slots
 *   removed from its keyring; users who are viewers now are viewers there, their
 *   slots without the sensitive key;
 * - when that changed anything, or the backup's keys were already replaced
 *   (its keyId is not the current one), or a rotation was due now, a rotation
 *   is marked due in the restored ledger (auth/keys.ts): the first coordinator
 *   unlock holding the sensitive key runs it, so the keys of that day stop
 *   opening the ledger; 设置 › 用户 › 密钥 shows it due until then.
 *
 * Applied to the staged copy and staged keyring before the swap, after the
 * copy passed its checks: a failure leaves the current ledger untouched. The
 * last enabled coordinator of the backup is never disabled or demoted (the
 * ledger would have nobody to run it); the restore says so instead.
 */
import { appendAudit } from '../../audit/audit-log';
import type { Actor } from '../../auth/keys';
import { markRotationDue, rotationDue } from '../../auth/rotation-owed';
import { countActiveCoordinators, getUserByName, listUsers, updateUser } from '../../auth/user-queries';
import { findSlot, readKeyring, removeSlot, replaceSlot, withoutSensitive, writeKeyring } from '../../db/keyring';
import { slotHoldsSensitive } from '../../db/keyslot';
import { withoutCoordinator } from '../../db/keyslot-coordinator';
import { vouchedCoordinators } from '../../auth/coordinator-vouch';
import type { Ledger } from '../../db/ledger';
import { migrate } from '../../db/migrate';
import { auditMigration } from '../../audit/migration-audit';
import { asWriteDb, type ReadDb } from '../../db/types';
import { openCopy, type BackupKeys } from './backup-file';

/** The current ledger's decisions a restore of the same ledger keeps. */
export interface AccessNow {
  disabled: string[];
  viewers: string[];
  keyId: string | undefined;
  rotationDue: boolean;
  /** The coordinators the coordinator key vouches for now (id, username); null while the ledger has none held (older). */
  coordinators: Array<[number, string]> | null;
}

export function accessNow(db: ReadDb, ledger: Ledger, nowIso: string): AccessNow {
  const users = listUsers(db);
  return {
    disabled: users.filter((u) => u.disabled).map((u) => u.username),
    viewers: users.filter((u) => !u.disabled && u.role === 'viewer').map((u) => u.username),
    keyId: ledger.keyring().keyId,
    rotationDue: rotationDue(db, ledger.sealer(), nowIso) !== null,
    coordinators: ledger.coordinatorKey() ? (vouchedCoordinators(db, ledger.keyring().ledgerId, ledger.coordinatorKey()) ?? []) : null,
  };
}

/**
 * Applies `now` to the staged copy and keyring. Returns what the coordinator is told (Chinese),
 * empty when the backup already agreed with the current ledger.
 */
export function keepAccess(ledger: Ledger, staged: { db: string; keyring: string }, keys: BackupKeys, now: AccessNow, by: Actor, at: string): string[] {
  const copy = openCopy(ledger, staged.db, keys.dbKey, false);
  // A backup from an older version: brought to this version's schema first (its next unlock would do the same).
  try {
    migrate(copy, at, undefined, auditMigration);
  } catch (e) {
    copy.close();
    throw e;
  }
  const w = asWriteDb(copy);
  let keyring = readKeyring(staged.keyring);
  const notes: string[] = [];
  const changed: string[] = [];
  try {
    w.transaction(() => {
      const audit = (entityId: number, before: unknown, after: unknown) =>
        appendAudit(w, { at, userId: by.userId, username: by.username, channel: 'backup.restore', entity: 'user', entityId, before, after }, null);
      const apply = (username: string, change: { disabled?: true; role?: 'viewer' | 'clerk' }): void => {
        const before = getUserByName(w, username);
        if (!before || before.disabled || (change.role && before.role === 'viewer' && !change.disabled)) return;
        if (change.role === 'clerk' && before.role !== 'coordinator') return;
        if (before.role === 'coordinator' && countActiveCoordinators(w) <= 1) {
          const nowIs = change.disabled ? '已停用' : change.role === 'clerk' ? '不是经过核实的统筹负责人' : '是只读查看';
          notes.push(`「${before.displayName}」现在${nowIs}，但在备份里是唯一的统筹负责人，恢复后保持原样：请恢复后指定另一位统筹负责人，再处理这个账号。`);
          return;
        }
        updateUser(w, before.id, { displayName: before.displayName, role: change.role ?? before.role, disabled: change.disabled ?? before.disabled }, at);
        audit(before.id, before, getUserByName(w, username));
        changed.push(before.displayName);
      };
      for (const name of now.disabled) apply(name, { disabled: true });
      for (const name of now.viewers) apply(name, { role: 'viewer' });
      // A coordinator in the backup counts only if the coordinator key vouches for them now (issue 19, CR1): one a clerk
      // made in a copy of the folder (their row and its role seal rewritten) comes back as 录入员.
      const vouchedNow = now.coordinators;
      if (vouchedNow)
        for (const u of listUsers(w))
          if (u.role === 'coordinator' && !vouchedNow.some(([id, name]) => id === u.id && name === u.username)) apply(u.username, { role: 'clerk' });
      // The keyring follows the users table as it now stands in the copy.
      for (const u of listUsers(w)) {
        const slot = findSlot(keyring, u.username);
        if (!slot) continue;
        if (u.disabled) keyring = removeSlot(keyring, u.username);
        else if (u.role === 'viewer' && slotHoldsSensitive(slot)) keyring = replaceSlot(keyring, withoutSensitive(slot));
        else if (u.role !== 'coordinator') keyring = replaceSlot(keyring, withoutCoordinator(slot));
      }
      const retired = keyring.keyId !== now.keyId;
      if (changed.length > 0 || retired || now.rotationDue) {
        const reason = changed.length > 0 ? `恢复备份后停用或改变角色：${changed.join('、')}` : '恢复了更换密钥之前的备份';
        // Owed for the backup's key, the one the restored ledger holds (auth/rotation-owed.ts).
        markRotationDue(w, { at, by, reason }, keys.sealer, null);
        notes.push(
          `${changed.length > 0 ? `按当前台账，已把 ${changed.join('、')} 停用或改为只读查看、录入员，并收回他们在备份里的钥匙槽或其中的密钥。` : ''}备份里是当时的密钥：统筹负责人下次解锁时会自动更换密钥（设置 › 用户 › 密钥）。`,
        );
      }
    })();
  } finally {
    copy.close();
  }
  writeKeyring(staged.keyring, keyring);
  return notes;
}
