import type { InputHTMLAttributes } from 'react';
import { Field } from './Field';
import { normaliseTime, TIME_PATTERN } from './time-text';

/**
 * A time of day typed as 24-hour HH:MM. The browser's own time input follows
 * the PC's language (08:00 AM on an English Windows); this one is the same
 * everywhere, and tidies 8:0 or 1730 when the field is left.
 */
export function TimeField({
  label,
  value,
  onValue,
  ...rest
}: { label: string; value: string; onValue: (v: string) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  return (
    <Field
      label={label}
      value={value}
      inputMode="numeric"
      pattern={TIME_PATTERN}
      maxLength={5}
      placeholder="08:00"
      title="24 小时制，如 08:00、17:30"
      className="time-field"
      onChange={(e) => onValue(e.target.value)}
      onBlur={(e) => onValue(normaliseTime(e.target.value))}
      {...rest}
    />
  );
}
