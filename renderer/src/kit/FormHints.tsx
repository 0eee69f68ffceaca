import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { placeHint, type Box } from './hint-place';
import { invalidMessage } from './invalid-message';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
interface Hint {
  text: string;
  control: Control;
}

function ownLabel(el: Control): Element | null {
  return (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null) ?? el.closest('label');
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

/** The field the hint speaks of: its box, or the label wrapped round a tick box and its words. */
function fieldBox(el: Control): Box {
  const wrap = el.closest('label');
  return (wrap ?? el).getBoundingClientRect();
}

/**
 * What the hint must not cover: every other label, box, button, link and sentence in sight (in an open dialog, those in
 * it; the page behind is not read), but not the field's own label, which the hint names. A sentence is any paragraph,
 * not only a .field-note: 设置 › 用户's grey line saying what the chosen role may do lay under the hint for 姓名.
 */
function othersAround(el: Control): Box[] {
  const own = ownLabel(el);
  const scope = el.closest('dialog, [role="dialog"]') ?? document;
  return Array.from(scope.querySelectorAll('label, input, select, textarea, button, a, legend, p, .field-note'))
    .filter((o) => o !== el && o !== own && !o.contains(el) && !(own?.contains(o) ?? false))
    .map((o) => o.getBoundingClientRect())
    .filter((r) => r.width > 0 && r.height > 0);
}

/**
 * Mounted once beside the app: every form keeps its `required`, `min`,
 * `pattern`…, but the browser's bubble (in the PC's language, English on many
 * office PCs) is replaced by the app's own Chinese message beside the first
 * invalid field (placeHint: never over another field), which gets the focus.
 * It goes away as soon as the field is changed or left.
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
      setHint({ text: messageFor(el), control: el });
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
  const box = useRef<HTMLDivElement>(null);
  // Placed once its size is known, before it is painted: see placeHint.
  useLayoutEffect(() => {
    const el = box.current;
    if (!hint || !el) return;
    const size = el.getBoundingClientRect();
    const spot = placeHint(fieldBox(hint.control), size, othersAround(hint.control), { width: window.innerWidth, height: window.innerHeight });
    el.style.left = `${spot.left}px`;
    el.style.top = `${spot.top}px`;
    el.style.visibility = 'visible';
  }, [hint]);
  if (!hint) return null;
  return (
    <div ref={box} className="form-hint" role="alert" style={{ top: 0, left: 0, visibility: 'hidden' }}>
      {hint.text}
    </div>
  );
}
