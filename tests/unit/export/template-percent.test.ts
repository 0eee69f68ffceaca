/**
 * A district template's 覆盖率 column formatted as the district formats it: as a percentage (0%, the cell holds a
 * fraction) or as a whole number (0). The form's rate is a number of percent with one decimal, 100 only when every
 * household is screened (percent.shared.ts shownPct). Written as it is into a 0% cell, 66.7 printed 「6670%」; rounded
 * by a whole-number format, 1,999 of 2,000 households (99.9) printed 「100%」 / 「100」, as if all were screened. Filled,
 * the cell holds the rate in the cell's own unit and shows at least the form's one decimal where the rate is not whole.
 */
import { describe, expect, it } from 'vitest';
import { filled } from './coverage-template';

describe('a template’s 覆盖率 column in the district’s own format', () => {
  it('a percentage cell (0%) holds the fraction, with a decimal where the rate is not whole: never 100% short of all', async () => {
    const cells = await filled('0%');
    expect(cells.map((c) => c.value)).toEqual([0.999, 0.667, 1, null]);
    expect(cells[0]!.numFmt).toBe('0.0%');
    expect(cells[1]!.numFmt).toBe('0.0%');
    expect(cells[2]!.numFmt).toBe('0%');
  });

  // [template format, then each rate's value and format as filled]: 0.00% keeps its format; a whole-number 0 holds the
  // percent and gets a decimal where the rate is not whole.
  const KEPT: Array<[string, Array<[number, string]>]> = [
    [
      '0.00%',
      [
        [0.999, '0.00%'],
        [0.667, '0.00%'],
        [1, '0.00%'],
      ],
    ],
    [
      '0',
      [
        [99.9, '0.0'],
        [66.7, '0.0'],
        [100, '0'],
      ],
    ],
  ];
  it.each(KEPT)('a %s cell: the rate in its unit, shown to at least one decimal', async (format, want) => {
    expect((await filled(format)).slice(0, 3).map((c) => [c.value, c.numFmt])).toEqual(want);
  });

  it('a cell without a number format (常规) holds the percent as the form prints it', async () => {
    const cells = await filled('General');
    expect(cells.slice(0, 3).map((c) => c.value)).toEqual([99.9, 66.7, 100]);
  });
});
