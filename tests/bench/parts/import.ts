/**
 * Issue 4 §11: a 100,000-row .xlsx (preview ≤ 12 s, commit ≤ 5 s, peak RSS ≤ 600 MB) and a
 * 100,000-row GBK CSV end to end (≤ 6 s), each beside the reader library's bare parse of the same file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { bigRows, MAPPING, writeBigGbkCsv, writeBigXlsx } from '../../integration/import/make-big';
import type { BenchEnv, BenchPart, BenchRow } from '../types';

const N = 100_000;

async function call<T>(env: BenchEnv, channel: string, input: unknown): Promise<T> {
  const r = await env.core.call('bench', channel, input);
  if (r.ok !== true) throw new Error(`${channel}: ${r.ok === false ? r.error.message : 'shell'}`);
  return r.value as T;
}

/**
 * Peak resident memory: the process's high-water mark (getrusage maxRSS) after fn. A timer
 * cannot sample inside the synchronous commit, the high-water mark misses nothing. It is an
 * upper bound: it includes whatever ran before in this process.
 */
async function withPeak<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peakMb: number }> {
  const timer = setInterval(() => undefined, 1000);
  const start = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - start, peakMb: process.resourceUsage().maxRSS / 1024 };
  } finally {
    clearInterval(timer);
  }
}

async function bareXlsx(path: string): Promise<number> {
  const start = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'ignore' });
  for await (const ws of reader) for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) void row.values;
  return performance.now() - start;
}

function bareCsv(path: string): number {
  const start = performance.now();
  Papa.parse<string[]>(iconv.decode(readFileSync(path), 'gb18030'));
  return performance.now() - start;
}

export const importBench: BenchPart = {
  area: 'import',
  async run(env) {
    const rows = bigRows(N);
    const communities = await call<{ name: string }[]>(env, 'org.communities.list', {});
    if (!communities.some((c) => c.name === '东风社区')) await call(env, 'org.communities.save', { name: '东风社区' });
    const xlsx = join(env.scratch, 'bench-十万居民.xlsx');
    const csv = join(env.scratch, 'bench-十万居民.csv');
    await writeBigXlsx(xlsx, rows);
    // The CSV holds other people (new ID numbers) so its import is not an update of the xlsx's.
    await writeBigGbkCsv(csv, bigRows(N + N).slice(N));
    const input = (path: string) => ({ path, target: 'residents', mapping: MAPPING, onDuplicate: 'skip' });

    const pre = await withPeak(() => call<{ previewId: string }>(env, 'import.preview', input(xlsx)));
    const commit = await withPeak(() => call(env, 'import.commit', { ...input(xlsx), previewId: pre.value.previewId }));
    const xlsxBare = await bareXlsx(xlsx);
    env.log(`import: xlsx preview ${(pre.ms / 1000).toFixed(1)} s, commit ${(commit.ms / 1000).toFixed(1)} s`);

    const csvRun = await withPeak(async () => {
      const p = await call<{ previewId: string }>(env, 'import.preview', input(csv));
      return call(env, 'import.commit', { ...input(csv), previewId: p.previewId });
    });
    const csvBare = bareCsv(csv);
    const out: BenchRow[] = [
      { name: 'import: 100k-row xlsx preview', value: pre.ms / 1000, unit: 's', target: 12, baseline: { name: 'exceljs streaming parse alone', value: xlsxBare / 1000 } },
      { name: 'import: 100k-row xlsx commit', value: commit.ms / 1000, unit: 's', target: 5 },
      { name: 'import: peak RSS (process high-water mark) after xlsx preview + commit', value: Math.max(pre.peakMb, commit.peakMb), unit: 'MB', target: 600 },
      { name: 'import: 100k-row GBK CSV end to end', value: csvRun.ms / 1000, unit: 's', target: 6, baseline: { name: 'iconv + papaparse alone', value: csvBare / 1000 } },
      { name: 'import: peak RSS (process high-water mark) after GBK CSV import', value: csvRun.peakMb, unit: 'MB', target: 600 },
    ];
    return out;
  },
};
