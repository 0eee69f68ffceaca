import { describe, expect, it } from 'vitest';
import { benchRepeat, DEFAULT_REPEAT, interleaved, median, ratioOfMedians, secondsOfRuns } from '../../bench/parts/import-runs';

// The import bench's verdict comes from repeated, interleaved children (tests/bench/parts/import.ts): the order and
// the arithmetic are plain functions, pinned here without any timing.
describe('import bench runs', () => {
  it('runs the import child and its baseline child in turn, each as many times as asked', () => {
    expect(interleaved(['import', 'baseline'], 3)).toEqual(['import', 'baseline', 'import', 'baseline', 'import', 'baseline']);
    expect(interleaved(['cases', 'cases-baseline'], 1)).toEqual(['cases', 'cases-baseline']);
  });

  it('reads BENCH_REPEAT as a whole number of at least 1, 3 when unset', () => {
    expect(DEFAULT_REPEAT).toBe(3);
    expect(benchRepeat(undefined)).toBe(3);
    expect(benchRepeat('')).toBe(3);
    expect(benchRepeat('many')).toBe(3);
    expect(benchRepeat('5')).toBe(5);
    expect(benchRepeat('2.7')).toBe(2);
    expect(benchRepeat('0')).toBe(1);
  });

  it('takes the median, the middle two averaged for an even count, whatever the order', () => {
    expect(median([10.3, 8.9, 9.1])).toBe(9.1);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow();
  });

  it('gives the ratio between the medians, so one loaded run does not move the verdict', () => {
    // The same code's cases runs read 1.3 × and 1.56 × one at a time: with three of each, the loaded pair is the outlier.
    const r = ratioOfMedians([17_600, 21_300, 18_000], [13_700, 12_100, 12_400]);
    expect(r).toEqual({ run: 18_000, baseline: 12_400, ratio: 18_000 / 12_400 });
    expect(r.ratio).toBeLessThan(1.5);
    // Not the last pair's ratio (18.0 ÷ 12.4) nor the second's (21.3 ÷ 12.1 = 1.76 ×, over the line).
  });

  it('prints every run with the median first', () => {
    expect(secondsOfRuns([8_900, 10_300, 9_100])).toBe('9.1 s (median of 8.9, 10.3, 9.1)');
    expect(secondsOfRuns([4_200])).toBe('4.2 s');
  });
});
