import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../../electron/core/auth/types.shared';
import type { LedgerProblem } from '../../../../electron/core/db/ledger-problem.shared';
import { accountKeyWayOf, type AccountKeyWay } from '../../../../electron/core/contract';
import { ApiError, call, errorMessage } from '../../api/client';
import { Field } from '../../kit/Field';

/**
 * An unlock takes a password's scrypt (a fraction of a second). Longer is the first unlock after an update, which
 * migrates the ledger (a 100,000-resident ledger: about 4 s) inside the same call: said, so nobody thinks it hangs.
 */
const SLOW_UNLOCK_MS = 1500;
const UPGRADING = '正在升级台账，请稍候（只在更新后第一次打开时需要）';
/**
 * Ninth attack run, RK1: after a rotation, a put-back copy of the folder opens with the old recovery sheet, and the
 * core catches that only when this PC noted the key retired or a value sealed since is left (auth/put-back.ts). So
 * the screen says it: when the new password and the new recovery key both fail, the old sheet is not the way in.
 */
const PUT_BACK_HINT =
  '更换密钥后，只有当时新发的恢复密钥有效。如果新密码和新的恢复密钥都打不开，台账文件可能被换成了更换密钥前的旧副本：请不要改用旧的恢复密钥或原来的密码，停止使用并从备份恢复（需要时联系技术支持）。';

/**
 * `onRefused`: the password was right but the ledger is refused as damaged (LEDGER_DAMAGED): its message ends 「请从备份恢复」,
 * and the way there is the problem screen's, not this form's. One account's key slot that cannot be opened
 * (ACCOUNT_KEY_DAMAGED, db/slot-damage.ts) is not the ledger's fault: said here, with the way back it names (the
 * recovery key's form one click away when that is the way), and the others go on signing in on this form. When no key
 * is left for it (the only coordinator's, the recovery key's broken too: way 'backup') the way is a backup, opened from
 * the problem screen (`onRefused` with scope 'account': not 台账无法打开, the way back to this form kept).
 */
export function UnlockScreen({
  onUnlocked,
  onRefused,
  notice,
}: {
  onUnlocked: (s: SessionInfo) => void;
  onRefused: (problem: LedgerProblem, scope?: 'ledger' | 'account') => void;
  notice: string | null;
}) {
  const [mode, setMode] = useState<'password' | 'recover'>('password');
  const [username, setUsername] = useState(() => localStorage.getItem('taizhang-last-user') ?? '');
  const [password, setPassword] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [slow, setSlow] = useState(false);
  const [slotDamage, setSlotDamage] = useState<{ message: string; way: AccountKeyWay } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSlotDamage(null);
    const slowTimer = setTimeout(() => setSlow(true), SLOW_UNLOCK_MS);
    try {
      const s =
        mode === 'password' ? await call('auth.unlock', { username, password }) : await call('auth.recover', { username, recoveryKey, newPassword: password });
      localStorage.setItem('taizhang-last-user', username);
      onUnlocked(s);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'LEDGER_DAMAGED') return onRefused({ code: err.code, message: err.message });
      const way = err instanceof ApiError ? accountKeyWayOf(err) : null;
      if (err instanceof ApiError && way) setSlotDamage({ message: err.message, way });
      else setError(errorMessage(err));
      setPassword('');
    } finally {
      clearTimeout(slowTimer);
      setSlow(false);
      setBusy(false);
    }
  }

  return (
    <main className="auth-card">
      <h1>{mode === 'password' ? '解锁台账' : '用恢复密钥重设密码'}</h1>
      {notice && <p className="notice">{notice}</p>}
      <form onSubmit={(e) => void submit(e)}>
        <Field label="用户名" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required />
        {mode === 'recover' && (
          <Field label="恢复密钥" value={recoveryKey} onChange={(e) => setRecoveryKey(e.target.value)} placeholder="XXXX-XXXX-…" required />
        )}
        {mode === 'recover' && (
          <p className="notice" role="note" aria-label="旧的恢复密钥">
            {PUT_BACK_HINT}
          </p>
        )}
        <Field
          label={mode === 'password' ? '密码' : '新密码（至少 8 位）'}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete={mode === 'password' ? 'current-password' : 'new-password'}
          autoFocus
          required
        />
        {busy && slow && (
          <p className="notice" role="status">
            {UPGRADING}
          </p>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {slotDamage && (
          <section className="notice" role="alert" aria-label="这个账号的密钥无法打开">
            <h2>这个账号的密钥无法打开</h2>
            <p>{slotDamage.message}</p>
            {mode === 'password' && (slotDamage.way === 'recovery' || slotDamage.way === 'either') && (
              <button type="button" onClick={() => (setMode('recover'), setSlotDamage(null))}>
                用恢复密钥重设密码
              </button>
            )}
            {slotDamage.way === 'backup' && (
              <button type="button" className="primary" onClick={() => onRefused({ code: 'LEDGER_DAMAGED', message: slotDamage.message }, 'account')}>
                从备份打开台账
              </button>
            )}
          </section>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? '正在验证…' : mode === 'password' ? '解锁' : '重设密码并解锁'}
        </button>
      </form>
      <button type="button" className="link" onClick={() => (setMode(mode === 'password' ? 'recover' : 'password'), setError(null), setSlotDamage(null))}>
        {mode === 'password' ? '忘记密码？用恢复密钥' : '返回'}
      </button>
    </main>
  );
}
