import { useState } from 'react';
import type { KeyHistoryFinding } from '../../../../electron/core/auth/types.shared';
import { RotationConfirmForm } from './RotationConfirmForm';
import type { RotationPasswords } from './RotationPasswordFields';

/** The 密钥 panel's two doors into one rotation (users.rotateKeys): 「更换密钥」 and 「生成新的恢复密钥」. */
export type KeysDoor = 'rotate' | 'recovery';

/** What the rotation does, said by both doors. */
const NEW_KEYS = '生成新的数据库密钥和敏感信息密钥：整个台账文件重新加密，加密保存的身份证号、电话等逐项重新加密，每位在用用户的钥匙随之更新。';

/**
 * The dialog of either door: its own title and first sentence, the same passwords and the same account of what the
 * rotation does. 生成新的恢复密钥 is a rotation (S31-A1, docs/security/attack-run-session31.md): a new sheet in
 * today's keyring only left every older copy of the keyring (each backup holds one) opening today's keys with the old
 * sheet, so a lost or seen sheet kept opening the ledger.
 */
export function KeysRotationDialog({
  door,
  keyHistory,
  onSubmit,
  onCancel,
}: {
  door: KeysDoor;
  /** The key history found damaged or missing (KeyStatus.keyHistory): the rotation starts it afresh only when ticked (S34-A5). */
  keyHistory: KeyHistoryFinding | null;
  onSubmit: (passwords: RotationPasswords, dropKeyHistory: boolean) => Promise<unknown>;
  onCancel: () => void;
}) {
  const title = door === 'rotate' ? '确认更换密钥' : '确认生成新的恢复密钥';
  const [dropHistory, setDropHistory] = useState(false);
  return (
    <RotationConfirmForm label={title} confirm={title} onSubmit={(passwords) => onSubmit(passwords, dropHistory)} onCancel={onCancel}>
      {door === 'rotate' ? (
        <p>{`什么时候要更换：怀疑有人知道了您的密码或看到过恢复密钥，或台账文件被人复制走了。更换密钥会为台账${NEW_KEYS}`}</p>
      ) : (
        <p>
          生成新的恢复密钥会同时更换密钥：如果只换恢复密钥，以前复制走的密钥文件（taizhang.keyring.json，每份备份里都有）连同旧的那张，仍能打开现在的台账。所以程序同时为台账
          {NEW_KEYS}之后旧的那张只能打开更换前的旧密钥（以前的备份），打不开现在的台账。
        </p>
      )}
      <p>
        请输入您自己的密码确认，并设一个新密码：更换后您要用新密码登录，原来的密码作废。其他录入员和统筹负责人的密码要由您重设后才能打开新密钥（更换后会列出他们；在此之前他们登录后只能只读查看）。恢复密钥换成新的一张，只显示一次，旧的作废：请准备好打印或抄写。
        旧密钥从此打不开现在的台账：停用的账号或改为只读查看的人，即使留着旧密钥也没有用。
      </p>
      {keyHistory && (
        <p role="alert" aria-label="旧密钥记录">
          注意：旧密钥记录{keyHistory.state === 'damaged' ? '已损坏' : '不见了'}（见「密钥」里的说明）。这次更换会重新开始记录
          {keyHistory.unreadableRows > 0 ? `，上次更换密钥之前的 ${keyHistory.unreadableRows} 条操作日志记录里的原号从此再也无法查看` : ''}
          。想保留它们，请先取消，从备份恢复。{' '}
          <label className="check">
            <input type="checkbox" checked={dropHistory} onChange={(e) => setDropHistory(e.target.checked)} /> 确认重新开始记录旧密钥
          </label>
        </p>
      )}
      <p>以前做的备份不受影响，仍用做备份时的密码或恢复密钥打开；恢复旧备份会连同当时的密钥和账号一起恢复。数据多时需要几秒到一分钟，请不要关闭程序。</p>
    </RotationConfirmForm>
  );
}
