/** Builds the spreadsheets the import tests read: real .xlsx and .csv files in a temp folder. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

export const scratch = (): string => mkdtempSync(join(tmpdir(), 'taizhang-import-'));

export type Row = (string | number | Date | null | { formula: string; result?: string | number })[];

export async function writeXlsx(path: string, sheets: { name: string; rows: Row[]; merges?: string[]; hidden?: boolean }[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, s.hidden ? { state: 'hidden' } : {});
    for (const r of s.rows) ws.addRow(r);
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  await wb.xlsx.writeFile(path);
  return path;
}

export function writeCsv(path: string, rows: (string | number)[][], encoding: 'utf-8' | 'utf-8-bom' | 'gbk'): string {
  const text = rows.map((r) => r.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',')).join('\r\n') + '\r\n';
  const bytes =
    encoding === 'gbk'
      ? iconv.encode(text, 'gbk')
      : Buffer.concat([encoding === 'utf-8-bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
  writeFileSync(path, bytes);
  return path;
}

/** 东风社区 (网格 一网格, 二网格) and 幸福村. */
export async function seedOrg(t: TestLedger): Promise<{ dongfeng: number; xingfu: number }> {
  const dongfeng = (await t.call('org.communities.save', { name: '东风社区' })).id;
  const xingfu = (await t.call('org.communities.save', { name: '幸福村', kind: '村' })).id;
  await t.call('org.grids.save', { communityId: dongfeng, name: '一网格' });
  await t.call('org.grids.save', { communityId: dongfeng, name: '二网格' });
  return { dongfeng, xingfu };
}

export interface ImportLedger {
  t: TestLedger;
  dir: string;
  org: { dongfeng: number; xingfu: number };
  /** The ledger's own handle, for checking what was written. */
  db: () => ReturnType<TestLedger['core']['services']['ledger']['handle']>;
}

/** For a test file: a fresh ledger with seedOrg's communities and a scratch folder before each test, closed after. */
export function useImportLedger(): ImportLedger {
  const ctx = { db: () => ctx.t.core.services.ledger.handle() } as ImportLedger;
  beforeEach(async () => {
    ctx.t = await openTestLedger();
    ctx.org = await seedOrg(ctx.t);
    ctx.dir = scratch();
  });
  afterEach(() => ctx.t.close());
  return ctx;
}
