/**
 * The district's own template: found, mapped once, remembered by its header,
 * filled into a copy with its formatting kept (checked by opening the filled
 * xlsx with exceljs), saved alone and carried in the package.
 */
import { addResident } from '../../helpers/sealed-residents';
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPackage } from '../../../electron/core/io/export/package-format';
import { asWriteDb } from '../../../electron/core/db/types';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { BODY_FONT, HEAD_FONT, noHeaderTemplate, ROSTER_MAPPING, rosterTemplate, summaryTemplate } from './district-templates';
import { OBSERVED_ID, OBSERVED_PHONE, PERIOD, seedSmallOffice, ZIP_PASSWORD } from './fixture';
import { bindCases } from '../../helpers/bound-cases';

let t: TestLedger;
let dir: string;
const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

/** Four more people under home observation in 幸福社区, so the roster outgrows the template's three ruled rows. */
function addObservations(n: number): string[] {
  const db = asWriteDb(t.core.services.ledger.handle());
  const now = '2020-02-01T00:00:00.000Z';
  const ids: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const idNumber = makeIdNumber('410105', `1990-01-${String(10 + i).padStart(2, '0')}`, 31 + i);
      ids.push(idNumber);
      const r = addResident(t, { household_id: 5, community_id: 1, grid_id: 2, name: `观察${i + 1}`, id_number: idNumber, phone: `1390000000${i}` }, now);
      db.prepare(
        `INSERT INTO cases (resident_id, community_id, grid_id, category, status, opened_on, obs_start_on, obs_days, obs_end_on, created_at, updated_at)
         VALUES (@r, 1, 2, 'home_observation', 'observing', '2020-02-09', '2020-02-09', 14, '2020-02-22', @now, @now)`,
      ).run({ r, now });
    }
  })();
  bindCases(t);
  return ids;
}

async function open(path: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(readFileSync(path)).buffer);
  return wb.worksheets[0]!;
}

