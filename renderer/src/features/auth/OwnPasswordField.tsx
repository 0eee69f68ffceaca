import { Field } from '../../kit/Field';

/** The signed-in coordinator's own password, asked by whatever rotates the keys (停用, 更换密钥): their slot is pinned to the new key with it. */
export function OwnPasswordField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return <Field label="您的密码" type="password" autoComplete="current-password" value={value} onChange={(e) => onChange(e.target.value)} required />;
}
