import { useState, type FormEvent } from 'react';
import { call, errorMessage } from '../../api/client';
import { useT } from '../../i18n';
import { Field } from '../../kit/Field';

/** First run: office name and the first coordinator, then the recovery key, shown once. */
export function SetupWizard({ onDone }: { onDone: () => void }) {
  const { t } = useT();
  const [office, setOffice] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== password2) return setError(t('setup.mismatch'));
    setBusy(true);
    setError(null);
    try {
      const r = await call('setup.init', { office: { name: office }, admin: { username, displayName, password } });
      setRecoveryKey(r.recoveryKey);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (recoveryKey) {
    return (
      <main className="auth-card recovery">
        <h1>{t('recovery.title')}</h1>
        <p>{t('recovery.why')}</p>
        <p className="recovery-office">{office}</p>
        <output className="recovery-key" aria-label={t('recover.key')}>
          {recoveryKey}
        </output>
        <div className="actions no-print">
          <button type="button" onClick={() => window.print()}>
            {t('recovery.print')}
          </button>
          <button type="button" className="primary" onClick={onDone}>
            {t('recovery.done')}
          </button>
        </div>
      </main>
    );
  }

  return (
    <main className="auth-card">
      <h1>{t('setup.title')}</h1>
      <form onSubmit={(e) => void submit(e)}>
        <Field label={t('setup.office')} value={office} onChange={(e) => setOffice(e.target.value)} placeholder="例如：某某街道办事处" required />
        <Field label={t('setup.adminName')} value={displayName} onChange={(e) => setDisplayName(e.target.value)} required />
        <Field label={t('setup.username')} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required />
        <Field label={t('setup.password')} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" required />
        <Field label={t('setup.password2')} type="password" value={password2} onChange={(e) => setPassword2(e.target.value)} autoComplete="new-password" required />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('setup.create')}
        </button>
      </form>
    </main>
  );
}
