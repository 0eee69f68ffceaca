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
      {/* True for every role: the first coordinator chose their own password; the others changed their initial one at first unlock. */}
      <p className="field-note">密码只有您自己知道，统筹负责人也看不到；想换时在这里修改，下次解锁就用新密码。</p>
      <PasswordChangeForm oldLabel="原密码" submitLabel="修改密码" />
    </div>
  );
}
