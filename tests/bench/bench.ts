/**
 * `npm run bench`: builds a demo street office (BENCH_RESIDENTS, default
 * 100,000 residents) in an encrypted ledger and prints one table of every
 * benchmark beside its target. Figures only: nothing here fails a build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../electron/core/core';
import { buildDemoLedger } from '../../electron/core/demo/build-demo';
import { BENCH_PARTS } from './parts/index';
import { importChildMain, type ChildJob } from './parts/import-child';
import { casesChildMain, isCasesJob } from './parts/import-cases';
import { isXlsParseJob, xlsParseChildMain } from './parts/import-xls';
import type { BenchRow } from './types';

async function main(): Promise<void> {
  const residents = Number(process.env.BENCH_RESIDENTS ?? 100_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'taizhang-bench-ledger-'));
  const scratch = mkdtempSync(join(tmpdir(), 'taizhang-bench-scratch-'));
  const log = (s: string) => console.error(s);
  const core = new Core({ dataDir });
  const t0 = performance.now();
  log(`building demo ledger with ${residents} residents…`);
  await buildDemoLedger(core, { residents, log });
  const buildMs = performance.now() - t0;
  const r = await core.call('bench', 'auth.unlock', { username: 'admin', password: 'taizhang2020' });
  if (r.ok !== true) throw new Error('cannot unlock demo ledger');
  const rows: Array<BenchRow & { area: string }> = [
    { area: 'demo', name: `build demo ledger (${residents} residents)`, value: buildMs, unit: 'ms', target: null },
  ];
  // BENCH_ONLY=import,caseload runs just those parts (the demo ledger is still built).
  const only = process.env.BENCH_ONLY?.split(',').map((x) => x.trim());
  for (const part of BENCH_PARTS.filter((p) => !only || only.includes(p.area))) {
    log(`running ${part.area}…`);
    try {
      for (const row of await part.run({ core, dataDir, scratch, residents, log })) rows.push({ ...row, area: part.area });
    } catch (e) {
      console.error(`  ${part.area} failed:`, e);
    }
  }
  core.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
  printTable(rows);
}

function fmt(v: number): string {
  return v >= 100 ? v.toFixed(0) : v.toFixed(1);
}

function printTable(rows: Array<BenchRow & { area: string }>): void {
  const lines = [['area', 'benchmark', 'value', 'target', 'verdict', 'baseline', 'ratio']];
  for (const r of rows) {
    const verdict = r.target === null ? '' : r.value <= r.target ? 'OK' : 'OVER';
    lines.push([
      r.area,
      r.name,
      `${fmt(r.value)} ${r.unit}`,
      r.target === null ? '—' : `≤ ${fmt(r.target)} ${r.unit}`,
      verdict,
      r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value)} ${r.unit}` : '',
      r.baseline && r.baseline.value > 0 ? `${(r.value / r.baseline.value).toFixed(2)}×` : '',
    ]);
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => [...l[i]!].length)));
  for (const l of lines) console.log(l.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join(' | '));
  console.log(`\nmemory: rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB at the end`);
}

const childAt = process.argv.indexOf('--import-child');
const childJob = process.argv[childAt + 1] ?? '';
const run =
  childAt > 0
    ? isCasesJob(childJob)
      ? () => casesChildMain(childJob, process.argv[childAt + 2]!, process.argv[childAt + 3]!)
      : isXlsParseJob(childJob)
        ? () => xlsParseChildMain(childJob, process.argv[childAt + 3]!)
        : () => importChildMain(childJob as ChildJob, process.argv[childAt + 2]!, process.argv[childAt + 3]!)
    : main;
void run().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
