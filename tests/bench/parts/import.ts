/**
 * Issue 4 §11: a 100,000-row .xlsx (preview ≤ 12 s, commit ≤ 5 s, peak RSS ≤ 600 MB) and a
 * 100,000-row GBK CSV end to end (≤ 6 s), each beside the reader library's bare parse of the same file.
 */
import type { Channel } from '../../../electron/core/api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { bigRows, writeBigGbkCsv, writeBigXlsx } from '../../integration/import/make-big';
import type { BenchEnv, BenchPart, BenchRow } from '../types';
import { importInChild } from './import-child';

const N = 100_000;

async function call<T>(env: BenchEnv, channel: Channel, input: unknown): Promise<T> {
  const r = await env.core.call('bench', channel, input);
  if (r.ok !== true) throw new Error(`${channel}: ${r.ok === false ? r.error.message : 'shell'}`);
  return r.value as T;
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

    // Preview and commit run in a process of their own: its high-water mark is the import's alone.
    const x = await importInChild(env.dataDir, xlsx);
    const xlsxBare = await bareXlsx(xlsx);
    env.log(`import: xlsx preview ${(x.previewMs / 1000).toFixed(1)} s, commit ${(x.commitMs / 1000).toFixed(1)} s`);
    const c = await importInChild(env.dataDir, csv);
    const csvBare = bareCsv(csv);
    const out: BenchRow[] = [
      { name: 'import: 100k-row xlsx preview', value: x.previewMs / 1000, unit: 's', target: 12, baseline: { name: 'exceljs streaming parse alone', value: xlsxBare / 1000 } },
      { name: 'import: 100k-row xlsx commit', value: x.commitMs / 1000, unit: 's', target: 5 },
      { name: 'import: peak RSS of the importing process (xlsx preview + commit)', value: x.maxRssMb, unit: 'MB', target: 600 },
      { name: 'import: 100k-row GBK CSV end to end', value: (c.previewMs + c.commitMs) / 1000, unit: 's', target: 6, baseline: { name: 'iconv + papaparse alone', value: csvBare / 1000 } },
      { name: 'import: peak RSS of the importing process (GBK CSV)', value: c.maxRssMb, unit: 'MB', target: 600 },
    ];
    return out;
  },
};
