/**
 * BENCH_PROFILE=dir: the import child records a V8 CPU profile of its preview and of its commit, each on its own
 * (the inspector's Profiler, started and stopped around the call; `node --cpu-prof` profiles the whole process, the
 * ledger's copy and unlock included), writes them to `dir` as `<job>-<n>-preview.cpuprofile` / `-commit`, and
 * reports each phase's top self-time frames, which the bench logs beside the run (session 27: the lead asked for the
 * top five before and after a change). Unset, nothing is recorded and the child runs as before.
 *
 * Self time is attributed as DevTools does: a sample lasts until the next one, so sample i holds timeDeltas[i + 1]
 * (the last sample nothing: its end is not in the profile). The frames' shares are of the phase's sampled wall time
 * on the main thread, not CPU: on this shared machine they say where the time went, the child's CPU figures how much.
 */
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of a V8 CPU profile (Profiler.Profile) read here. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfFrame {
  /** `name file:line`, the file as its last two path parts (the bench's bundle, or a package's file). */
  frame: string;
  ms: number;
  /** Of the phase's sampled time, 0–1. */
  share: number;
}

const frameOf = (f: CpuProfile['nodes'][number]['callFrame']): string =>
  f.url === '' ? f.functionName || '(anonymous)' : `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;

/** The `count` frames with the most self time, most first (frames of one function at one place summed). */
export function topSelfFrames(profile: CpuProfile, count: number): SelfFrame[] {
  const frames = new Map(profile.nodes.map((n) => [n.id, frameOf(n.callFrame)]));
  const self = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i + 1] ?? 0;
    const frame = frames.get(profile.samples[i]!);
    if (frame === undefined) throw new Error(`sample ${i} names node ${profile.samples[i]}, not in the profile`);
    self.set(frame, (self.get(frame) ?? 0) + us);
    total += us;
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([frame, us]) => ({ frame, ms: us / 1000, share: total > 0 ? us / total : 0 }));
}

/** One line per frame, as the bench logs them. */
export const describeFrames = (frames: readonly SelfFrame[]): string =>
  frames.map((f) => `${f.frame} ${f.ms.toFixed(0)} ms (${(100 * f.share).toFixed(1)} %)`).join('; ');

/** Frames logged per phase. */
export const TOP_FRAMES = 5;

/** A phase's value, wall and CPU time (user + system) and, when profiled, its top frames. */
export interface TimedPhase<T> {
  value: T;
  ms: number;
  cpuMs: number;
  top: SelfFrame[] | undefined;
}

async function measured<T>(run: () => Promise<T>): Promise<Omit<TimedPhase<T>, 'top'>> {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = await run();
  const d = process.cpuUsage(c);
  return { value, ms: performance.now() - t, cpuMs: (d.user + d.system) / 1000 };
}

/**
 * The child's clock for its phases: `timed(phase, run)` measures `run`; with `dir` (BENCH_PROFILE) it also records the
 * phase's profile, the clocks running inside the profiled call so that starting and stopping the profiler (and writing
 * its file) are not in them. Without `dir` nothing is recorded.
 */
export async function phaseTimer(dir: string | undefined, tag: string) {
  const session = dir ? new Session() : null;
  if (dir && session) {
    mkdirSync(dir, { recursive: true });
    session.connect();
    await session.post('Profiler.enable');
    // 0.5 ms: a 100,000-row phase of a few seconds gives thousands of samples.
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
  }
  return {
    async timed<T>(phase: string, run: () => Promise<T>): Promise<TimedPhase<T>> {
      if (!dir || !session) return { ...(await measured(run)), top: undefined };
      await session.post('Profiler.start');
      const m = await measured(run);
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(join(dir, `${tag}-${phase}.cpuprofile`), JSON.stringify(profile));
      return { ...m, top: topSelfFrames(profile as CpuProfile, TOP_FRAMES) };
    },
    close: () => session?.disconnect(),
  };
}
