import { z } from 'zod';
import { usernameAsTyped } from './username.shared';
import { areaContract, channel, chosen, empty, id, requiredText, ROLES } from '../contract';
import type { KeysRotated, RecoverySheetCheck, SessionInfo, SetupStatus, UserChanged, UserInfo, UserRow, KeyStatus } from './types.shared';

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
