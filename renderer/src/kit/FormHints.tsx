import { useEffect, useState } from 'react';
import { invalidMessage } from './invalid-message';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
interface Hint {
  text: string;
  top: number;
  left: number;
}

function labelOf(el: Control): string {
  const byFor = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
  const text = byFor?.textContent ?? el.closest('label')?.textContent ?? el.getAttribute('aria-label') ?? el.getAttribute('placeholder') ?? '';
  return text.trim();
}

function messageFor(el: Control): string {
  const input = el instanceof HTMLInputElement ? el : null;
  return invalidMessage({
    label: labelOf(el),
    type: input ? input.type : el instanceof HTMLSelectElement ? 'select' : 'textarea',
    validity: el.validity,
    value: el.value,
    ...(input ? { min: input.min, max: input.max, step: input.step } : {}),
    ...(input || el instanceof HTMLTextAreaElement ? { minLength: (el as HTMLInputElement).minLength, maxLength: (el as HTMLInputElement).maxLength } : {}),
    ...(el.title ? { hint: el.title } : {}),
    ...(el.validationMessage ? { custom: el.validationMessage } : {}),
  });
}

/**
 * Mounted once beside the app: every form keeps its `required`, `min`,
 * `pattern`…, but the browser's bubble (in the PC's language, English on many
 * office PCs) is replaced by the app's own Chinese message under the first
 * invalid field, which gets the focus. It goes away as soon as the field is
 * changed or left.
 */
export function FormHints() {
  const [hint, setHint] = useState<Hint | null>(null);
  useEffect(() => {
    let shownThisSubmit = false;
    let current: Control | null = null;
    const clear = () => {
      current?.removeAttribute('aria-invalid');
      current = null;
      setHint(null);
    };
    const onInvalid = (e: Event) => {
      e.preventDefault();
      const el = e.target as Control;
      // A submit fires 'invalid' on every bad field in order: the first one speaks.
      if (shownThisSubmit) return;
      shownThisSubmit = true;
      setTimeout(() => (shownThisSubmit = false), 0);
      clear();
      current = el;
      el.setAttribute('aria-invalid', 'true');
      el.focus();
      const r = el.getBoundingClientRect();
      setHint({ text: messageFor(el), top: r.bottom + 4, left: r.left });
    };
    const onChange = (e: Event) => e.target === current && clear();
    document.addEventListener('invalid', onInvalid, true);
    document.addEventListener('input', onChange, true);
    document.addEventListener('change', onChange, true);
    document.addEventListener('focusout', onChange, true);
    window.addEventListener('resize', clear);
    document.addEventListener('scroll', clear, true);
    return () => {
      document.removeEventListener('invalid', onInvalid, true);
      document.removeEventListener('input', onChange, true);
      document.removeEventListener('change', onChange, true);
      document.removeEventListener('focusout', onChange, true);
      window.removeEventListener('resize', clear);
      document.removeEventListener('scroll', clear, true);
    };
  }, []);
  if (!hint) return null;
  return (
    <div className="form-hint" role="alert" style={{ top: hint.top, left: hint.left }}>
      {hint.text}
    </div>
  );
}
