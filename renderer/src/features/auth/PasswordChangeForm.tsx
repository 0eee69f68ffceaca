import { useState } from 'react';
import { call } from '../../api/client';
import { Field } from '../../kit/Field';
import { Message, useRunner } from '../../kit/Message';

const EMPTY = { oldPassword: '', newPassword: '', again: '' };
const BOXES = [
  { key: 'newPassword', label: '新密码（至少 8 位）' },
  { key: 'again', label: '再输一次新密码' },
] as const;

/**
 * The password change (auth.changePassword: the user's own key slot rewrapped, nothing else changes), on 我的账号
 * and on the first-unlock screen. `oldLabel`: what the old password is called there (原密码 / 初始密码).
 */
export function PasswordChangeForm({ oldLabel, submitLabel, onChanged }: { oldLabel: string; submitLabel: string; onChanged?: () => void }) {
  const [form, setForm] = useState(EMPTY);
  const { msg, run, setMsg } = useRunner(onChanged);
  const submit = () => {
    if (form.newPassword !== form.again) return setMsg({ ok: false, text: '两次输入的新密码不一致，密码没有修改。' });
    void run(call('auth.changePassword', { oldPassword: form.oldPassword, newPassword: form.newPassword }), '密码已修改。下次解锁请用新密码。').then(
      (ok) => ok && setForm(EMPTY),
    );
  };
  return (
    <>
      <form className="toolbar" aria-label="修改密码" onSubmit={(e) => (e.preventDefault(), submit())}>
        <Field
          label={oldLabel}
          type="password"
          autoComplete="current-password"
          value={form.oldPassword}
          onChange={(e) => setForm({ ...form, oldPassword: e.target.value })}
          required
        />
        {BOXES.map((b) => (
          <Field
            key={b.key}
            label={b.label}
            type="password"
            autoComplete="new-password"
            minLength={8}
            value={form[b.key]}
            onChange={(e) => setForm({ ...form, [b.key]: e.target.value })}
            required
          />
        ))}
        <button className="primary" type="submit">
          {submitLabel}
        </button>
      </form>
      <Message msg={msg} />
    </>
  );
}
