import { describe, expect, it } from 'vitest';
import { addDays, isValidDay } from '../../../electron/core/dates.shared';

describe('isValidDay (checked for every imported ID number and date, so by arithmetic)', () => {
  it('takes every day of the calendar and nothing else, leap years included', () => {
    expect(['2020-02-29', '2000-02-29', '1930-01-01', '2020-12-31', '1890-06-30'].every(isValidDay)).toBe(true);
    expect(
      ['2019-02-29', '1900-02-29', '2100-02-29', '2020-04-31', '2020-13-01', '2020-00-10', '2020-01-00', '2020-1-01', '20200101', '0020-01-01'].some(
        isValidDay,
      ),
    ).toBe(false);
  });

  it('takes ASCII digits and hyphens in their places only (read by char code, as the pattern read them)', () => {
    for (const day of ['２０２０-01-01', '2020-0１-01', '2020/01/01', '2020-01-0a', 'abcd-01-01', '2020-01-01 ', ' 2020-01-1', '2020--1-01', '2020-01-+1'])
      expect(isValidDay(day), day).toBe(false);
    expect(isValidDay('2020-01-09')).toBe(true);
  });

  it('agrees with the calendar for each day of four years around a century leap rule', () => {
    // Walk 1999-12-31 → 2001-01-01 and 2099-12-31 → 2101-01-01 with addDays (Date-based): each day it reaches is valid, each 32nd of a month is not.
    for (const start of ['1999-12-31', '2099-12-31']) {
      const seen = new Set<string>();
      for (let day = start, i = 0; i < 368; i++, day = addDays(day, 1)) {
        expect(isValidDay(day)).toBe(true);
        seen.add(day);
      }
      const year = Number(start.slice(0, 4)) + 1;
      for (let m = 1; m <= 12; m++)
        for (let d = 28; d <= 31; d++) {
          const day = `${year}-${String(m).padStart(2, '0')}-${d}`;
          expect(isValidDay(day)).toBe(seen.has(day));
        }
    }
  });
});
