import { describe, expect, it } from 'vitest';
import { fenInWords } from '../../../electron/core/rota/yuan-words';

describe('fenInWords: 补助发放表 合计 in words (大写)', () => {
  it('writes whole yuan, zeros, 角 and 分 as a finance office does', () => {
    expect(fenInWords(4620000)).toBe('肆万陆仟贰佰元整');
    expect(fenInWords(100550)).toBe('壹仟零伍元伍角');
    expect(fenInWords(10005)).toBe('壹佰元零伍分');
    expect(fenInWords(100010000)).toBe('壹佰万零壹佰元整');
    expect(fenInWords(1000000000)).toBe('壹仟万元整');
    expect(fenInWords(10010000)).toBe('拾万零壹佰元整'.replace('拾', '壹拾'));
    expect(fenInWords(50)).toBe('伍角');
    expect(fenInWords(0)).toBe('零元整');
    expect(fenInWords(-2000)).toBe('负贰拾元整');
    expect(fenInWords(123456789)).toBe('壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分');
  });
});
