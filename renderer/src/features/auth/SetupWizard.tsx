import { useState, type FormEvent } from 'react';
import { call, errorMessage } from '../../api/client';
import { Field } from '../../kit/Field';
import { RecoveryKeyCard } from './RecoveryKeyCard';

/** What the login name is for and what to choose: asked once, kept for good (users.update cannot change it). */
const USERNAME_NOTE =
  '每次解锁台账时填写，操作日志按它记下每一步是谁做的；建议用姓名拼音，如 wangjg（2–32 个字母、数字或汉字，不分大小写），建好后不能修改。录入员和只读查看的账号以后在「设置 › 用户」里另建。';

/** First run: office name and the first coordinator, then the recovery key, shown once. */
export function SetupWizard({ onDone }: { onDone: () => void }) {
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
    if (password !== password2) return setError('两次输入的密码不一致');
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

  if (recoveryKey) return <RecoveryKeyCard office={office} recoveryKey={recoveryKey} onDone={onDone} standalone />;

  return (
    <main className="auth-card">
      <h1>首次使用：建立本街道的台账</h1>
      <form onSubmit={(e) => void submit(e)}>
        <Field label="街道办事处名称" value={office} onChange={(e) => setOffice(e.target.value)} placeholder="例如：某某街道办事处" required />
        <Field label="您的姓名" value={displayName} onChange={(e) => setDisplayName(e.target.value)} required />
        <Field label="登录用户名" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required note={USERNAME_NOTE} />
        <Field
          label="密码（至少 8 位）"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
          minLength={8}
          required
        />
        <Field
          label="再输一次密码"
          type="password"
          value={password2}
          onChange={(e) => setPassword2(e.target.value)}
          autoComplete="new-password"
          minLength={8}
          required
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          建立台账
        </button>
      </form>
    </main>
  );
}
