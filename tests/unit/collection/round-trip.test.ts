/**
 * The return trip: a collection sheet the office made, filled by a community
 * as it would be in Excel or WPS (text IDs, real date cells, a date typed as
 * text, a few bad cells), comes back and imports with no mapping question,
 * naming the community that sent it. A sheet from another office, or from a
 * newer program, is refused in plain Chinese.
 */
import { residentsOf } from '../../helpers/sealed-residents';
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fieldsOf } from '../../../electron/core/io/collection/kinds';
import { decodeMarker, encodeMarker } from '../../../electron/core/io/collection/marker';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { seedSmallOffice } from '../export/fixture';

let t: TestLedger;
let dir: string;
beforeEach(async () => {
  t = await openTestLedger();
  seedSmallOffice(t);
  dir = mkdtempSync(join(tmpdir(), 'taizhang-collection-back-'));
});
afterEach(() => {
  t.close();
  rmSync(dir, { recursive: true, force: true });
});

const ID_WANG = makeIdNumber('420106', '1988-04-02', 31);
const ID_ZHAO = makeIdNumber('410105', '1975-11-20', 52);
const ID_SUN = makeIdNumber('110105', '1992-01-09', 64);
const ID_BAD_CHECK = `${ID_SUN.slice(0, 17)}${ID_SUN.endsWith('1') ? '2' : '1'}`;
const db = () => t.core.services.ledger.handle();

async function issued(
  kind: 'returnees' | 'residents' | 'checks' | 'stock',
): Promise<{ wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet; col: (label: string) => number }> {
  const [r] = await t.call('collection.sheet.save', { communityIds: [1], kind, folder: dir });
  if (!r) throw new Error('no sheet written');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(readFileSync(r.path)).buffer);
  const ws = wb.worksheets[0]!;
  const col = (label: string): number => {
    const i = r.columns.indexOf(label);
    if (i < 0) throw new Error(`no column ${label}`);
    return i + 1;
  };
  return { wb, ws, col };
}

/** What a community types: one object per row, by the header it sees. */
function fill(ws: ExcelJS.Worksheet, col: (label: string) => number, rows: Record<string, string | number | Date>[]): void {
  rows.forEach((row, i) => {
    for (const [label, value] of Object.entries(row)) ws.getCell(6 + i, col(label)).value = value;
  });
}

