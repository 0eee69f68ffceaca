import { useState } from 'react';
import type { ConfirmedByNotice as Notice, RecoverySheetCheck } from '../../../../electron/core/auth/contract';
import { call, errorMessage } from '../../api/client';
import { Field } from '../../kit/Field';

/**
 * A coordinator confirmed on 设置 › 用户 by someone else (SessionInfo.confirmedBy; issue 19, CR1-U2): who confirmed
 * them, who confirmed first with the recovery key and who is listed, in the core's words, with 用恢复密钥核对 (the one
 * tell that does not rest on rows the confirming person could write). On the first-password screen it stands above
 * the form (no acknowledgement yet: nothing but the password change and the check opens there); above every screen
 * after, until 我已看过 (`onSeen`, auth.acknowledgeConfirmation).
 */
export function ConfirmedByNotice({ notice, onSeen }: { notice: Notice; onSeen?: () => void }) {
  const [recoveryKey, setRecoveryKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RecoverySheetCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const check = () => {
    setBusy(true);
    setError(null);
    setResult(null);
    void call('auth.checkRecoveryKey', { recoveryKey })
      .then(setResult)
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  const seen = () => {
    setError(null);
    void call('auth.acknowledgeConfirmation', {})
      .then(() => onSeen?.())
      .catch((e: unknown) => setError(errorMessage(e)));
  };
  return (
    <section className="notice confirmed-by" aria-label="统筹负责人确认提示">
      <p role="status">{notice.message}</p>
      <form className="toolbar" aria-label="用恢复密钥核对" onSubmit={(e) => (e.preventDefault(), check())}>
        <Field label="恢复密钥" value={recoveryKey} onChange={(e) => setRecoveryKey(e.target.value)} autoComplete="off" spellCheck={false} required />
        <button type="submit" disabled={busy}>
          {busy ? '正在核对…' : '用恢复密钥核对'}
        </button>
        {onSeen && (
          <button type="button" className="primary" onClick={seen}>
            我已看过
          </button>
        )}
      </form>
      {!onSeen && <p className="field-note">设好自己的密码后，这条提示还会显示在台账上方，直到您点「我已看过」。</p>}
      {result && (
        <p className={result.opens ? 'ok' : 'error'} role={result.opens ? 'status' : 'alert'} aria-label="核对结果">
          {result.message}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
