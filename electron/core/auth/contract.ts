import { z } from 'zod';
import { usernameAsTyped } from './username.shared';
import { areaContract, channel, chosen, empty, id, requiredText, type KeyNotice, type Role, ROLES } from '../contract';
import type { LedgerProblem } from '../db/ledger-problem.shared';
import type { AnchorState } from '../audit/contract';

export interface UserInfo {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  /** Still on the password a coordinator set (migration 047): the user must set their own before anything else. */
  mustChangePassword: boolean;
}

/** A row of 设置 → 用户. */
export interface UserRow extends UserInfo {
  /** A rotation this user missed marked their key slot (keys/rotation.ts): a password reset gives them the new key. */
  needsNewPassword: boolean;
}

/** A disable or a demotion to 只读查看: the user as now, and the rotation it set off (null when none). */
export interface UserChanged extends UserInfo {
  keysRotated: KeysRotated | null;
}

/** The core's clock as the session sees it: the renderer shows days and times the way the core counts them. */
export interface OfficeClock {
  /** The office's IANA time zone (a setting, default Asia/Shanghai). */
  timeZone: string;
  /** The core's instant when this was sent, UTC ISO. */
  now: string;
  /** The office's calendar day at `now`. */
  today: string;
}

export interface SessionInfo {
  user: UserInfo;
  officeName: string;
  idleLockMinutes: number;
  clock: OfficeClock;
  /** This sign-in holds no sensitive key though the user's role would: why, and what fixes it. */
  keyNotice: KeyNotice | null;
  /**
   * A rotation left due runs at this coordinator's sign-in only once they set a new password (auth.finishRotation):
   * every rotation ends on one (issue 19, R1). Until then nothing else opens. Null otherwise.
   */
  rotationDue: { reason: string } | null;
  /** Coordinators: the audit anchor does not hold (missing, cut, forged…); the core's words, as 操作日志's check says them. */
  anchorFinding: { state: AnchorState; message: string } | null;
  /**
   * A coordinator confirmed, reset or promoted on 设置 › 用户 by someone else, until they acknowledge it (auth/confirmed-notice.ts; CR1-U2).
   * Not a KeyNotice: those say a sign-in runs below its role (the router, the digit search and the header read them so).
   */
  confirmedBy: ConfirmedByNotice | null;
  /** Coordinators holding the sensitive key: the key history damaged or missing (auth/key-history-finding.ts, S34-A5); null when sound. */
  keyHistory: KeyHistoryFinding | null;
  /**
   * Coordinators: the last rotation stopped after its switch and was settled (auth/unseen-recovery-sheet.ts): its new
   * recovery key was never shown, the printed one opens nothing; or a recovery gave no sensitive key (the printed one
   * opens the ledger only, S38-A4: signInRecoveryNotice). The core's words, until a new one is made; else null.
   */
  recoverySheetUnseen: string | null;
}

/**
 * The retired keys' list (keys/key-history.ts) does not open ('damaged') or is gone after a rotation that stood
 * ('missing'): audit payloads sealed before that rotation cannot be opened (S34-A5).
 */
export interface KeyHistoryFinding {
  state: 'damaged' | 'missing';
  /** Audit rows from before the last rotation holding sealed values: those 查看原号 cannot open now. */
  unreadableRows: number;
  /** When the last rotation that stood started (UTC), null when none did. */
  lastRotatedAt: string | null;
  /** Names this damage (a digest of the stored value, or 'missing'): the unlock audits each one once. */
  digest: string;
  /** What was found, what it means and what to do, in the coordinator's words. */
  message: string;
}

/**
 * Who last set this coordinator's password or role on 设置 › 用户 (a confirmation, a reset, a promotion), who made the
 * coordinator key, and who is listed now (read from the audit log and the list).
 */
export interface ConfirmedByNotice {
  /** That coordinator (display name, account) and when, in the office's wall time (YYYY-MM-DD HH:mm). */
  by: { name: string; username: string; at: string };
  /** Who confirmed with the recovery key and so made the coordinator key; null when the audit log has no such row. */
  first: { name: string; username: string; at: string } | null;
  /** The coordinators the list names now (display names); `notAsCoordinator`: those the audit log last gave another role. */
  coordinators: Array<{ name: string; notAsCoordinator: boolean }>;
  /** The core's words for all of the above and what to do. */
  message: string;
}