async function sendBack(wb: ExcelJS.Workbook, name: string): Promise<string> {
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('a returnee sheet filled by 幸福社区 comes back', () => {
  it('imports with the target, every column and the whole-file values known, good rows in, bad cells named', async () => {
    const { wb, ws, col } = await issued('returnees');
    fill(ws, col, [
      {
        网格: '第一网格',
        姓名: '王五',
        身份证号: ID_WANG,
        联系电话: '13803710001',
        住址: '幸福小区1号楼101室',
        来源地: '湖北省武汉市',
        返程日期: new Date(Date.UTC(2020, 1, 10)),
        开始日期: new Date(Date.UTC(2020, 1, 10)),
      },
      { 网格: '第二网格', 姓名: '赵六', 身份证号: ID_ZHAO, 联系电话: '13803710002', 住址: '幸福小区2号楼202室', 来源地: '浙江温州', 返程日期: '2020/2/12' },
      { 网格: '第一网格', 姓名: '孙七', 身份证号: ID_BAD_CHECK, 联系电话: '13803710003', 来源地: '广东深圳', 返程日期: '2020-02-11' },
      { 网格: '第一网格', 姓名: '周八', 身份证号: makeIdNumber('110105', '1980-03-03', 77), 来源地: '北京', 返程日期: '2020-02-30' },
      { 网格: '第九网格', 姓名: '吴九', 身份证号: makeIdNumber('110105', '1981-04-04', 88), 来源地: '上海', 返程日期: '2020-02-12' },
    ]);
    const path = await sendBack(wb, '幸福社区返程人员（已填）.xlsx');

    // The user picked 居民 by mistake: the file says it is a returnee list, and the wizard switches.
    expect((await t.call('import.inspect', { path, target: 'residents' })).preset?.target).toBe('cases');
    const ins = await t.call('import.inspect', { path, target: 'cases' });
    expect(ins.preset?.label).toBe('幸福社区 返程人员登记表（2020-02-17 下发）');
    expect(ins.constants).toEqual({ community: '幸福社区', category: '返程人员' });
    expect(ins.suggestions).toEqual([]);
    expect(ins.mapping).toEqual(fieldsOf('returnees').map((f) => f.key));
    expect(ins.headerRows).toEqual([5]);
    // The hidden marker is not shown as a title.
    expect(ins.titleRows[0]).toBe('幸福社区 返程人员登记表');
    expect(ins.titleRows.join('')).not.toContain('taizhang');
    expect(ins.titleRows.join('')).not.toContain('填写说明');

    const plan = { path, target: 'cases' as const, mapping: ins.mapping, constants: ins.constants };
    const pre = await t.call('import.preview', plan);
    expect(pre.counts).toMatchObject({ total: 5, created: 2, rejected: 3 });
    const reasons = pre.rejected.map((r) => [r.rowNumber, r.reasons.map((x) => x.field).join('、')]);
    expect(reasons).toEqual([
      [8, '身份证号'],
      [9, '返程日期'],
      [10, '网格'],
    ]);
    const done = await t.call('import.commit', { ...plan, previewId: pre.previewId });
    expect(done.counts).toMatchObject({ created: 2, rejected: 3 });
    const cases = db()
      .prepare(
        `SELECT r.id AS residentId, r.name, c.community_id AS community, g.name AS grid, c.category, c.origin, c.arrived_on AS arrivedOn
         FROM cases c JOIN residents r ON r.id = c.resident_id LEFT JOIN grids g ON g.id = c.grid_id WHERE c.source = '导入' ORDER BY c.id`,
      )
      .all()
      .map((c) => {
        const { residentId, name, ...rest } = c as { residentId: number; name: string };
        return { name, id: residentsOf(t, 'WHERE id = @residentId', { residentId })[0]!.id_number, ...rest };
      });
    expect(cases).toEqual([
      { name: '王五', id: ID_WANG, community: 1, grid: '第一网格', category: 'returnee', origin: '湖北省武汉市', arrivedOn: '2020-02-10' },
      { name: '赵六', id: ID_ZHAO, community: 1, grid: '第二网格', category: 'returnee', origin: '浙江温州', arrivedOn: '2020-02-12' },
    ]);
  }, 60_000);

  it('finds its columns when the community moved one and added its own', async () => {
    const { wb, ws, col } = await issued('residents');
    fill(ws, col, [{ 网格: '第二网格', 姓名: '钱十', 身份证号: ID_SUN, 联系电话: '13803710009' }]);
    // The community swaps 姓名 and 网格 and adds a column of its own at the end.
    const [g, n] = [col('网格'), col('姓名')];
    for (const r of [5, 6]) {
      const [a, b] = [ws.getCell(r, g).value, ws.getCell(r, n).value];
      ws.getCell(r, g).value = b;
      ws.getCell(r, n).value = a;
    }
    const extra = ws.getRow(5).cellCount + 1;
    ws.getCell(5, extra).value = '楼栋长';
    ws.getCell(6, extra).value = '老刘';
    const path = await sendBack(wb, '居民.xlsx');
    const ins = await t.call('import.inspect', { path, target: 'residents' });
    expect(ins.mapping[g - 1]).toBe('name');
    expect(ins.mapping[n - 1]).toBe('grid');
    expect(ins.mapping[extra - 1]).toBeNull();
    const pre = await t.call('import.preview', { path, target: 'residents', mapping: ins.mapping, constants: ins.constants });
    expect(pre.counts).toMatchObject({ created: 1, rejected: 0 });
  }, 60_000);
});

describe('a sheet that is not ours to import', () => {
  it('a sheet another office issued is refused, naming that office', async () => {
    const { wb, ws } = await issued('returnees');
    const m = decodeMarker(String(ws.getCell('A1').value))!;
    ws.getCell('A1').value = encodeMarker({ ...m, office: '西湖街道办事处' });
    const path = await sendBack(wb, '西湖.xlsx');
    const e = await t.fail('import.inspect', { path, target: 'cases' });
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain('「西湖街道办事处」下发的');
    expect(e.message).toContain('不是本街道（东风街道办事处）');
  }, 60_000);

  it('a sheet from a newer version of the program is refused with what to do', async () => {
    const { wb, ws } = await issued('stock');
    const m = decodeMarker(String(ws.getCell('A1').value))!;
    ws.getCell('A1').value = encodeMarker({ ...m, v: m.v + 1 });
    const path = await sendBack(wb, '新版.xlsx');
    const e = await t.fail('import.inspect', { path, target: 'stock_counts' });
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain('更新版本的程序');
    expect(e.message).toContain('请升级本程序');
  }, 60_000);

  it('a community gone from the ledger is named', async () => {
    const { wb, ws } = await issued('checks');
    const m = decodeMarker(String(ws.getCell('A1').value))!;
    ws.getCell('A1').value = encodeMarker({ ...m, communityId: 99, community: '南湖社区' });
    const path = await sendBack(wb, '南湖.xlsx');
    const e = await t.fail('import.inspect', { path, target: 'health_checks' });
    expect(e.message).toContain('发给「南湖社区」的');
  }, 60_000);
});
