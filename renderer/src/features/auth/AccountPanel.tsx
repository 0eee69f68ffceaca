import { useState } from 'react';
import { ROLE_LABELS } from '../../../../electron/core/contract';
import { call } from '../../api/client';
import { Field } from '../../kit/Field';
import { Message, useRunner } from '../../kit/Message';
import { useSession } from '../../kit/session-context';
import { ROLE_CAN } from './role-can';

/**
 * 我的账号, for every role: who is signed in, what the role may do, and the password change. A clerk or viewer
 * starts with the initial password the coordinator told them; this is where it becomes their own (auth.changePassword:
 * their own key slot rewrapped, nothing else changes).
 */
export function AccountPanel() {
  const { user } = useSession();
  const [form, setForm] = useState({ oldPassword: '', newPassword: '', again: '' });
  const { msg, run, setMsg } = useRunner();
  const submit = () => {
    if (form.newPassword !== form.again) return setMsg({ ok: false, text: '两次输入的新密码不一致，密码没有修改。' });
    void run(call('auth.changePassword', { oldPassword: form.oldPassword, newPassword: form.newPassword }), '密码已修改。下次解锁请用新密码。').then(
      (ok) => ok && setForm({ oldPassword: '', newPassword: '', again: '' }),
    );
  };
  return (
    <div className="panel">
      <h2>
        {user.displayName}（用户名 {user.username}，{ROLE_LABELS[user.role]}）
      </h2>
      <p aria-label="我的权限">{ROLE_CAN[user.role]}</p>
      <h2>修改密码</h2>
      <p className="field-note">第一次用统筹负责人告诉您的初始密码解锁后，请在这里改成只有自己知道的密码。</p>
      <form className="toolbar" aria-label="修改密码" onSubmit={(e) => (e.preventDefault(), submit())}>
        <Field
          label="原密码"
          type="password"
          autoComplete="current-password"
          value={form.oldPassword}
          onChange={(e) => setForm({ ...form, oldPassword: e.target.value })}
          required
        />
        <Field
          label="新密码（至少 8 位）"
          type="password"
          autoComplete="new-password"
          minLength={8}
          value={form.newPassword}
          onChange={(e) => setForm({ ...form, newPassword: e.target.value })}
          required
        />
        <Field
          label="再输一次新密码"
          type="password"
          autoComplete="new-password"
          minLength={8}
          value={form.again}
          onChange={(e) => setForm({ ...form, again: e.target.value })}
          required
        />
        <button className="primary" type="submit">
          修改密码
        </button>
      </form>
      <Message msg={msg} />
    </div>
  );
}