/** What 用恢复密钥核对 found (auth.checkRecoveryKey): whether the sheet opens the recovery slot pinned to the coordinator key. */
export interface RecoverySheetCheck {
  opens: boolean;
  message: string;
}

/** What 设置 → 用户 says about the keys (auth/keys.ts). */
export interface KeyStatus {
  recoveryExists: boolean;
  /** The recovery key also opens the sealed values (false on a ledger upgraded from before sealing until a new recovery key is made). */
  recoveryHoldsSensitive: boolean;
  recoveryUpgraded: boolean;
  /** A rotation run at a sign-in (a due one) could not show a new recovery key: the old one opens no sensitive key now. */
  recoveryMissedRotation: boolean;
  /**
   * The last recovery (用恢复密钥重设密码) gave no sensitive key, and no new recovery key was made since: the sheet
   * opens the ledger but not the sealed values (read from the audit log's `auth.recover` row: words only).
   */
  recoveryGaveNoKey: boolean;
  /** Users (display names) whose key slot is still in the old layout: a key rotation waits for them to sign in once. */
  notSignedInSinceUpgrade: string[];
  /** A rotation that could not run yet, and why. */
  rotationDue: { reason: string; since: string } | null;
  lastRotatedAt: string | null;
  /** Slots (display names, 恢复密钥) whose public key is not the one a key holder vouched for: given no key until replaced (auth/slot-keys.ts). */
  slotsChanged: string[];
  /** The same, split for 设置 → 用户: users (display names) whose slot was changed (a password reset fixes it)… */
  changedUsers: string[];
  /** …and whether the recovery slot was (a new recovery key fixes it). */
  recoveryChanged: boolean;
  /**
   * The recovery slot, its public key kept, is not the one the program last left (the audit anchor's digest:
   * db/recovery-slot-witness.ts, S40-A1): it may open nothing. False while another notice about the slot speaks.
   */
  recoverySlotAltered: boolean;
  /** Clerks and coordinators (display names) whose slot no key holder has seen: given no key until a holder resets their password (unverified-users.ts). */
  unverifiedUsers: string[];
  /** Users whose clerk or coordinator role no key holder set (written into the file): run as 只读查看; to be disabled, not reset. */
  unvouchedRoles: Array<{ name: string; role: Role }>;
  /**
   * Table coordinators the coordinators' list does not name (auth/coordinator-upgrade.ts): those of before the upgrade
   * to coordinator keys, or written into the file since. They run as 录入员 until one who is listed confirms them.
   */
  unconfirmedCoordinators: Array<{ id: number; name: string }>;
  /**
   * Who confirmed with the recovery key after the upgrade and so made the coordinator key (its audit row, UTC `at`:
   * words a coordinator could have written; 用恢复密钥核对 beside it is the check); null on a ledger made with the key.
   */
  coordinatorKeyMadeBy: { name: string; username: string; at: string } | null;
  /** The key history damaged or missing (S34-A5): 更换密钥 asks before it starts the list afresh (`dropKeyHistory`). */
  keyHistory: KeyHistoryFinding | null;
  /** A stopped rotation's new recovery key was never shown (auth/unseen-recovery-sheet.ts): words, until a new one is made. */
  recoverySheetUnseen: string | null;
}

export interface KeysRotated {
  /** False when the rotation is left due (someone has not signed in since the upgrade). */
  rotated: boolean;
  resealed: number;
  /** Users (display names) whose slot still pins the retired key: refused the new one until a coordinator resets their password. */
  needsNewPassword: string[];
  /** The new recovery key, shown once (the old one opens nothing any more); null when the rotation did not make one. */
  recoveryKey: string | null;
  /** The rotation started the key history afresh (it did not open): what can no longer be read, in words; absent otherwise. */
  keyHistoryRestarted?: string;
  /** Steps after the switch that failed (keys/after-switch.ts), in words: the keys changed all the same; absent otherwise. */
  unfinished?: string;
}

export interface SetupStatus {
  initialized: boolean;
  /** Where the ledger lives, so the startup screen can say it. */
  dataDir: string;
  problem: LedgerProblem | null;
}

