import { Field } from '../../kit/Field';

/**
 * A new initial password the coordinator gives someone in person (重设密码, a promotion from 只读查看): it makes their
 * key slot anew, and they replace it with their own at the next unlock (FirstPasswordScreen).
 */
export function InitialPasswordField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <Field
      label="新的初始密码（至少 8 位）"
      type="password"
      autoComplete="new-password"
      minLength={8}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      required
    />
  );
}

/** What the coordinator is told once a new initial password is set (`done`: what was done, in words): give it in person. */
export const initialPasswordSet = (done: string) => `${done}，请当面告诉本人；他下次解锁时会先设置只有自己知道的新密码。原来的密码不能再打开台账。`;
