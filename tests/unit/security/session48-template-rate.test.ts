/**
 * Issue 19, attack run 48 (target 5): a district template's own number format on the 覆盖率 column (session 47's
 * writeRate, io/export/templates/fill.ts). S48-A4: a % written as text in the format (「0.0"%"」, 「0"%"」), which Excel
 * shows as a sign and does not scale by, was read as a percentage format: the cell got the fraction, so 99.9% of
 * households screened printed 「1.0%」 and 66.7 printed 「0.7%」 on the form sent to the district.
 */
import { describe, expect, it } from 'vitest';
import { filled } from '../export/coverage-template';

describe('S48-A4: a % that is text in the template’s format', () => {
  // [template format, then each rate's value and format as filled].
  // [template format, then each rate's value and format as filled]; one decimal added where the rate is not whole.
  const text = (whole: string): Array<[number, string]> => [
    [99.9, '0.0"%"'],
    [66.7, '0.0"%"'],
    [100, whole],
  ];
  const LITERAL: Array<[string, Array<[number, string]>]> = [
    ['0.0"%"', text('0.0"%"')],
    ['0"%"', text('0"%"')],
  ];
  it.each(LITERAL)('a %s cell holds the percent, never the fraction', async (format, want) => {
    expect((await filled(format)).slice(0, 3).map((c) => [c.value, c.numFmt])).toEqual(want);
  });

  it('held: 「[Red]0.0%」 and 「"率："0%」 are percentages (the % outside quotes and brackets)', async () => {
    expect((await filled('[Red]0.0%')).slice(0, 2).map((c) => c.value)).toEqual([0.999, 0.667]);
    expect((await filled('"率："0%')).slice(0, 2).map((c) => [c.value, c.numFmt])).toEqual([
      [0.999, '0.0%'],
      [0.667, '0.0%'],
    ]);
  });
});
