/** Small labelled form parts for the honours screens (labels are what tests and screen readers find). */
import { useId, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

export function TextArea({ label, ...rest }: { label: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} {...rest} />
    </div>
  );
}

export function Select({ label, options, ...rest }: { label: string; options: ReadonlyArray<{ value: string; label: string }> } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...rest}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export const plain = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

export type Message = { ok: boolean; text: string } | null;

export function Feedback({ msg }: { msg: Message }) {
  if (!msg) return null;
  return (
    <p className={msg.ok ? 'ok' : 'error'} role={msg.ok ? 'status' : 'alert'}>
      {msg.text}
    </p>
  );
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="panel honours-section" aria-label={title}>
      <div className="honours-section-head">
        <h2>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
