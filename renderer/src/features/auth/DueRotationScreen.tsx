import { useState } from 'react';
import type { KeysRotated, SessionInfo } from '../../../../electron/core/auth/types.shared';
import { call, errorMessage } from '../../api/client';
import { Message } from '../../kit/Message';
import { NO_ROTATION_PASSWORDS, RotationPasswordFields } from './RotationPasswordFields';
import { RotationResult } from './RotationResult';

/**
 * A coordinator's sign-in while a rotation is left due (an account was disabled or made 只读查看 when it could not
 * run yet): every rotation ends on a new password, so the sign-in stops here and nothing else opens (the core refuses
 * every other channel) until they set one; the rotation runs with it (auth.finishRotation) and says what it did.
 */
export function DueRotationScreen({ session, onDone, onLock }: { session: SessionInfo; onDone: (s: SessionInfo) => void; onLock: () => void }) {
  const [passwords, setPasswords] = useState(NO_ROTATION_PASSWORDS);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [result, setResult] = useState<KeysRotated | null>(null);
  const done = () => void call('auth.whoami', {}).then((s) => (s ? onDone(s) : onLock()));
  if (result)
    return (
      // Wide: the recovery key's card sits inside (a 460 px card in a 460 px card cut its groups at the sides).
      <main className="auth-card wide" aria-label="密钥已更换">
        <RotationResult result={result} office={session.officeName} onDone={done} />
      </main>
    );
  const submit = () => {
    setMsg(null);
    void call('auth.finishRotation', passwords)
      .then(setResult)
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
  };
  return (
    <main className="auth-card" aria-label="设置新密码">
      <h1>设置新密码，更换密钥</h1>
      <p className="notice" role="note" aria-label="为什么要设新密码">
        台账需要更换密钥（{session.rotationDue?.reason}
        ），上次没能立即更换。请再输入一次您现在的密码，并设一个新密码：密钥随即更换，从此用新密码登录，原来的密码作废。设好之前不能使用台账。数据多时需要几秒到一分钟。
      </p>
      <form onSubmit={(e) => (e.preventDefault(), submit())}>
        <RotationPasswordFields value={passwords} onChange={setPasswords} />
        <div className="actions">
          <button className="primary" type="submit">
            设置新密码并更换密钥
          </button>
        </div>
      </form>
      <Message msg={msg} />
      <button type="button" className="link" onClick={onLock}>
        先锁定，稍后再设
      </button>
    </main>
  );
}
