/**
 * Every kind of collection sheet comes back with no questions, and so does one
 * a community re-saved in WPS as an old-format .et (BIFF8): the marker is a
 * cell, so it travels with the rows whatever program saved them.
 */
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectionKind } from '../../../electron/core/io/collection/contract';
import type { TargetId } from '../../../electron/core/io/import/fields.shared';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { OBSERVED_ID, seedSmallOffice } from '../export/fixture';

let t: TestLedger;
let dir: string;
beforeEach(async () => {
  t = await openTestLedger();
  seedSmallOffice(t);
  dir = mkdtempSync(join(tmpdir(), 'taizhang-collection-kinds-'));
});
afterEach(() => {
  t.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Makes the sheet for 幸福社区, fills one row by its headers as a community would, and saves it back as xlsx. */
async function filled(kind: CollectionKind, row: Record<string, string | number | Date>): Promise<string> {
  const [r] = await t.call('collection.sheet.save', { communityIds: [1], kind, folder: dir });
  if (!r) throw new Error('no sheet written');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(readFileSync(r.path)).buffer);
  for (const [label, value] of Object.entries(row)) {
    expect(r.columns, `${kind} has a column ${label}`).toContain(label);
    wb.worksheets[0]!.getCell(6, r.columns.indexOf(label) + 1).value = value;
  }
  const back = join(dir, `${kind}-back.xlsx`);
  await wb.xlsx.writeFile(back);
  return back;
}

async function importsWithNoQuestions(path: string, target: TargetId): Promise<void> {
  const ins = await t.call('import.inspect', { path, target: 'residents' });
  expect(ins.preset?.target).toBe(target);
  const again = target === 'residents' ? ins : await t.call('import.inspect', { path, target });
  expect(again.preset?.label).toContain('幸福社区');
  const pre = await t.call('import.preview', { path, target, mapping: again.mapping, constants: again.constants });
  expect(pre.rejected.flatMap((r) => r.reasons.map((x) => `${r.rowNumber} ${x.field}：${x.message}`))).toEqual([]);
  expect(pre.counts.total).toBe(1);
  const done = await t.call('import.commit', { path, target, mapping: again.mapping, constants: again.constants, previewId: pre.previewId });
  expect(done.counts.rejected).toBe(0);
}

const count = (sql: string): number => (t.core.services.ledger.handle().prepare(sql).get() as { n: number }).n;

describe('each kind of sheet, filled and sent back', () => {
  it('observation: a new person under home observation in 幸福社区', async () => {
    const path = await filled('observation', {
      网格: '第一网格',
      姓名: '周八',
      身份证号: makeIdNumber('110105', '1980-03-03', 77),
      开始日期: new Date(Date.UTC(2020, 1, 15)),
      观察天数: '14',
    });
    await importsWithNoQuestions(path, 'cases');
    expect(
      count(
        `SELECT count(*) AS n FROM cases c JOIN residents r ON r.id = c.resident_id WHERE r.name = '周八' AND c.category = 'home_observation' AND c.community_id = 1`,
      ),
    ).toBe(1);
  }, 60_000);

  it('daily checks: a check of the person already under observation', async () => {
    const before = count(`SELECT count(*) AS n FROM health_checks`);
    const path = await filled('checks', {
      姓名: '张三',
      身份证号: OBSERVED_ID,
      日期: new Date(Date.UTC(2020, 1, 17)),
      体温: 36.6,
      方式: '电话',
      监测人: '王医生',
    });
    await importsWithNoQuestions(path, 'health_checks');
    expect(count(`SELECT count(*) AS n FROM health_checks`)).toBe(before + 1);
  }, 60_000);

  it("stock counts: the community's own store", async () => {
    await t.call('supplies.items.save', { name: '医用口罩', unit: '个', packSize: 50, safetyDays: 7 });
    const path = await filled('stock', { 物资名称: '医用口罩', 盘点数量: 120, 盘点日期: new Date(Date.UTC(2020, 1, 17)) });
    await importsWithNoQuestions(path, 'stock_counts');
    expect(count(`SELECT count(*) AS n FROM supply_movements WHERE kind = 'count' AND store_id = 1 AND counted = 120`)).toBe(1);
  }, 60_000);
});

describe('a sheet re-saved in WPS as an old-format .et', () => {
  it('still says what it is and whose it is', async () => {
    const xlsx = await filled('residents', { 网格: '第二网格', 姓名: '钱十', 身份证号: makeIdNumber('110105', '1992-01-09', 64), 联系电话: '13803710009' });
    const et = join(dir, '幸福社区居民.et');
    writeFileSync(et, XLSX.write(XLSX.read(readFileSync(xlsx)), { type: 'buffer', bookType: 'biff8' }) as Buffer);
    await importsWithNoQuestions(et, 'residents');
    expect(count(`SELECT count(*) AS n FROM residents WHERE name = '钱十' AND community_id = 1`)).toBe(1);
  }, 60_000);
});
