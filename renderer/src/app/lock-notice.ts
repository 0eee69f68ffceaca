/**
 * What the lock screen says when the core locked this window (a `locked` event): idle, or ended by another window's
 * change to this user (electron/core/auth/user-handlers.ts endSessionsOf). Locked by hand: nothing to say.
 */
import type { LockReason } from '../../../electron/core/api';

export const LOCK_NOTICES: Record<LockReason, string | null> = {
  idle: '长时间未操作，台账已自动锁定。',
  manual: null,
  'user-disabled': '您的账号已被停用。',
  'password-reset': '统筹负责人为您重设了密码，这个窗口已锁定。请用统筹负责人告诉您的新密码解锁。',
  'password-recovered': '有人在另一个窗口用恢复密钥为您的账号设置了新密码，这个窗口已锁定。请用新密码解锁；如果不是您本人，请立即告诉统筹负责人。',
  'role-changed': '统筹负责人更改了您的角色，这个窗口已锁定。请重新输入密码解锁。',
};