/**
 * A user name as typed, folded (NFKC, username.shared.ts) only once it is not far past its 32 letters: one letter can
 * fold to eighteen (U+FDFA), and 5,990,000 of them sent to auth.unlock, a public channel, held the core 14 s for a
 * BAD_INPUT (thirteenth attack run, F3b). The same bound as a text field's (contract.ts seenText).
 */
// `abort`: a failed check does not stop the checks after it, and the fold is one of them (.overwrite).
const typedName = (tooLong = '太长（最多 32 个字）') =>
  z
    .string()
    .max(32 * 8 + 64, { message: tooLong, abort: true })
    .overwrite(usernameAsTyped);

// As typed, after NFKC and trimming (username.shared.ts): ｚｈａｎｇ is kept as zhang, then checked.
const username = typedName('最多 32 个字符')
  .min(2, '至少 2 个字符')
  .max(32, '最多 32 个字符')
  .regex(/^[A-Za-z0-9_.\-\u4e00-\u9fa5]+$/, '只能用汉字、字母、数字和 _ . -');
export const password = z.string().min(8, '至少 8 位').max(128, '最多 128 位');
/** The signed-in coordinator's own password, confirming a rotation (checked against their slot, not against the rules for new ones). */
const ownPassword = z.string().min(1, '请输入您自己的密码').max(128);
/**
 * What every rotation asks (停用, 改为只读查看, 更换密钥, a due one at sign-in): the coordinator's own password and a new
 * one, twice, under 修改密码's rules. The rotation makes their slot anew with it (keys/rotation.ts; issue 19, R1).
 */
const rotationPasswords = { password: ownPassword, newPassword: password, newPasswordAgain: z.string().max(128) };
const role = z.enum(ROLES, { error: '角色只能是 统筹负责人 / 录入员 / 只读查看' });

const authLabels = {
  office: '街道办事处',
  name: '街道办事处名称',
  admin: '统筹负责人',
  username: '用户名',
  displayName: '姓名',
  password: '密码',
  oldPassword: '原密码',
  newPassword: '新密码',
  newPasswordAgain: '再次输入新密码',
  initialPassword: '新的初始密码',
  recoveryKey: '恢复密钥',
  role: '角色',
  confirm: '确认',
  dropKeyHistory: '确认重新开始记录旧密钥',
  path: '台账文件夹路径',
};

