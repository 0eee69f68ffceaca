import type { SessionInfo } from '../../../../electron/core/auth/contract';
import { ROLE_LABELS } from '../../../../electron/core/contract';
import { call } from '../../api/client';
import { PasswordChangeForm } from './PasswordChangeForm';
import { ConfirmedByNotice } from './ConfirmedByNotice';

/**
 * The first unlock of an account a coordinator made: its password is one someone else knows. Nothing else opens
 * until the user sets their own (the core refuses every other channel with PASSWORD_CHANGE_REQUIRED), but for a
 * coordinator confirmed by someone else the check of the recovery sheet their notice asks for (CR1-U2).
 */
export function FirstPasswordScreen({ session, onDone, onLock }: { session: SessionInfo; onDone: (s: SessionInfo) => void; onLock: () => void }) {
  const { user } = session;
  const done = () => void call('auth.whoami', {}).then((s) => (s ? onDone(s) : onLock()));
  return (
    <main className={session.confirmedBy ? 'auth-card wide' : 'auth-card'} aria-label="设置新密码">
      <h1>设置您自己的密码</h1>
      <p>
        {user.displayName}（用户名 {user.username}，{ROLE_LABELS[user.role]}）：
      </p>
      <p className="notice" role="note" aria-label="为什么要改密码">
        这是统筹负责人为您设置的初始密码，请设置只有您自己知道的新密码。改好之前不能使用台账；以后解锁都用新密码。
      </p>
      {session.confirmedBy && <ConfirmedByNotice notice={session.confirmedBy} />}
      <PasswordChangeForm oldLabel="初始密码（统筹负责人告诉您的）" submitLabel="设置新密码并进入台账" onChanged={done} />
      <button type="button" className="link" onClick={onLock}>
        先锁定，稍后再设
      </button>
    </main>
  );
}
