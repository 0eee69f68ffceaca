import { useContext, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { Field } from '../../kit/Field';
import { SessionUpdateCtx } from '../../kit/session-context';
import { OwnPasswordField } from './OwnPasswordField';

/**
 * Under the 'confirm' notice (auth/coordinator-notice.ts): a table 统筹负责人 on a ledger upgraded from a version
 * without the coordinator key confirms once with the recovery key and their own password (auth.confirmCoordinator;
 * issue 19, CR1-U). On success the session is theirs as 统筹负责人 at once; a refusal is said here and nothing changes.
 */
export function ConfirmCoordinatorForm() {
  const update = useContext(SessionUpdateCtx);
  const [recoveryKey, setRecoveryKey] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    setBusy(true);
    setError(null);
    void call('auth.confirmCoordinator', { recoveryKey, password })
      .then(update)
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  return (
    <form className="notice confirm-coordinator" aria-label="确认统筹负责人身份" onSubmit={(e) => (e.preventDefault(), submit())}>
      <div className="toolbar">
        <Field label="恢复密钥" value={recoveryKey} onChange={(e) => setRecoveryKey(e.target.value)} autoComplete="off" spellCheck={false} required />
        <OwnPasswordField value={password} onChange={setPassword} />
        <button className="primary" type="submit" disabled={busy}>
          {busy ? '正在确认…' : '确认统筹负责人身份'}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
