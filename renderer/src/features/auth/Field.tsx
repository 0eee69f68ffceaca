import { useId, type InputHTMLAttributes } from 'react';

/** A labelled input: the label is what e2e tests and screen readers find it by. */
export function Field({ label, ...rest }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} {...rest} />
    </div>
  );
}
