import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber, maskIdNumber } from '../../../electron/core/people/id-number';
import { rawContact } from '../../../electron/core/rota/staff-queries';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeXlsx } from './files';

const ID1 = makeIdNumber('410102', '1985-03-02', 11);
const ID2 = makeIdNumber('410102', '1990-07-15', 22);
const HEAD = ['姓名', '类别', '所属社区', '手机号码', '身份证号码', '单位'];

let t: TestLedger;
let dir: string;
beforeEach(async () => {
  t = await openTestLedger();
  await seedOrg(t);
  dir = scratch();
});
afterEach(() => t.close());

const staffCount = (): number => (t.core.services.ledger.handle().prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n;

describe('staff import', () => {
  it('inspects, previews without writing, commits, and refuses the same file twice', async () => {
    const path = await writeXlsx(join(dir, '人员.xlsx'), [
      { name: '名单', rows: [HEAD, ['李 娜', '社区工作者', '东风社区', '138 0013 8000', ID1, '街道办'], ['王强', '志愿者', '东风', '', ID2, '']] },
    ]);
    const ins = await t.call('import.inspect', { path, target: 'staff' });
    expect(ins.format).toBe('xlsx');
    expect(ins.sheets).toEqual(['名单']);
    expect(ins.mapping).toEqual(['name', 'kind', 'community', 'phone', 'idNumber', 'agency']);
    const pre = await t.call('import.preview', { path, target: 'staff', mapping: ins.mapping });
    expect(pre.counts).toMatchObject({ total: 2, created: 2, rejected: 0 });
    expect(staffCount()).toBe(0);
    const done = await t.call('import.commit', { path, target: 'staff', mapping: ins.mapping, previewId: pre.previewId });
    expect(done.counts.created).toBe(2);
    // Stored sealed (the clear columns stay empty), masked in clear for viewers, and opened back whole.
    const db = t.core.services.ledger.handle();
    const row = db
      .prepare(
        `SELECT id, name, phone, id_number AS idNumber, phone_masked AS phoneMasked, id_number_masked AS idNumberMasked, kind FROM staff WHERE name = '李 娜'`,
      )
      .get() as { id: number };
    expect(row).toEqual({
      id: expect.any(Number),
      name: '李 娜',
      phone: null,
      idNumber: null,
      phoneMasked: '138****8000',
      idNumberMasked: maskIdNumber(ID1),
      kind: 'community_worker',
    });
    expect(rawContact(db, t.core.services.ledger.sealer(), row.id)).toMatchObject({ phone: '13800138000', idNumber: ID1 });
    const again = await t.call('import.commit', { path, target: 'staff', mapping: ins.mapping });
    expect(again.importId).toBeNull();
    expect(again.alreadyImported?.id).toBe(done.importId);
    expect(staffCount()).toBe(2);
    const again2 = await t.call('import.inspect', { path, target: 'staff' });
    expect(again2.alreadyImported?.fileName).toBe('人员.xlsx');
    const history = await t.call('import.history', {});
    expect(history.rows[0]).toMatchObject({ fileName: '人员.xlsx', created: 2, username: 'admin', target: 'staff' });
  });

  it('skips, updates or keeps both when a person is already in the ledger', async () => {
    const first = await writeXlsx(join(dir, 'a.xlsx'), [{ name: 'S', rows: [HEAD, ['李娜', '社区工作者', '东风社区', '13800138000', ID1, '']] }]);
    const mapping = ['name', 'kind', 'community', 'phone', 'idNumber', 'agency'];
    await t.call('import.commit', { path: first, target: 'staff', mapping });
    const second = await writeXlsx(join(dir, 'b.xlsx'), [{ name: 'S', rows: [HEAD, ['李娜', '医务人员', '东风社区', '13900139000', ID1, '人民医院']] }]);
    const skip = await t.call('import.preview', { path: second, target: 'staff', mapping, onDuplicate: 'skip' });
    expect(skip.counts.skipped).toBe(1);
    expect(skip.conflicts[0]!.existing['人员类别']).toBe('社区工作者');
    expect(skip.conflicts[0]!.incoming['人员类别']).toBe('医务人员');
    expect(skip.conflicts[0]!.incoming['联系电话']).toBe('139****9000');
    const flag = await t.call('import.commit', { path: second, target: 'staff', mapping, onDuplicate: 'flag' });
    expect(flag.counts.flagged).toBe(1);
    expect(staffCount()).toBe(2);
    const flags = t.core.services.ledger.handle().prepare('SELECT entity, entity_id AS entityId, existing_id AS existingId FROM import_review_flags').all();
    expect(flags).toHaveLength(1);
    const third = await writeXlsx(join(dir, 'c.xlsx'), [
      { name: 'S', rows: [HEAD, ['王强', '民警', '东风社区', '13700137000', ID2, ''], ['李娜', '医务人员', '东风社区', '13900139000', ID1, '人民医院', '']] },
    ]);
    const upd = await t.call('import.commit', { path: third, target: 'staff', mapping, onDuplicate: 'update' });
    expect(upd.counts).toMatchObject({ created: 1, updated: 1 });
  });

  it('remembers a corrected mapping for the next file with the same headers', async () => {
    const odd = ['名字', '岗位', '所属社区', '电话'];
    const rows = [odd, ['赵六', '志愿者', '东风社区', '13600136000']];
    const a = await writeXlsx(join(dir, 'a.xlsx'), [{ name: 'S', rows }]);
    const ins = await t.call('import.inspect', { path: a, target: 'staff' });
    expect(ins.mapping[1]).toBeNull();
    expect(ins.remembered).toBe(false);
    await t.call('import.commit', { path: a, target: 'staff', mapping: ['name', 'kind', 'community', 'phone'] });
    const b = await writeXlsx(join(dir, 'b.xlsx'), [{ name: 'S', rows: [odd, ['钱七', '志愿者', '东风社区', '13500135000']] }]);
    const next = await t.call('import.inspect', { path: b, target: 'staff' });
    expect(next.remembered).toBe(true);
    expect(next.mapping).toEqual(['name', 'kind', 'community', 'phone']);
  });

  it('writes the rejected rows, with 错误原因, to a workbook the community can fix', async () => {
    const path = await writeXlsx(join(dir, 'r.xlsx'), [
      { name: 'S', rows: [HEAD, ['李娜', '社区工作者', '东风社区', '13800138000', ID1, ''], ['张三', '厨师', '南湖社区', '123', 4.10101e17, '']] },
    ]);
    const mapping = ['name', 'kind', 'community', 'phone', 'idNumber', 'agency'];
    const pre = await t.call('import.preview', { path, target: 'staff', mapping });
    expect(pre.counts.rejected).toBe(1);
    const reasons = pre.rejected[0]!.reasons;
    expect(reasons.map((r) => r.field)).toEqual(['人员类别', '社区', '联系电话', '身份证号']);
    expect(reasons[3]!.message).toContain('Excel');
    const done = await t.call('import.commit', { path, target: 'staff', mapping });
    const out = join(dir, '退回.xlsx');
    const saved = await t.call('import.rejected.save', { importId: done.importId!, outPath: out });
    expect(saved.rows).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '原行号', ...HEAD, '错误原因']);
    expect(ws.getRow(2).getCell(2).value).toBe('张三');
    expect(String(ws.getRow(2).getCell(8).value)).toContain('「社区」台账中没有名为「南湖社区」的社区');
  });

  it('is refused to viewers', async () => {
    const viewer = await t.sessionAs('viewer');
    const err = await t.fail('import.preview', { path: '/tmp/x.xlsx', target: 'staff', mapping: [] }, viewer);
    expect(err.code).toBe('FORBIDDEN');
  });
});
