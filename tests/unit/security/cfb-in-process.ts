/**
 * Runs read-xls.ts's first look at a compound file (checkOleWorkbook, as import.inspect does) in a Node process of its
 * own with a small heap and a deadline, so a file that loops SheetJS's reader for ever or fills the heap ends that
 * process, not the test run. (A worker thread is not enough: V8's heap-limit failure there aborted the whole process,
 * resourceLimits or not: seventeenth attack run, S31-A2.) read-xls.ts is bundled with esbuild, the project's own
 * bundler, into a temp file the process runs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

export type ProcessVerdict =
  { end: 'answered'; refused: string | null; ms: number; heapMb: number; externalMb: number } | { end: 'out-of-memory' | 'deadline' | 'crashed'; ms: number };

const ENTRY = `
import { readFileSync } from 'node:fs';
import { checkOleWorkbook } from ${JSON.stringify(join(__dirname, '../../../electron/core/io/import/read-xls.ts'))};
const buf = readFileSync(process.argv[2]);
const t0 = performance.now();
let refused = null;
try { checkOleWorkbook(buf, '名单.xls'); } catch (e) { refused = String(e && e.message); }
const m = process.memoryUsage();
process.stdout.write(JSON.stringify({ refused, ms: performance.now() - t0, heapMb: m.heapUsed / 1048576, externalMb: (m.external + m.arrayBuffers) / 1048576 }));
`;

/** The first look at `buf` in a process with `heapMb` of old space, killed after `deadlineMs`. */
export async function checkInProcess(buf: Buffer, heapMb = 256, deadlineMs = 30_000): Promise<ProcessVerdict> {
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-cfb-check-'));
  try {
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, ENTRY);
    const out = join(dir, 'check.cjs');
    buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'silent' });
    const file = join(dir, '名单.xls');
    writeFileSync(file, buf);
    const t0 = performance.now();
    return await new Promise<ProcessVerdict>((resolve) => {
      const p = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, out, file], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => p.kill('SIGKILL'), deadlineMs);
      p.on('close', (code, signal) => {
        clearTimeout(timer);
        const ms = performance.now() - t0;
        if (code === 0 && stdout)
          resolve({ end: 'answered', ...(JSON.parse(stdout) as { refused: string | null; ms: number; heapMb: number; externalMb: number }) });
        else if (/heap out of memory/.test(stderr)) resolve({ end: 'out-of-memory', ms });
        else resolve({ end: signal === 'SIGKILL' ? 'deadline' : 'crashed', ms });
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
