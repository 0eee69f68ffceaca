import { useId, useRef, useState } from 'react';
import { CLOCK_TIME_PATTERN, normaliseTime } from './time-text';

/**
 * A moment on the office's wall clock (YYYY-MM-DDTHH:MM, what kit/datetime
 * turns into an instant) as a date box and a 24-hour time box. The browser's
 * own datetime-local box follows the PC's language: 05:30 PM on an English
 * Windows. The value is '' until both parts are given.
 */
export function DateTimeField({
  label,
  value,
  onValue,
  required,
  title,
}: {
  label: string;
  value: string;
  onValue: (v: string) => void;
  required?: boolean;
  title?: string;
}) {
  const id = useId();
  const [day, setDay] = useState(value.slice(0, 10));
  const [time, setTime] = useState(value.slice(11, 16));
  // A value set from outside (a form reset, a record loaded) replaces what is typed; our own emissions do not.
  const emitted = useRef(value);
  if (value !== emitted.current) {
    emitted.current = value;
    if (day !== value.slice(0, 10)) setDay(value.slice(0, 10));
    if (time !== value.slice(11, 16)) setTime(value.slice(11, 16));
  }
  const emit = (d: string, t: string) => {
    const v = d && new RegExp(`^(${CLOCK_TIME_PATTERN})$`).test(t) ? `${d}T${t}` : '';
    emitted.current = v;
    onValue(v);
  };
  return (
    <div className="field" title={title}>
      <label htmlFor={id}>{label}</label>
      <span className="datetime-field">
        <input
          id={id}
          type="date"
          value={day}
          required={required}
          onChange={(e) => {
            setDay(e.target.value);
            emit(e.target.value, time);
          }}
        />
        <input
          aria-label={`${label}（24 小时制）`}
          className="time-field"
          inputMode="numeric"
          pattern={CLOCK_TIME_PATTERN}
          maxLength={5}
          placeholder="08:00"
          title="24 小时制，如 08:00、17:30"
          value={time}
          required={required}
          onChange={(e) => {
            setTime(e.target.value);
            emit(day, e.target.value);
          }}
          onBlur={(e) => {
            const t = normaliseTime(e.target.value);
            setTime(t);
            emit(day, t);
          }}
        />
      </span>
    </div>
  );
}
