import type { UserRow as UserInfo } from '../../../../electron/core/auth/types.shared';
import { RotationConfirmForm } from './RotationConfirmForm';
import type { RotationPasswords } from './RotationPasswordFields';

interface Props {
  user: UserInfo;
  onSubmit: (passwords: RotationPasswords) => Promise<unknown>;
  onCancel: () => void;
}

/** Said in both dialogs: what the rotation asks of the coordinator and of the other key holders. */
const KEYS_CHANGE =
  '台账随即更换密钥：请输入您自己的密码确认，并设一个新密码，更换后您用新密码登录，原来的密码作废。其他录入员和统筹负责人要由您当面重设密码后才能查看完整号码（更换后会列出他们）；恢复密钥也换成新的一张，只显示一次，请准备好打印或抄写。';

/** 停用 (users.disable): the account's password stops opening the ledger, and the keys are changed. */
export function DisableDialog({ user, onSubmit, onCancel }: Props) {
  return (
    <RotationConfirmForm label="确认停用" confirm="确认停用" onSubmit={onSubmit} onCancel={onCancel}>
      <p>
        停用「{user.displayName}」（用户名 {user.username}）后，这个账号的密码不能再打开台账。以后需要时可以为他另建账号。
      </p>
      <p>{KEYS_CHANGE}</p>
    </RotationConfirmForm>
  );
}

/**
 * 改为只读查看 (users.update with role 'viewer'): they knew the keys, so the keys are changed as for 停用
 * (electron/core/README.md "Rotation"); they keep signing in, with masked numbers only.
 */
export function DemoteDialog({ user, onSubmit, onCancel }: Props) {
  return (
    <RotationConfirmForm label="改为只读查看" confirm="确认改为只读查看" onSubmit={onSubmit} onCancel={onCancel}>
      <p>
        把「{user.displayName}」（用户名 {user.username}
        ）改为只读查看后，他还能用自己的密码登录，但身份证号和电话只能看到打码的，不能登记或修改；他正开着的窗口会被锁定。
      </p>
      <p>{KEYS_CHANGE}</p>
    </RotationConfirmForm>
  );
}
