/**
 * Cleaning a cell: the already-clean fast path (most cells of a 100,000-row
 * sheet) must give exactly what the full cleaning gives, and anything that
 * needs cleaning must still get it.
 */
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../electron/core/io/import/normalise';
import { checkIdNumber, makeIdNumber, normaliseIdNumber } from '../../../electron/core/people/id-number';

describe('cleanText', () => {
  it('returns a clean cell as it is', () => {
    for (const s of ['张三', '410105196203120178', '13803711002', '3号楼2单元101', '', '东风社区']) expect(cleanText(s)).toBe(s);
  });

  it('still trims, collapses spaces and line breaks, and turns full-width characters half-width', () => {
    expect(cleanText('  张三 ')).toBe('张三');
    expect(cleanText('\u3000李\u3000娜\u3000')).toBe('李 娜');
    expect(cleanText('３号楼\t\t２单元\n１０１')).toBe('3号楼 2单元 101');
    expect(cleanText('\u00a0ＡＢＣ\u00a0')).toBe('ABC');
    expect(cleanText('４１０１０５')).toBe('410105');
  });
});

describe('normaliseIdNumber', () => {
  const id = makeIdNumber('410105', '1962-03-12', 17);

  it('returns an already normal number as it is, and still normalises one that is not', () => {
    expect(normaliseIdNumber(id)).toBe(id);
    const withX = `${id.slice(0, 17)}X`;
    expect(normaliseIdNumber(withX)).toBe(withX);
    const fullWidth = [...id].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(normaliseIdNumber(fullWidth)).toBe(id);
    expect(normaliseIdNumber(` ${id.slice(0, 6)} ${id.slice(6)}\u3000`)).toBe(id);
    expect(normaliseIdNumber(`${id.slice(0, 17)}x`)).toBe(`${id.slice(0, 17)}X`);
  });

  it('checks a number written with full-width digits the same as with half-width', () => {
    const fullWidth = [...id].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(checkIdNumber(fullWidth)).toEqual(checkIdNumber(id));
    expect(checkIdNumber(id)).toMatchObject({ ok: true, value: id, birthDate: '1962-03-12' });
  });
});
