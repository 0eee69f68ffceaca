import { useState } from 'react';
import type { KeysRotated } from '../../../../electron/core/auth/contract';
import { ROLE_LABELS } from '../../../../electron/core/contract';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { formatInstant } from '../../kit/datetime';
import { Message, useRunner } from '../../kit/Message';
import { useSession } from '../../kit/session-context';
import { NO_ROTATION_PASSWORDS, RotationPasswordFields } from './RotationPasswordFields';
import { RecoveryKeyCard } from './RecoveryKeyCard';
import { RecoverySheetCheck } from './RecoverySheetCheck';
import { revealOnMount } from '../../kit/reveal';

/**
 * 设置 → 用户, below the users: the state of the keys (an old recovery key,
 * users not signed in since the upgrade, a rotation left due, slots whose key
 * was changed, a recovery slot a rotation dropped: each as what the program
 * found and what to do), a new recovery key shown once, and 「更换密钥」 with
 * what it does in plain words.
 */
export function KeysPanel({ onRotated }: { onRotated: (r: KeysRotated) => void }) {
  const status = useQuery('users.keyStatus', {});
  const session = useSession();
  const { msg, run } = useRunner(status.reload);
  const [confirming, setConfirming] = useState<'rotate' | 'recovery' | null>(null);
  const [newKey, setNewKey] = useState<string | null>(null);
  const [passwords, setPasswords] = useState(NO_ROTATION_PASSWORDS);
  const s = status.data;
  if (newKey) return <RecoveryKeyCard office={session.officeName} recoveryKey={newKey} onDone={() => (setNewKey(null), status.reload())} />;
  if (!s) return null;
  const recoveryButton = confirming === null && (
    <button type="button" onClick={() => setConfirming('recovery')}>
      生成新的恢复密钥
    </button>
  );
  return (
    <section className="panel" aria-label="密钥">
      <h3>密钥</h3>
      {s.changedUsers.length > 0 && (
        <p className="notice" role="status">
          程序发现：{s.changedUsers.join('、')}{' '}
          的密钥槽被改动过，不是持有密钥的人核实过的那一把（通常是有人直接改了台账文件夹里的密钥文件）。程序不会把敏感信息密钥交给它，更换密钥时会去掉它。请在上面的用户列表里为
          {s.changedUsers.length > 1 ? '他们' : '这位用户'}重设密码，再请其用新密码登录。
        </p>
      )}
      {s.unverifiedUsers.length > 0 && (
        <p className="notice" role="status">
          程序发现：{s.unverifiedUsers.join('、')} 的密钥槽是在没有敏感信息密钥的情况下新建的（例如程序升级后，您先登录、
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
          程序发现：恢复密钥的密钥槽被改动过，不是持有密钥的人核实过的那一把。程序不会把敏感信息密钥交给它，更换密钥时会去掉它，之后那张恢复密钥就打不开台账了。请生成新的恢复密钥，打印后锁好，旧的那张作废。{' '}
          {recoveryButton}
        </p>
      )}
      {!s.recoveryExists && (
        <p className="notice" role="status">
          程序发现：台账里已经没有恢复密钥的密钥槽，原来那张恢复密钥打不开台账了（更换密钥时，没有经过核实的恢复密钥会被去掉）。忘记密码时将无法找回，请生成新的恢复密钥，打印后锁好。{' '}
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
          上次用恢复密钥重设密码时，恢复密钥没能交出敏感信息密钥（它是在没有这把密钥时生成的，或它的密钥槽被改动过）：这张恢复密钥只能打开台账，解不开加密保存的身份证号、电话等，用它重设密码的人登录后只能只读查看。请生成新的恢复密钥，打印后锁好，旧的那张作废；并在上面的用户列表里为用它重设过密码的人重设密码。{' '}
          {recoveryButton}
        </p>
      )}
      {s.notSignedInSinceUpgrade.length > 0 && (
        <p className="notice" role="status">
          {s.notSignedInSinceUpgrade.join('、')} 自程序升级以来还没有登录过。他们登录一次之前，不能更换密钥（否则他们将打不开台账）。
        </p>
      )}
      {s.rotationDue && (
        <p className="notice" role="status">
          需要更换密钥（{s.rotationDue.reason}，{formatInstant(s.rotationDue.since)}
          ）。上面列出的用户登录过一次后，统筹负责人下次登录时会先设置新密码，密钥随即更换。
        </p>
      )}
      <p>{s.lastRotatedAt ? `上次更换密钥：${formatInstant(s.lastRotatedAt)}` : '还没有更换过密钥。'}</p>
      <div>
        <p>
          {s.coordinatorKeyMadeBy &&
            `台账升级后，第一位统筹负责人是${s.coordinatorKeyMadeBy.name}（账号 ${s.coordinatorKeyMadeBy.username}），${formatInstant(s.coordinatorKeyMadeBy.at)} 用恢复密钥确认的。`}
          可以随时用本单位保管的恢复密钥核对：程序只说它能不能打开统筹负责人密钥出自的恢复密钥槽，什么也不改。核对不通过而又没有人生成过新的恢复密钥时，说明有人用另一张恢复密钥把自己确认成了统筹负责人，请联系技术支持。
        </p>
        <RecoverySheetCheck />
      </div>
      <Message msg={msg} />
      {confirming === 'rotate' && (
        <form
          className="notice"
          role="dialog"
          aria-label="确认更换密钥"
          ref={revealOnMount}
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              call('users.rotateKeys', passwords).then((r) => (setConfirming(null), setPasswords(NO_ROTATION_PASSWORDS), onRotated(r))),
              '密钥已更换。',
            );
          }}
        >
          <p>更换密钥会为台账生成新的数据库密钥和敏感信息密钥：整个台账文件重新加密，加密保存的身份证号、电话等逐项重新加密，每位在用用户的钥匙随之更新。</p>
          <p>
            请输入您自己的密码确认，并设一个新密码：更换后您要用新密码登录，原来的密码作废。其他录入员和统筹负责人的密码要由您重设后才能打开新密钥（更换后会列出他们；在此之前他们登录后只能只读查看）。恢复密钥换成新的一张，只显示一次，旧的作废：请准备好打印或抄写。
            旧密钥从此打不开现在的台账：停用的账号或改为只读查看的人，即使留着旧密钥也没有用。
          </p>
          <p>以前做的备份不受影响，仍用做备份时的密码打开；恢复旧备份会连同当时的密钥和账号一起恢复。数据多时需要几秒到一分钟，请不要关闭程序。</p>
          <RotationPasswordFields value={passwords} onChange={setPasswords} />
          <div className="actions">
            <button type="submit" className="primary">
              确认更换密钥
            </button>
            <button type="button" onClick={() => (setConfirming(null), setPasswords(NO_ROTATION_PASSWORDS))}>
              取消
            </button>
          </div>
        </form>
      )}
      {confirming === 'recovery' && (
        <div className="notice" role="dialog" aria-label="确认生成新的恢复密钥" ref={revealOnMount}>
          <p>新的恢复密钥只显示一次，请准备好打印或抄写。</p>
          {/* S31-A1: the keys stay the same, so any older copy of the keyring (every backup holds one) still opens today's ledger with the old sheet. */}
          <p>
            生成后，台账文件夹里的旧恢复密钥打不开台账了；但数据库密钥和敏感信息密钥不变：留着以前的密钥文件（taizhang.keyring.json，每份备份里都有）的人，仍能用旧的那张打开现在的台账，包括加密保存的身份证号、电话。旧的那张丢失或被人看到时，请取消，改用「更换密钥」：它同样换发新的恢复密钥，并让旧的那张打不开现在的台账。
          </p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => (
                setConfirming(null),
                void run(
                  call('users.newRecoveryKey', {}).then((r) => setNewKey(r.recoveryKey)),
                  '已生成新的恢复密钥。',
                )
              )}
            >
              生成并显示
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              取消
            </button>
          </div>
        </div>
      )}
      {confirming === null && (
        <div className="actions">
          <button type="button" onClick={() => setConfirming('rotate')}>
            更换密钥
          </button>
          {/* Offered in the notice above when the recovery key no longer works (or never will): once on screen. */}
          {s.recoveryExists && !s.recoveryChanged && recoveryButton}
        </div>
      )}
    </section>
  );
}
