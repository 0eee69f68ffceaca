import { describe, expect, it } from 'vitest';
import { describeFrames, topSelfFrames, type CpuProfile } from '../../bench/parts/import-profile';

// The import bench's profiled runs (BENCH_PROFILE, tests/bench/parts/import-profile.ts) log each phase's top self-time
// frames: the summing is pinned here on a profile written by hand, without any timing.
const frame = (id: number, functionName: string, url = '', lineNumber = 0, children: number[] = []) => ({
  id,
  callFrame: { functionName, url, lineNumber },
  children,
});

const profile: CpuProfile = {
  nodes: [
    frame(1, '(root)', '', 0, [2, 4]),
    frame(2, 'applyDecisions', 'file:///work/x/dist-electron/bench.cjs', 16915, [3, 5]),
    frame(3, 'run'),
    frame(4, '(garbage collector)'),
    // The same function at the same place reached by another path: one frame.
    frame(5, 'run'),
  ],
  // Sample i lasts until sample i + 1: timeDeltas[i + 1]. The last sample's end is not in the profile.
  samples: [3, 3, 2, 4, 5, 2],
  timeDeltas: [100_000, 4000, 2000, 1000, 500, 2500, 0],
};

describe('import bench profile', () => {
  it('sums each frame’s self time, a sample lasting until the next, and lists the most first', () => {
    expect(topSelfFrames(profile, 3)).toEqual([
      { frame: 'run', ms: 8.5, share: 0.85 },
      { frame: 'applyDecisions dist-electron/bench.cjs:16916', ms: 1, share: 0.1 },
      { frame: '(garbage collector)', ms: 0.5, share: 0.05 },
    ]);
    expect(topSelfFrames(profile, 1).map((f) => f.frame)).toEqual(['run']);
  });

  it('refuses a sample naming no node of the profile', () => {
    expect(() => topSelfFrames({ ...profile, samples: [3, 9] }, 5)).toThrow('node 9');
  });

  it('logs a frame as its name and place, milliseconds and share', () => {
    expect(describeFrames(topSelfFrames(profile, 2))).toBe('run 9 ms (85.0 %); applyDecisions dist-electron/bench.cjs:16916 1 ms (10.0 %)');
  });
});
