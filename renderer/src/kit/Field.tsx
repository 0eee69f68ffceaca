/** Labelled text inputs: the label is what e2e tests and screen readers find them by. */
import { useId, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react';

export function Field({ label, id, ...rest }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  const generated = useId();
  const inputId = id ?? generated;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input id={inputId} {...rest} />
    </div>
  );
}

export function TextArea({ label, ...rest }: { label: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} {...rest} />
    </div>
  );
}
