import type { KeysRotated } from '../../../../electron/core/auth/types.shared';
import { revealOnMount } from '../../kit/reveal';
import { RecoveryKeyCard } from './RecoveryKeyCard';

/**
 * What a rotation (停用, 更换密钥, a due one at sign-in) did, said once: the coordinator's old password is void, whose
 * password no longer opens the new key (the coordinator resets it, face to face: a keyring put back from a leaver's
 * copy would still take the old one; session 21 attack run, R1), and the new recovery key, shown only here.
 */
export function RotationResult({
  result,
  office,
  onDone,
  doneLabel,
}: {
  result: KeysRotated;
  office: string;
  onDone: () => void;
  /** The recovery sheet's last button, where it goes (RecoveryKeyCard's default: 进入台账, as at a sign-in). */
  doneLabel?: string;
}) {
  const names = result.needsNewPassword;
  return (
    <section className="notice" role="dialog" aria-label="密钥已更换" ref={revealOnMount}>
      {result.rotated ? (
        <p role="status" aria-label="您的新密码">
          密钥已更换。从现在起请用新密码登录，原来的密码已作废。
        </p>
      ) : (
        <p>暂时还不能更换密钥（见下面「密钥」里的说明），您的密码也没有改。统筹负责人下次登录时会先设置新密码，密钥随即更换。</p>
      )}
      {result.unfinished && (
        <p role="alert" aria-label="收尾未完成">
          {result.unfinished}
        </p>
      )}
      {result.keyHistoryRestarted && (
        <p role="status" aria-label="旧密钥记录">
          {result.keyHistoryRestarted}
        </p>
      )}
      {names.length > 0 && (
        <p role="status" aria-label="需重设密码">
          {names.join('、')}
          的密码还打不开新密钥：他们现在登录只能像只读查看那样使用（号码打码），用户列表里显示「在用（需重设密码）」。请当面为他们重设密码；在此之前请他们不要用原来的密码登录。
          重设时在用户列表里点「重设密码」，把新的初始密码当面交给本人。
        </p>
      )}
      {result.recoveryKey ? (
        <>
          <p>恢复密钥也换成了下面这一张：原来那张从此打不开台账。请把原来那张当场销毁：万一有人把台账文件换回更换前的旧副本，它还能打开那份旧副本。</p>
          <RecoveryKeyCard office={office} recoveryKey={result.recoveryKey} onDone={onDone} {...(doneLabel ? { doneLabel } : {})} />
        </>
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={onDone}>
            知道了
          </button>
        </div>
      )}
    </section>
  );
}
