/**
 * Cleaning a cell: the already-clean fast path (most cells of a 100,000-row
 * sheet) must give exactly what the full cleaning gives, and anything that
 * needs cleaning must still get it.
 */
import { describe, expect, it } from 'vitest';
import { cleanText, toHalfWidth } from '../../../electron/core/io/import/normalise';
import { dropInvisible } from '../../../electron/core/invisible.shared';
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

/** The full cleaning, with no quick test in front of it: what cleanText must give for every string. */
const fullCleaning = (s: string): string =>
  toHalfWidth(dropInvisible(s))
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();

describe("cleanText's quick test (a look-up per code unit, session 49)", () => {
  it('answers as the full cleaning for every code unit, alone, between letters and beside a name', () => {
    for (let u = 0; u < 0x10000; u++) {
      const c = String.fromCharCode(u);
      for (const s of [c, `a${c}b`, `张三${c}`]) {
        const got = cleanText(s);
        if (got !== fullCleaning(s)) expect({ unit: u.toString(16), got }).toEqual({ unit: u.toString(16), got: fullCleaning(s) });
      }
    }
  });

  it('answers as the full cleaning for characters past U+FFFF, pairs cut in half, and runs of selectors', () => {
    const astral = [0xe0041, 0xe007f, 0x1d173, 0x1d17a, 0xe0100, 0xe01ef, 0x2f800, 0x2fa1d, 0x1f600, 0x20000, 0x2a6d6, 0x1d172, 0xe0080];
    const cases = [
      ...astral.map((cp) => `王${String.fromCodePoint(cp)}五`),
      ...astral.map((cp) => String.fromCodePoint(cp)),
      '\ud842',
      '李\udfb7',
      '\udfb7\ud842',
      '𠮷\ufe00\ufe01',
      '\ufe0f张',
      '葛\u{e0100}',
    ];
    for (const s of cases) expect([s, cleanText(s)]).toEqual([s, fullCleaning(s)]);
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
