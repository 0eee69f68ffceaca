/**
 * The app's own words for a field the browser finds invalid, in Chinese and
 * naming the field as the screen labels it: never the browser's bubble
 * (「Please fill out this field.」 on an English Windows).
 */
export interface InvalidField {
  label: string;
  /** The element: input type, or 'select' / 'textarea'. */
  type: string;
  /** The DOM's ValidityState, or the part of it read here. */
  validity: Record<
    | 'valueMissing'
    | 'typeMismatch'
    | 'patternMismatch'
    | 'tooShort'
    | 'tooLong'
    | 'rangeUnderflow'
    | 'rangeOverflow'
    | 'stepMismatch'
    | 'badInput'
    | 'customError',
    boolean
  >;
  value: string;
  min?: string;
  max?: string;
  step?: string;
  minLength?: number;
  maxLength?: number;
  /** The field's title: says what shape is wanted (e.g. 「24 小时制，如 08:00」). */
  hint?: string;
  /** A message the app set itself (setCustomValidity). */
  custom?: string;
}

const DAYLIKE = new Set(['date', 'datetime-local', 'month', 'week', 'time']);

export function invalidMessage(f: InvalidField): string {
  const name = `「${f.label || '这一项'}」`;
  const v = f.validity;
  const day = DAYLIKE.has(f.type);
  if (v.customError && f.custom) return f.custom;
  if (v.badInput) return day ? `${name}不是有效的日期或时间，请重新选择` : `${name}应填数字`;
  if (v.valueMissing) return f.type === 'select' || day ? `请选择${name}` : f.type === 'checkbox' ? `请勾选${name}` : `请填写${name}`;
  if (v.typeMismatch) return `${name}的格式不正确`;
  if (v.patternMismatch) return `${name}的格式不正确${f.hint ? `：${f.hint}` : ''}`;
  if (v.tooShort) return `${name}至少要 ${f.minLength} 个字（现在 ${[...f.value].length} 个）`;
  if (v.tooLong) return `${name}最多 ${f.maxLength} 个字`;
  if (v.rangeUnderflow) return day ? `${name}不能早于 ${f.min}` : `${name}不能小于 ${f.min}`;
  if (v.rangeOverflow) return day ? `${name}不能晚于 ${f.max}` : `${name}不能大于 ${f.max}`;
  if (v.stepMismatch) return !f.step || f.step === '1' ? `${name}应为整数` : `${name}应为 ${f.step} 的整数倍`;
  return `${name}填写有误，请检查`;
}
