/**
 * The import measured in a process of its own, so its memory high-water
 * mark is the import's (the bench process also built the demo ledger and
 * generated the 100,000-row files). The bench re-runs its own bundle with
 * `--import-child DATA_DIR FILE` and reads one JSON line back.
 */
import type { Channel } from '../../../electron/core/api';
import { spawn } from 'node:child_process';
import { Core } from '../../../electron/core/core';
import { MAPPING } from '../../integration/import/make-big';

export interface ChildImport {
  previewMs: number;
  commitMs: number;
  maxRssMb: number;
}

export async function importChildMain(dataDir: string, path: string): Promise<void> {
  const core = new Core({ dataDir });
  const call = async <T>(channel: Channel, input: unknown): Promise<T> => {
    const r = await core.call('bench-child', channel, input);
    if (r.ok !== true) throw new Error(`${channel}: ${JSON.stringify(r)}`);
    return r.value as T;
  };
  await call('auth.unlock', { username: 'admin', password: 'taizhang2020' });
  const input = { path, target: 'residents', mapping: MAPPING, onDuplicate: 'skip' };
  const t0 = performance.now();
  const pre = await call<{ previewId: string }>('import.preview', input);
  const t1 = performance.now();
  await call('import.commit', { ...input, previewId: pre.previewId });
  const t2 = performance.now();
  core.close();
  const result: ChildImport = { previewMs: t1 - t0, commitMs: t2 - t1, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export function importInChild(dataDir: string, path: string): Promise<ChildImport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [process.argv[1]!, '--import-child', dataDir, path], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildImport) : reject(new Error(`import child exited ${code}`))));
  });
}