beforeAll(async () => {
  t = await openTestLedger();
  seedSmallOffice(t);
  dir = mkdtempSync(join(tmpdir(), 'taizhang-templates-'));
  await rosterTemplate(join(dir, '花名册模板.xlsx'));
  await rosterTemplate(join(dir, '花名册模板（第二周）.xlsx'), '金水区居家医学观察人员花名册（第二周）');
  await summaryTemplate(join(dir, '统计表模板.xlsx'));
  await noHeaderTemplate(join(dir, '通知.xlsx'));
});
afterAll(() => {
  t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a district roster template', () => {
  let templateId = 0;

  it('finds the two-row header under the title, the 合计 row and the 填报 line, and suggests a mapping', async () => {
    const r = await t.call('export.templates.inspect', { templatePath: join(dir, '花名册模板.xlsx') });
    expect(r.headerRows).toEqual([3, 4]);
    expect(r.columns.map((c) => c.header)).toEqual([
      '序号',
      '街道',
      '基本信息/姓名',
      '基本信息/身份证号码',
      '基本信息/联系电话',
      '观察情况/开始日期',
      '观察情况/结束日期',
      '所在社区',
      '备注',
    ]);
    expect(r.totalRow).toBe(8);
    expect(r.infoLines).toEqual(['填报单位', '填报日期']);
    expect(r.known).toBeNull();
    expect(r.suggested.baseForm).toBe('observation-roster');
    // 备注 has no ledger field: left for the user to decide.
    expect(r.suggested.mapping).toEqual([...ROSTER_MAPPING.slice(0, 8), null]);
  });

  it('refuses a column left unmapped, naming it, and full numbers without a reason', async () => {
    const base = { templatePath: join(dir, '花名册模板.xlsx'), name: '区居家观察花名册', baseForm: 'observation-roster' };
    const e = await t.fail('export.templates.save', { ...base, mapping: [...ROSTER_MAPPING.slice(0, 8), null] });
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain('I 列「备注」');
    const why = await t.fail('export.templates.save', { ...base, mapping: ROSTER_MAPPING, fullNumbers: true });
    expect(why.message).toContain('使用完整号码的理由');
    expect((await t.call('export.templates.list', {})).length).toBe(0);
  });

  it('is saved once with full numbers and a reason, and recognised again by its header after the title changed', async () => {
    const saved = await t.call('export.templates.save', {
      templatePath: join(dir, '花名册模板.xlsx'),
      name: '区居家观察花名册',
      baseForm: 'observation-roster',
      mapping: ROSTER_MAPPING,
      fullNumbers: true,
      numbersReason: '区卫健委核对身份需要',
    });
    templateId = saved.id;
    expect(saved).toMatchObject({
      formId: `template:${saved.id}`,
      fullNumbers: true,
      numbersReason: '区卫健委核对身份需要',
      baseTitle: '居家（医学）观察人员名单',
    });
    const again = await t.call('export.templates.inspect', { templatePath: join(dir, '花名册模板（第二周）.xlsx') });
    expect(again.known?.id).toBe(saved.id);
    expect(again.suggested.mapping).toEqual(ROSTER_MAPPING);
  });

  it('fills a copy for the period: rows below the header, rows added before 合计, merges, widths, fonts and print setup kept; the template file untouched', async () => {
    const extra = addObservations(4);
    const before = sha(join(dir, '花名册模板.xlsx'));
    const out = join(dir, '本周花名册.xlsx');
    const r = await t.call('export.templates.fill', { id: templateId, ...PERIOD, outPath: out, fullNumbers: true, numbersReason: '区卫健委核对身份需要' });
    expect(r).toMatchObject({ path: out, rows: 5, fullNumbers: true });
    expect(sha(join(dir, '花名册模板.xlsx'))).toBe(before);
    const ws = await open(out);
    expect(ws.getCell('A1').value).toBe('金水区居家医学观察人员花名册');
    expect(String(ws.getCell('A2').value)).toMatch(/^填报单位（盖章）：东风街道办事处\s+填报日期：2020年2月17日$/);
    // Five rows from row 5: three ruled rows of the template and two inserted before 合计.
    const rows = [5, 6, 7, 8, 9].map((n) => [1, 2, 3, 4, 5, 6, 7, 8].map((c) => ws.getCell(n, c).value));
    expect(rows[0]).toEqual([1, '东风街道办事处', '张三', OBSERVED_ID, OBSERVED_PHONE, '2020-02-08', '2020-02-21', '幸福社区']);
    expect(rows.map((x) => x[0])).toEqual([1, 2, 3, 4, 5]);
    expect(rows.slice(1).map((x) => x[3])).toEqual(expect.arrayContaining(extra));
    expect(ws.getCell('A10').value).toBe('合计：5 人');
    expect(ws.getCell('A12').value).toMatch(/^填报人：/);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:I1', 'A2:I2', 'A3:A4', 'B3:B4', 'C3:E3', 'F3:G3', 'H3:H4', 'I3:I4', 'A10:B10', 'A12:I12']));
    expect(ws.model.merges).not.toContain('A8:B8');
    expect(ws.getCell('D9').border?.left?.style).toBe('thin');
    expect(ws.getCell('D9').font).toMatchObject(BODY_FONT);
    // The template's row height, or more where a value wraps: 「东风街道办事处」 takes two lines of 街道 (template-fill-fit.test).
    expect(ws.getRow(9).height).toBeGreaterThanOrEqual(22);
    expect(ws.getCell('C4').font).toMatchObject(HEAD_FONT);
    expect(ws.getColumn(4).width).toBe(22);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:4' });
    expect(ws.pageSetup.margins).toMatchObject({ left: 0.3, right: 0.3, top: 0.5 });
    expect(ws.headerFooter.oddFooter).toBe('第 &P 页');
  });

  it('audits the file with full numbers: form, period, row count and reason', async () => {
    const rows = t.core.services.ledger
      .handle()
      .prepare(`SELECT after_json AS after FROM audit_log WHERE entity = 'export.full_numbers' ORDER BY id DESC LIMIT 1`)
      .get() as { after: string };
    expect(JSON.parse(rows.after)).toMatchObject({ form: `template:${templateId}`, period: PERIOD, rows: 5, reason: '区卫健委核对身份需要' });
  });

  it('writes masked numbers unless full numbers are chosen explicitly, and never over an existing file', async () => {
    const out = join(dir, '本周花名册.xlsx');
    const r = await t.call('export.templates.fill', { id: templateId, ...PERIOD, outPath: out });
    expect(r.path).toBe(join(dir, '本周花名册(2).xlsx'));
    const ws = await open(r.path);
    expect(ws.getCell('D5').value).toBe(`${OBSERVED_ID.slice(0, 4)}${'*'.repeat(10)}${OBSERVED_ID.slice(-4)}`);
    expect(ws.getCell('E5').value).toBe('138****5678');
  });

  it('says so for a period with no rows, and writes the header-only form only when confirmed', async () => {
    const quiet = { from: '2019-12-01', to: '2019-12-07' };
    const e = await t.fail('export.templates.fill', { id: templateId, ...quiet, outPath: join(dir, '空表.xlsx') });
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain('在 2019-12-01 至 2019-12-07 没有数据');
    expect(readdirSync(dir)).not.toContain('空表.xlsx');
    const r = await t.call('export.templates.fill', { id: templateId, ...quiet, outPath: join(dir, '空表.xlsx'), allowEmpty: true });
    expect(r.rows).toBe(0);
    const ws = await open(r.path);
    expect(ws.getCell('A5').value).toBeNull();
    expect(ws.getCell('A8').value).toBe('合计：0 人');
  });

  it('travels in the package beside the built-in forms, its rows in data.json under its base form', async () => {
    const stick = mkdtempSync(join(tmpdir(), 'taizhang-stick-'));
    const w = await t.call('export.write', { ...PERIOD, formIds: ['caseload-summary', `template:${templateId}`], folder: stick, password: ZIP_PASSWORD });
    const key = await t.call('export.officeKey', {});
    const pem = /-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/.exec(key.publicKeyFile)![0];
    const v = await verifyPackage(readFileSync(w.path), ZIP_PASSWORD, [{ officeName: '', publicKeyPem: pem, fingerprint: key.fingerprint }]);
    if (!v.ok) throw new Error(v.reason);
    expect([...v.parts.keys()].sort()).toEqual(['data.json', 'forms.xlsx', 'manifest.json', 'manifest.sig', '区级表格_区居家观察花名册.xlsx']);
    expect(v.manifest.forms.find((f) => f.id === `template:${templateId}`)).toMatchObject({
      rows: 5,
      fullNumbers: true,
      part: '区级表格_区居家观察花名册.xlsx',
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(v.parts.get('区级表格_区居家观察花名册.xlsx')!).buffer);
    expect(wb.worksheets[0]!.getCell('D5').value).toBe(OBSERVED_ID);
    const data = JSON.parse(Buffer.from(v.parts.get('data.json')!).toString('utf8')) as { forms: Array<{ id: string; baseForm?: string; rows: unknown[] }> };
    expect(data.forms.find((f) => f.id === `template:${templateId}`)).toMatchObject({ baseForm: 'observation-roster' });
    rmSync(stick, { recursive: true, force: true });
  });
});

describe('a summary template with no ruled rows', () => {
  it('inserts every row above its 合计 row and sums the number columns there', async () => {
    const inspect = await t.call('export.templates.inspect', { templatePath: join(dir, '统计表模板.xlsx') });
    expect(inspect).toMatchObject({ headerRows: [3, 3], totalRow: 4, infoLines: ['统计期间'] });
    expect(inspect.suggested.baseForm).toBe('caseload-summary');
    expect(inspect.suggested.mapping.map((m) => (m && m.kind === 'field' ? m.key : m?.kind))).toEqual([
      'serial',
      'community',
      'category',
      'active',
      'opened',
      'closed',
    ]);
    const saved = await t.call('export.templates.save', {
      templatePath: join(dir, '统计表模板.xlsx'),
      name: '区排查统计表',
      baseForm: 'caseload-summary',
      mapping: inspect.suggested.mapping,
    });
    expect(saved.fullNumbers).toBe(false);
    const r = await t.call('export.templates.fill', { id: saved.id, ...PERIOD, outPath: join(dir, '统计表.xlsx') });
    const ws = await open(r.path);
    expect(String(ws.getCell('A2').value)).toBe('统计时间：2020年2月10日至2020年2月16日');
    const total = r.rows + 4;
    expect(ws.getCell(total, 1).value).toBe('合计');
    expect(ws.model.merges).toContain(`A${total}:C${total}`);
    const sum = ws.getCell(total, 4).value as { formula: string; result: number };
    expect(sum.formula).toBe(`SUM(D4:D${total - 1})`);
    let active = 0;
    for (let row = 4; row < total; row++) active += Number(ws.getCell(row, 4).value);
    expect(sum.result).toBe(active);
    expect(ws.getCell(4, 1).border?.top?.style).toBe('thin');
  });
});

describe('templates that cannot be used', () => {
  it('a sheet with no header row gets a clear message', async () => {
    const e = await t.fail('export.templates.inspect', { templatePath: join(dir, '通知.xlsx') });
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain('找不到表头');
  });
  it('an old .xls or a file that is not a workbook is named as such', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, '旧模板.xls'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    writeFileSync(join(dir, '不是表格.xlsx'), '这不是表格');
    expect((await t.fail('export.templates.inspect', { templatePath: join(dir, '旧模板.xls') })).message).toContain('另存为');
    expect((await t.fail('export.templates.inspect', { templatePath: join(dir, '不是表格.xlsx') })).message).toContain('不是 Excel 工作簿');
  });
  it('only a coordinator may map or fill a template', async () => {
    const clerk = await t.sessionAs('clerk');
    expect((await t.fail('export.templates.inspect', { templatePath: join(dir, '花名册模板.xlsx') }, clerk)).code).toBe('FORBIDDEN');
    expect(
      (await t.fail('export.templates.fill', { id: 1, ...PERIOD, outPath: join(dir, 'x.xlsx'), fullNumbers: true, numbersReason: '需要' }, clerk)).code,
    ).toBe('FORBIDDEN');
  });
});
