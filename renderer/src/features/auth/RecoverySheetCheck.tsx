import { useState, type ReactNode } from 'react';
import type { RecoverySheetCheck as Result } from '../../../../electron/core/auth/types.shared';
import { call, errorMessage } from '../../api/client';
import { Field } from '../../kit/Field';

/**
 * 用恢复密钥核对 (auth.checkRecoveryKey; issue 19, CR1-U2): whether the office's sheet opens the recovery slot the
 * coordinator key came from. Writes nothing; a sheet that does not open waits as a wrong recovery key does. Under a
 * confirmed coordinator's notice (ConfirmedByNotice) and on 设置 › 用户 › 密钥. `children`: more buttons in its row.
 */
export function RecoverySheetCheck({ children }: { children?: ReactNode }) {
  const [recoveryKey, setRecoveryKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
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
  return (
    <>
      <form className="toolbar recovery-check" aria-label="用恢复密钥核对" onSubmit={(e) => (e.preventDefault(), check())}>
        <Field label="恢复密钥" value={recoveryKey} onChange={(e) => setRecoveryKey(e.target.value)} autoComplete="off" spellCheck={false} required />
        <button type="submit" disabled={busy}>
          {busy ? '正在核对…' : '用恢复密钥核对'}
        </button>
        {children}
      </form>
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
    </>
  );
}
