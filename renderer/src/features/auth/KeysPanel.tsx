import { useContext, useState } from 'react';
import type { KeysRotated } from '../../../../electron/core/auth/types.shared';
import { ROLE_LABELS } from '../../../../electron/core/contract';
import { RECOVERY_NOTICE_NAME } from '../../../../electron/core/auth/recovery-notice.shared';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { SessionUpdateCtx } from '../../kit/session-context';
import { formatInstant } from '../../kit/datetime';
import { revealAtTop } from '../../kit/reveal';
import { RecoverySheetCheck } from './RecoverySheetCheck';
import { KeysRotationDialog, type KeysDoor } from './KeysRotationDialog';

/**
 * 设置 → 用户, below the users: the state of the keys (an old recovery key,
 * users not signed in since the upgrade, a rotation left due, slots whose key
 * was changed, a recovery slot a rotation dropped: each as what the program
 * found and what to do; a key history that does not open, S34-A5), and its two doors into the rotation, 「更换密钥」 and
 * 「生成新的恢复密钥」 (KeysRotationDialog), each with what it does in plain words. `reveal`: opened by a link to it
 * (a sign-in notice), brought to the top of the window.
 */
export function KeysPanel({ onRotated, reveal = false }: { onRotated: (r: KeysRotated) => void; reveal?: boolean }) {
  const status = useQuery('users.keyStatus', {});
  const [confirming, setConfirming] = useState<KeysDoor | null>(null);
  // The sign-in notices a rotation settles (a void recovery sheet, a key history started afresh) go with it.
  const update = useContext(SessionUpdateCtx);
  const rotated = (r: KeysRotated) => {
    setConfirming(null);
    onRotated(r);
    void call('auth.whoami', {}).then((next) => next && update(next));
  };
  const s = status.data;
  if (!s) return null;
  // A recovery slot the program cannot vouch for: checked with the sheet first, here at the top (one form, not two).
  const checkFirst = s.recoverySlotAltered && !s.recoveryChanged;
  const recoveryButton = confirming === null && (
    <button type="button" onClick={() => setConfirming('recovery')}>
      生成新的恢复密钥
    </button>
  );
  return (
    <section className="panel" aria-label="密钥" ref={reveal ? revealAtTop : undefined}>
      <h3>密钥</h3>
      {s.changedUsers.length > 0 && (
        <p className="notice" role="status">
          程序发现：{s.changedUsers.join('、')}{' '}
          在密钥文件里的那一项被改动过，不是持有密钥的人核实过的那一把（通常是有人直接改了台账文件夹里的密钥文件）。程序不会把敏感信息密钥交给它，更换密钥时会去掉它。请在上面的用户列表里为
          {s.changedUsers.length > 1 ? '他们' : '这位用户'}重设密码，再请其用新密码登录。
        </p>
      )}
      {s.unverifiedUsers.length > 0 && (
        <p className="notice" role="status">
          程序发现：{s.unverifiedUsers.join('、')} 在密钥文件里的那一项是在没有敏感信息密钥的情况下新建的（例如程序升级后，您先登录、
          {s.unverifiedUsers.length > 1 ? '他们' : '这位用户'}
          后登录），持有密钥的人没有核实过它：程序分不清是本人建的，还是有人改了台账文件夹里的密钥文件，所以还没有把敏感信息密钥交给
          {s.unverifiedUsers.length > 1 ? '他们' : '这位用户'}，登录后只能只读查看。请当面确认是本人后，在上面的用户列表里为
          {s.unverifiedUsers.length > 1 ? '他们' : '这位用户'}重设密码，再请其用新密码登录。
        </p>
      )}
      {s.unvouchedRoles.length > 0 && (
        <p className="notice" role="status">
          程序发现：{s.unvouchedRoles.map((u) => `${u.name}（${ROLE_LABELS[u.role]}）`).join('、')}{' '}
          的角色不是持有密钥的统筹负责人设定的，可能有人直接改了台账文件。程序只按只读查看对待，不会把敏感信息密钥交给这个账号。如果不是您设的，请在上面的用户列表里停用这个账号（停用后程序会更换密钥），并到「操作日志」核对；不要为它重设密码：重设密码会让这个角色生效。
        </p>
      )}
      {s.recoveryChanged && (
        <p className="notice" role="status">
          程序发现：密钥文件里恢复密钥那一项被改动过，不是持有密钥的人核实过的那一把。程序不会把敏感信息密钥交给它，更换密钥时会去掉它，之后那张恢复密钥就打不开台账了。请生成新的恢复密钥，打印后锁好，旧的那张作废。{' '}
          {recoveryButton}
        </p>
      )}
      {!s.recoveryExists && (
        <p className="notice" role="status">
          程序发现：密钥文件里已经没有恢复密钥那一项，原来那张恢复密钥打不开台账了（更换密钥时，没有经过核实的恢复密钥会被去掉）。忘记密码时将无法找回，请生成新的恢复密钥，打印后锁好。{' '}
          {recoveryButton}
        </p>
      )}
      {s.recoveryExists && !s.recoveryHoldsSensitive && !s.recoveryChanged && (
        <p className="notice" role="status">
          恢复密钥是旧版本生成的：它还能打开台账，但解不开加密保存的身份证号、电话、牺牲人员记录等。请生成新的恢复密钥，打印后锁好，旧的那张作废。
        </p>
      )}
      {s.recoveryMissedRotation && !s.recoveryChanged && (
        <p className="notice" role="status">
          上次更换密钥是统筹负责人登录时自动完成的，没能显示新的恢复密钥：原来那张恢复密钥现在只能打开台账，解不开加密保存的身份证号、电话等。请生成新的恢复密钥，打印后锁好，旧的那张作废。{' '}
          {recoveryButton}
        </p>
      )}
      {s.recoveryGaveNoKey && !s.recoveryChanged && !s.recoveryMissedRotation && (
        <p className="notice" role="status" aria-label="恢复密钥没能交出敏感信息密钥">
          上次用恢复密钥重设密码时，恢复密钥没能交出敏感信息密钥（它是在没有这把密钥时生成的，或它在密钥文件里的那一项被改动过）：这张恢复密钥只能打开台账，解不开加密保存的身份证号、电话等，用它重设密码的人登录后只能只读查看。请生成新的恢复密钥，打印后锁好，旧的那张作废；并在上面的用户列表里为用它重设过密码的人重设密码。{' '}
          {recoveryButton}
        </p>
      )}
      {/* The two ways on, side by side under the words (before: 用恢复密钥核对 at the panel's foot, 772–852 px down
          under the users' list, out of a 1366×678 window; and the words sent the coordinator to the screen they were on). */}
      {checkFirst && (
        <div className="notice">
          <p role="alert" aria-label={RECOVERY_NOTICE_NAME.altered}>
            程序无法确认密钥文件里恢复密钥那一项还是程序上次记下的那一项：它（或记着它的操作日志锚点）可能在程序之外被改动过，也可能是程序上次没有正常结束。改动过的恢复密钥可能打不开台账，所有统筹负责人都忘记密码时将无法找回。
            <br />
            请先在下面输入本单位保管的那张恢复密钥，点「用恢复密钥核对」；核对不通过，或找不到那张，就点「生成新的恢复密钥」，打印后锁好，旧的那张作废。
          </p>
          <RecoverySheetCheck>{recoveryButton}</RecoverySheetCheck>
        </div>
      )}
      {s.recoverySheetUnseen && (
        <p className="notice" role="alert" aria-label={RECOVERY_NOTICE_NAME.void}>
          {s.recoverySheetUnseen} {s.recoveryExists && !s.recoveryChanged && !s.recoveryMissedRotation && !s.recoveryGaveNoKey && recoveryButton}
        </p>
      )}
      {s.keyHistory && (
        <p className="notice" role="alert" aria-label="旧密钥记录">
          {s.keyHistory.message}
        </p>
      )}
      {s.notSignedInSinceUpgrade.length > 0 && (
        <p className="notice" role="status">
          {s.notSignedInSinceUpgrade.join('、')}{' '}
          自程序升级以来还没有登录过。他们登录一次之前，不能更换密钥，也不能生成新的恢复密钥（它同时更换密钥；否则他们将打不开台账）。
        </p>
      )}
      {s.rotationDue && (
        <p className="notice" role="status">
          需要更换密钥（{s.rotationDue.reason}，{formatInstant(s.rotationDue.since)}
          ）。上面列出的用户登录过一次后，统筹负责人下次登录时会先设置新密码，密钥随即更换。
        </p>
      )}
      <p>{s.lastRotatedAt ? `上次更换密钥：${formatInstant(s.lastRotatedAt)}` : '还没有更换过密钥。'}</p>
      {(!checkFirst || s.coordinatorKeyMadeBy) && (
        <div>
          <p>
            {s.coordinatorKeyMadeBy &&
              `台账升级后，第一位统筹负责人是${s.coordinatorKeyMadeBy.name}（账号 ${s.coordinatorKeyMadeBy.username}），${formatInstant(s.coordinatorKeyMadeBy.at)} 用恢复密钥确认的。`}
            {!checkFirst &&
              '可以随时核对本单位保管的那张恢复密钥：在下面输入，程序只回答它是不是台账现在认的那一张（统筹负责人的身份是用它确认或建立的），什么也不改。核对不通过、而又没有人生成过新的恢复密钥时，说明有人用另一张恢复密钥把自己确认成了统筹负责人，请联系技术支持。'}
          </p>
          {!checkFirst && <RecoverySheetCheck />}
        </div>
      )}
      {confirming && (
        <KeysRotationDialog
          door={confirming}
          keyHistory={s.keyHistory}
          onSubmit={(passwords, dropKeyHistory) => call('users.rotateKeys', { ...passwords, ...(dropKeyHistory ? { dropKeyHistory } : {}) }).then(rotated)}
          onCancel={() => setConfirming(null)}
        />
      )}
      {confirming === null && (
        <div className="actions">
          <button type="button" onClick={() => setConfirming('rotate')}>
            更换密钥
          </button>
          {/* Offered in the notice above when the recovery key no longer works (or never will): once on screen. */}
          {s.recoveryExists && !s.recoveryChanged && !s.recoverySheetUnseen && !checkFirst && recoveryButton}
        </div>
      )}
    </section>
  );
}
