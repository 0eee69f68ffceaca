import { useId, type ReactNode, type SelectHTMLAttributes } from 'react';

export interface SelectOption {
  value: string | number;
  label: string;
}

/**
 * A labelled drop-down: the label is what e2e tests and screen readers find
 * it by. Options come as a list or as children; `onValue` hands over the
 * chosen value when the caller needs nothing else from the event.
 */
export function Select({
  label,
  options,
  onValue,
  children,
  id,
  onChange,
  ...rest
}: { label: string; options?: readonly SelectOption[]; onValue?: (value: string) => void; children?: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const generated = useId();
  const selectId = id ?? generated;
  return (
    <div className="field">
      <label htmlFor={selectId}>{label}</label>
      <select
        id={selectId}
        onChange={(e) => {
          onChange?.(e);
          onValue?.(e.target.value);
        }}
        {...rest}
      >
        {options?.map((o) => (
          <option key={String(o.value)} value={o.value}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
    </div>
  );
}

/** Options whose value is their own label (困难类别, 报告对象…). */
export const plainOptions = (values: readonly string[]): SelectOption[] => values.map((v) => ({ value: v, label: v }));
