/** Result shapes of the auth area (sessions, users, keys, setup). Pure TypeScript: the renderer imports it too. */
import type { KeyNotice, Role } from '../contract';
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
