import { ROLE_LABELS } from '../../../../electron/core/contract';
import { useSession } from '../../kit/session-context';
import { PasswordChangeForm } from './PasswordChangeForm';
import { ROLE_CAN } from './role-can';

/** 我的账号, for every role: who is signed in, what the role may do, and the password change. */
export function AccountPanel() {
  const { user } = useSession();
  return (
    <div className="panel">
      <h2>
        {user.displayName}（用户名 {user.username}，{ROLE_LABELS[user.role]}）
      </h2>
      <p aria-label="我的权限">{ROLE_CAN[user.role]}</p>
      <h2>修改密码</h2>
      <p className="field-note">统筹负责人为您设置的初始密码，第一次解锁时已改成只有您自己知道的密码；以后想换，在这里修改。</p>
      <PasswordChangeForm oldLabel="原密码" submitLabel="修改密码" />
    </div>
  );
}
