/**
 * A sheet of 1,000,000 empty rows under a header (Excel's "used range" after
 * someone formatted a whole column): a clear Chinese answer, quickly, with
 * nothing written — never a crash or a million-row preview.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg } from '../import/files';
import { expectTypedRefusal } from './hostile';
import { minimalWorkbook, SHEET_CLOSE, SHEET_OPEN } from './zip';

let t: TestLedger;
beforeAll(async () => {
  t = await openTestLedger();
  await seedOrg(t);
});
afterAll(() => t.close());

describe('a sheet of a million empty rows', () => {
  it('is answered with “no data rows” in Chinese and writes nothing', async () => {
    const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>人员类别</t></is></c></row>';
    const empty = Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 2}"/>`).join('');
    const path = join(scratch(), 'empty-rows.xlsx');
    writeFileSync(path, minimalWorkbook({ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(`${SHEET_OPEN}${header}${empty}${SHEET_CLOSE}`) }));
    const before = (await t.call('audit.verify', {})).rows;
    const r = await t.raw('import.preview', { path, target: 'staff', mapping: ['name', 'kind'] });
    if (r.ok === true) {
      // Answered: then nothing at all is proposed for the ledger.
      expect((r.value as { counts: { new: number; update: number } }).counts).toMatchObject({ new: 0, update: 0 });
    } else {
      const msg = expectTypedRefusal(r, 'preview of a million empty rows');
      expect(msg).toMatch(/没有|数据/);
    }
    expect((await t.call('audit.verify', {})).rows).toBe(before);
    expect((await t.call('import.history', { offset: 0, limit: 10 })).total).toBe(0);
  }, 60_000);
});
