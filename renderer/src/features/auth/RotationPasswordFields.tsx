import { useEffect, useRef } from 'react';
import { Field } from '../../kit/Field';

/** What every key rotation asks (停用, 改为只读查看, 更换密钥, a due one at sign-in): the coordinator's own password and a new one, twice. */
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

/** The box a core refusal named (`details.fields`, e.g. 「再次输入新密码」 typed differently), if it is one of these. */
export function rotationFieldNamed(fields: unknown): keyof RotationPasswords | null {
  const first = Array.isArray(fields) ? (fields[0] as unknown) : null;
  return BOXES.find((b) => b.key === first)?.key ?? null;
}

/**
 * The coordinator's own password, to confirm, and the new one they sign in with from now on: the rotation makes their
 * key slot anew for it (electron/core/keys/rotation.ts). `invalid`: the box a refusal named, marked and focused, so
 * the coordinator types again where the message points.
 */
export function RotationPasswordFields({
  value,
  onChange,
  invalid = null,
}: {
  value: RotationPasswords;
  onChange: (v: RotationPasswords) => void;
  invalid?: keyof RotationPasswords | null;
}) {
  const group = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (invalid) group.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
  }, [invalid]);
  return (
    <div className="toolbar" role="group" aria-label="您的密码和新密码" ref={group}>
      {BOXES.map((b) => (
        <Field
          key={b.key}
          label={b.label}
          type="password"
          autoComplete={b.autoComplete}
          minLength={b.minLength}
          placeholder={b.key === 'newPassword' ? '至少 8 位' : undefined}
          aria-invalid={invalid === b.key ? true : undefined}
          value={value[b.key]}
          onChange={(e) => onChange({ ...value, [b.key]: e.target.value })}
          required
        />
      ))}
    </div>
  );
}
