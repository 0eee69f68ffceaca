import type { KeysRotated } from '../../../../electron/core/auth/contract';
import { revealOnMount } from '../../kit/reveal';
import { RecoveryKeyCard } from './RecoveryKeyCard';

/**
 * What a rotation (停用, 更换密钥) did, said once: whose password no longer opens the new key (the coordinator resets
 * it and hands it over), and the new recovery key, which replaced the old one and is shown only here.
 */
export function RotationResult({ result, office, onDone }: { result: KeysRotated; office: string; onDone: () => void }) {
  const names = result.needsNewPassword;
  return (
    <section className="notice" role="dialog" aria-label="密钥已更换" ref={revealOnMount}>
      {result.rotated ? (
        <p>密钥已更换。您的账号已经拿到新密钥，照常使用。</p>
      ) : (
        <p>暂时还不能更换密钥（见下面「密钥」里的说明），统筹负责人下次登录时会自动更换。</p>
      )}
      {names.length > 0 && (
        <p role="status" aria-label="需重设密码">
          {names.join('、')}
          的密码还打不开新密钥。请在用户列表里为{names.length > 1 ? '他们' : '这位用户'}
          点「重设密码」，把新密码当面交给{names.length > 1 ? '他们' : '本人'}
          ，再请其用新密码登录。在此之前，{names.length > 1 ? '他们' : '这位用户'}登录后只能像只读查看账号一样使用：身份证号和电话打码。
        </p>
      )}
      {result.recoveryKey ? (
        <>
          <p>恢复密钥也换成了下面这一张：原来那张从此打不开台账，可以销毁。</p>
          <RecoveryKeyCard office={office} recoveryKey={result.recoveryKey} onDone={onDone} />
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
