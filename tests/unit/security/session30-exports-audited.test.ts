/**
 * The sixteenth attack run (docs/security/attack-run-session30.md): what leaves the ledger in full, and whether the
 * ledger says who took it (issue 19: "every change and reveal is attributable").
 */
import { mkdtempSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { seedOrg } from '../import/files';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

const ID = makeIdNumber('410105', '1961-03-05', 7);

async function rejectedImport(): Promise<{ importId: number; clerk: string; other: string; out: string }> {
  t = await openTestLedger();
  await seedOrg(t);
  const clerk = await t.sessionAs('clerk', 'wangwu');
  const other = await t.sessionAs('clerk', 'lisi');
  const text = [
    '社区\t姓名\t身份证号\t联系电话\t住址',
    `东风社区\t张三\t${makeIdNumber('410105', '1960-01-01', 1)}\t13803711001\t一号`,
    `不存在社区\t李四\t${ID}\t13803711002\t二号`,
  ].join('\n');
  const { mapping } = await t.call('import.inspect', { text, target: 'residents' }, clerk);
  const done = await t.call('import.commit', { text, target: 'residents', mapping }, clerk);
  expect(done.counts.rejected).toBe(1);
  return { importId: done.importId!, clerk, other, out: join(mkdtempSync(join(tmpdir(), 'taizhang-rejected-')), '退回.xlsx') };
}

describe('import.rejected.save: the rows sent back, as they came', () => {
  it('a viewer may not save them', async () => {
    const { importId, out } = await rejectedImport();
    const viewer = await t!.sessionAs('viewer', 'zhaoliu');
    expect(await t!.raw('import.rejected.save', { importId, outPath: out }, viewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  // S30-A3 (medium), fixed by a46104c (io/import/handlers.ts): the file holds the rejected rows' cells in full (ID
  // number, phone), opened from their sealed copy, and any clerk may save those of any import (here another clerk's);
  // the task wrote no audit row, so nothing said who took them (every other export of full numbers is audited). Was
  // it.fails: no row.
  it('is audited with who saved it and how many rows (full ID numbers and phones leave in it)', async () => {
    const { importId, other, out } = await rejectedImport();
    expect(await t!.raw('import.rejected.save', { importId, outPath: out }, other)).toMatchObject({ ok: true, value: { rows: 1 } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const cells = (wb.worksheets[0]!.getRow(2).values as unknown[]).map(String);
    expect(cells).toContain(ID);
    expect(cells).toContain('13803711002');
    const rows = t!.core.services.ledger.handle().prepare(`SELECT username FROM audit_log WHERE channel = 'import.rejected.save'`).all();
    expect(rows).toEqual([{ username: 'lisi' }]);
  });
});
