import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../../electron/core/auth/contract';
import { call, errorMessage } from '../../api/client';
import { useT } from '../../i18n';
import { Field } from '../../kit/Field';

export function UnlockScreen({ onUnlocked, notice }: { onUnlocked: (s: SessionInfo) => void; notice: string | null }) {
  const { t } = useT();
  const [mode, setMode] = useState<'password' | 'recover'>('password');
  const [username, setUsername] = useState(() => localStorage.getItem('taizhang-last-user') ?? '');
  const [password, setPassword] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = mode === 'password' ? await call('auth.unlock', { username, password }) : await call('auth.recover', { username, recoveryKey, newPassword: password });
      localStorage.setItem('taizhang-last-user', username);
      onUnlocked(s);
    } catch (err) {
      setError(errorMessage(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth-card">
      <h1>{mode === 'password' ? t('unlock.title') : t('recover.title')}</h1>
      {notice && <p className="notice">{notice}</p>}
      <form onSubmit={(e) => void submit(e)}>
        <Field label={t('unlock.username')} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required />
        {mode === 'recover' && <Field label={t('recover.key')} value={recoveryKey} onChange={(e) => setRecoveryKey(e.target.value)} placeholder="XXXX-XXXX-…" required />}
        <Field
          label={mode === 'password' ? t('unlock.password') : t('recover.newPassword')}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete={mode === 'password' ? 'current-password' : 'new-password'}
          autoFocus
          required
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? '正在验证…' : mode === 'password' ? t('unlock.submit') : t('recover.submit')}
        </button>
      </form>
      <button type="button" className="link" onClick={() => (setMode(mode === 'password' ? 'recover' : 'password'), setError(null))}>
        {mode === 'password' ? t('unlock.forgot') : t('recover.back')}
      </button>
    </main>
  );
}
