import { describe, expect, it } from 'vitest';
import { invalidMessage, type InvalidField } from '../../../renderer/src/kit/invalid-message';

const ok: InvalidField['validity'] = {
  valueMissing: false,
  typeMismatch: false,
  patternMismatch: false,
  tooShort: false,
  tooLong: false,
  rangeUnderflow: false,
  rangeOverflow: false,
  stepMismatch: false,
  badInput: false,
  customError: false,
};
const field = (type: string, broken: Partial<InvalidField['validity']>, more: Partial<InvalidField> = {}): InvalidField => ({
  label: '街道办事处名称',
  type,
  validity: { ...ok, ...broken },
  value: '',
  ...more,
});

describe('the app’s own words for an invalid field', () => {
  it('names the field as the screen labels it, for each way a field can be wrong', () => {
    expect(invalidMessage(field('text', { valueMissing: true }))).toBe('请填写「街道办事处名称」');
    expect(invalidMessage(field('select', { valueMissing: true }, { label: '社区' }))).toBe('请选择「社区」');
    expect(invalidMessage(field('date', { valueMissing: true }, { label: '开始日期' }))).toBe('请选择「开始日期」');
    expect(invalidMessage(field('checkbox', { valueMissing: true }, { label: '确认恢复' }))).toBe('请勾选「确认恢复」');
    expect(invalidMessage(field('password', { tooShort: true }, { label: '密码', value: '123', minLength: 8 }))).toBe('「密码」至少要 8 个字（现在 3 个）');
    expect(invalidMessage(field('text', { tooLong: true }, { maxLength: 60 }))).toBe('「街道办事处名称」最多 60 个字');
    expect(invalidMessage(field('number', { rangeUnderflow: true }, { label: '数量', min: '1' }))).toBe('「数量」不能小于 1');
    expect(invalidMessage(field('number', { rangeOverflow: true }, { label: '体温', max: '43' }))).toBe('「体温」不能大于 43');
    expect(invalidMessage(field('date', { rangeOverflow: true }, { label: '日期', max: '2020-02-17' }))).toBe('「日期」不能晚于 2020-02-17');
    expect(invalidMessage(field('number', { stepMismatch: true }, { label: '人数', step: '' }))).toBe('「人数」应为整数');
    expect(invalidMessage(field('number', { stepMismatch: true }, { label: '体温', step: '0.1' }))).toBe('「体温」应为 0.1 的整数倍');
    expect(invalidMessage(field('number', { badInput: true }, { label: '数量' }))).toBe('「数量」应填数字');
    expect(invalidMessage(field('text', { patternMismatch: true }, { label: '开始时间', hint: '24 小时制，如 08:00' }))).toBe(
      '「开始时间」的格式不正确：24 小时制，如 08:00',
    );
    expect(invalidMessage(field('text', { customError: true }, { custom: '与第 8 组不一致' }))).toBe('与第 8 组不一致');
  });

  it('has a word for a field without a label', () => {
    expect(invalidMessage(field('text', { valueMissing: true }, { label: '' }))).toBe('请填写「这一项」');
  });
});
