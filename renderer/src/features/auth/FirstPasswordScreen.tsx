import type { SessionInfo } from '../../../../electron/core/auth/types.shared';
import { ROLE_LABELS } from '../../../../electron/core/contract';
import { call } from '../../api/client';
import { PasswordChangeForm } from './PasswordChangeForm';
import { ConfirmedByNotice } from './ConfirmedByNotice';

/**
 * The first unlock of an account a coordinator made: its password is one someone else knows. Nothing else opens
 * until the user sets their own (the core refuses every other channel with PASSWORD_CHANGE_REQUIRED), but for a
 * coordinator confirmed by someone else the check of the recovery sheet their notice asks for (CR1-U2). A sign-in
 * below its role (a key notice) says so here too, not first after the new password.
 */
export function FirstPasswordScreen({ session, onDone, onLock }: { session: SessionInfo; onDone: (s: SessionInfo) => void; onLock: () => void }) {
  const { user } = session;
  // A clerk whose key a rotation left behind signs in as 只读查看: said as the header says it, and why (the key notice:
  // setting their own password here does not change it; the coordinator's reset does).
  const role = session.keyNotice ? `${ROLE_LABELS[session.keyNotice.role]}，暂按${ROLE_LABELS[user.role]}` : ROLE_LABELS[user.role];
  const done = () => void call('auth.whoami', {}).then((s) => (s ? onDone(s) : onLock()));
  return (
    <main className={session.confirmedBy ? 'auth-card wide' : 'auth-card'} aria-label="设置新密码">
      <h1>设置您自己的密码</h1>
      <p>
        {user.displayName}（用户名 {user.username}，{role}）：
      </p>
      <p className="notice" role="note" aria-label="为什么要改密码">
        这是统筹负责人为您设置的初始密码，请设置只有您自己知道的新密码。改好之前不能使用台账；以后解锁都用新密码。
      </p>
      {session.keyNotice && (
        <p className="notice" role="status" aria-label="敏感信息密钥">
          {session.keyNotice.message}
        </p>
      )}
      {session.confirmedBy && <ConfirmedByNotice notice={session.confirmedBy} />}
      <PasswordChangeForm oldLabel="初始密码（统筹负责人告诉您的）" submitLabel="设置新密码并进入台账" onChanged={done} />
      <button type="button" className="link" onClick={onLock}>
        先锁定，稍后再设
      </button>
    </main>
  );
}