export const authContract = areaContract(authLabels, {
  'setup.status': channel<SetupStatus>()({ input: empty, access: 'public', kind: 'session' }),
  'setup.init': channel<{ recoveryKey: string }>()({
    input: z.strictObject({
      office: z.strictObject({ name: requiredText(60) }),
      admin: z.strictObject({ username, displayName: requiredText(30), password }),
    }),
    access: 'public',
    kind: 'session',
  }),
  'setup.openLedger': channel<SetupStatus>()({
    input: z.strictObject({ path: chosen('台账文件夹', 'openFolder') }),
    access: 'public',
    kind: 'session',
  }),
  'auth.unlock': channel<SessionInfo>()({
    input: z.strictObject({ username: typedName().min(1, '不能为空').max(32), password: z.string().min(1, '不能为空').max(128) }),
    access: 'public',
    kind: 'session',
  }),
  'auth.lock': channel<{ locked: true }>()({ input: empty, access: 'public', kind: 'session' }),
  'auth.whoami': channel<SessionInfo | null>()({ input: empty, access: 'public', kind: 'session' }),
  'auth.recover': channel<SessionInfo>()({
    input: z.strictObject({
      username: typedName().min(1).max(32),
      recoveryKey: z.string().trim().min(10, '不完整，请对照打印或抄写的那张纸全部输入').max(80),
      newPassword: password,
    }),
    access: 'public',
    kind: 'session',
  }),
  /**
   * A ledger without a coordinator key (an upgrade): the signed-in table coordinator, running as 录入员, confirms with the
   * recovery key and their own password (auth/coordinator-upgrade.ts; CR1-U). The session is theirs as 统筹负责人 after.
   */
  'auth.confirmCoordinator': channel<SessionInfo>()({
    input: z.strictObject({ recoveryKey: z.string().trim().min(10, '不完整，请对照打印或抄写的那张纸全部输入').max(80), password: ownPassword }),
    access: 'clerk',
    kind: 'session',
  }),
  /**
   * 用恢复密钥核对 (CR1-U2): whether a recovery key opens the recovery slot pinned to the coordinator key held now. Writes
   * nothing; in the recovery key's throttle queue, a key that does not open counted as a failure. Allowed before the
   * first password change (router.ts): the confirmed coordinator checks before taking the ledger on.
   */
  'auth.checkRecoveryKey': channel<RecoverySheetCheck>()({
    input: z.strictObject({ recoveryKey: z.string().trim().min(10, '不完整，请对照打印或抄写的那张纸全部输入').max(80) }),
    access: 'coordinator',
    kind: 'session',
  }),
  /** The confirmed coordinator read SessionInfo.confirmedBy: audited once, with what the sheet check found. */
  'auth.acknowledgeConfirmation': channel<{ acknowledged: true }>()({ input: empty, access: 'coordinator', kind: 'write' }),
  'auth.changePassword': channel<{ changed: true }>()({
    input: z.strictObject({ oldPassword: z.string().min(1).max(128), newPassword: password }),
    access: 'viewer',
    // A task: its scrypt runs are on libuv's thread pool, its write in one transaction after them (auth/password-change.ts).
    kind: 'task',
  }),
  /** The rotation left due, run once the coordinator signing in sets a new password (SessionInfo.rotationDue). */
  'auth.finishRotation': channel<KeysRotated>()({ input: z.strictObject(rotationPasswords), access: 'coordinator', kind: 'task' }),
  'users.list': channel<UserRow[]>()({ input: empty, access: 'coordinator', kind: 'read' }),
  'users.create': channel<UserInfo>()({
    input: z.strictObject({ username, displayName: requiredText(30), role, password }),
    access: 'coordinator',
    // A task: the new slot's scrypt on libuv's thread pool, then one write (auth/user-handlers.ts).
    kind: 'task',
  }),
  // Tasks, not writes: a demotion to viewer or a disable rotates the keys after its own transaction (auth/keys.ts).
  // `password`, `newPassword`, `newPasswordAgain`: needed when the change rotates the keys (a demotion to 只读查看).
  'users.update': channel<UserChanged>()({
    input: z.strictObject({
      id,
      displayName: requiredText(30).optional(),
      role: role.optional(),
      password: ownPassword.optional(),
      newPassword: password.optional(),
      newPasswordAgain: z.string().max(128).optional(),
      // A promotion from 只读查看: the new initial password the coordinator gives them, as 重设密码 (auth/user-handlers.ts).
      initialPassword: password.optional(),
    }),
    access: 'coordinator',
    kind: 'task',
  }),
  'users.disable': channel<UserChanged>()({ input: z.strictObject({ id, ...rotationPasswords }), access: 'coordinator', kind: 'task' }),
  /** A user who forgot their password gets a new initial one from a coordinator; they set their own at the next unlock. */
  'users.resetPassword': channel<UserInfo>()({ input: z.strictObject({ id, password }), access: 'coordinator', kind: 'task' }),
  /** 更换密钥, and 生成新的恢复密钥 (its door on 设置 › 用户 › 密钥): new keys and a new recovery key (auth/keys.ts rotateAudited). */
  /**
   * `dropKeyHistory`: the coordinator read that the key history does not open (KeyStatus.keyHistory) and chose to start
   * it afresh; without it such a rotation is refused (CONFLICT), nothing changed (S34-A5).
   */
  'users.rotateKeys': channel<KeysRotated>()({
    input: z.strictObject({ ...rotationPasswords, dropKeyHistory: z.boolean().optional() }),
    access: 'coordinator',
    kind: 'task',
  }),
  /**
   * An unconfirmed table coordinator (KeyStatus.unconfirmedCoordinators) confirmed (`confirm`, with a new initial
   * password: their slot is made anew holding the key, as 重设密码 does) or made 录入员; `sealed`: the key reached their slot.
   */
  'users.confirmCoordinator': channel<{ sealed: boolean }>()({
    input: z.strictObject({ id, confirm: z.boolean({ error: '请选择确认或改为录入员' }), initialPassword: password.optional() }),
    access: 'coordinator',
    kind: 'write',
  }),
  'users.keyStatus': channel<KeyStatus>()({ input: empty, access: 'coordinator', kind: 'read' }),
});
