import { Field } from '../../kit/Field';

/** What every key rotation asks (停用, 更换密钥, a due one at sign-in): the coordinator's own password and a new one, twice. */
export interface RotationPasswords {
  password: string;
  newPassword: string;
  newPasswordAgain: string;
}

export const NO_ROTATION_PASSWORDS: RotationPasswords = { password: '', newPassword: '', newPasswordAgain: '' };

/** The three boxes, labelled with the names the core's errors use (「您的密码」「新密码」「再次输入新密码」). */
const BOXES = [
  { key: 'password', label: '您的密码', autoComplete: 'current-password', minLength: undefined },
  { key: 'newPassword', label: '新密码', autoComplete: 'new-password', minLength: 8 },
  { key: 'newPasswordAgain', label: '再次输入新密码', autoComplete: 'new-password', minLength: 8 },
] as const;

/**
 * The coordinator's own password, to confirm, and the new one they sign in with from now on: the rotation makes their
 * key slot anew for it (electron/core/keys/rotation.ts).
 */
export function RotationPasswordFields({ value, onChange }: { value: RotationPasswords; onChange: (v: RotationPasswords) => void }) {
  return (
    <div className="toolbar" role="group" aria-label="您的密码和新密码">
      {BOXES.map((b) => (
        <Field
          key={b.key}
          label={b.label}
          type="password"
          autoComplete={b.autoComplete}
          minLength={b.minLength}
          placeholder={b.key === 'newPassword' ? '至少 8 位' : undefined}
          value={value[b.key]}
          onChange={(e) => onChange({ ...value, [b.key]: e.target.value })}
          required
        />
      ))}
    </div>
  );
}
