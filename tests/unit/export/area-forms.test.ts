/**
 * The three forms other areas feed: 防控物资库存与缺口表 (supplies),
 * 值守人员及补助统计表 (rota) and 牺牲人员及表彰情况表 (honours). A small
 * ledger is built through the areas' own channels, the package is written and
 * opened with the office key, and each sheet's headers, hand-checked figures
 * and masking are read back; an office without an area's data leaves its form out.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../../electron/core/io/export/forms/types';
import { PART_NAMES, verifyPackage } from '../../../electron/core/io/export/package-format';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { FALLEN_ID, VOLUNTEER_PHONE, WORKER_PHONE, seedHonours, seedRota, seedSupplies } from './area-seeds';
import { PERIOD, ZIP_PASSWORD } from './fixture';

const NEW_FORMS = ['supplies-shortage', 'staff-allowances', 'memorial-commendations'];

let t: TestLedger;
let out: string;

async function openPackage(t: TestLedger, path: string): Promise<Map<string, Uint8Array>> {
  const key = await t.call('export.officeKey', {});
  const pem = /-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/.exec(key.publicKeyFile)![0];
  const v = await verifyPackage(readFileSync(path), ZIP_PASSWORD, [{ officeName: '', publicKeyPem: pem, fingerprint: key.fingerprint }]);
  if (!v.ok) throw new Error(v.reason);
  return v.parts;
}

type Rows = Array<Record<string, CellValue>>;
let data: { forms: Array<{ id: string; columns: Array<{ header: string }>; rows: Rows }> };
let dataText: string;
let workbook: ExcelJS.Workbook;
let sheetsXml: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'taizhang-area-forms-'));
  t = await openTestLedger();
  const happy = await t.call('org.communities.save', { name: '幸福社区' });
  await t.call('org.communities.save', { name: '和平社区' });
  await seedSupplies(t, happy.id);
  await seedRota(t, happy.id);
  await seedHonours(t, happy.id);
  const written = await t.call('export.write', { ...PERIOD, formIds: NEW_FORMS, folder: out, password: ZIP_PASSWORD });
  const parts = await openPackage(t, written.path);
  dataText = Buffer.from(parts.get(PART_NAMES.data)!).toString('utf8');
  data = JSON.parse(dataText) as typeof data;
  workbook = new ExcelJS.Workbook();
  // A copy as a plain ArrayBuffer: exceljs types its input that way.
  await workbook.xlsx.load(new Uint8Array(parts.get(PART_NAMES.forms)!).buffer);
  sheetsXml = workbook.worksheets.map((ws) => ws.getSheetValues().flat().map(String).join('|')).join('\n');
});
afterAll(() => {
  t.close();
  rmSync(out, { recursive: true, force: true });
});

const rowsOf = (id: string): Rows => data.forms.find((f) => f.id === id)!.rows;
/** A sheet's header words as a person reads them: a header that wraps in its column has line breaks between its words (header-break.shared.ts). */
const headerRow = (sheet: string): string[] => (workbook.getWorksheet(sheet)!.getRow(3).values as unknown[]).slice(1).map((v) => String(v).replace(/\n/g, ''));

describe('the three area forms in the package', () => {
  it('preview lists them with their rows and the personal data that would leave', async () => {
    const p = await t.call('export.preview', PERIOD);
    const byId = new Map(p.forms.map((f) => [f.id, f]));
    expect(byId.get('supplies-shortage')).toMatchObject({ rows: 2, personalData: [] });
    // The pay sheet carries full numbers by default: whoever pays the subsidy needs them (2 people; the 合计 line is not a row).
    expect(byId.get('staff-allowances')).toMatchObject({ rows: 2, personalData: ['姓名', '身份证号（完整号码）', '联系电话（完整号码）'], fullNumbers: true });
    expect(byId.get('memorial-commendations')).toMatchObject({ rows: 2, personalData: ['姓名（表彰对象）'] });
  });

  it('writes one sheet per form with Chinese headers', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['防控物资库存与缺口', '值守人员及补助统计', '牺牲人员及表彰情况']);
    expect(headerRow('防控物资库存与缺口')).toEqual([
      '社区（仓库）',
      '物资名称',
      '单位',
      '期末库存',
      '日均消耗',
      '可用天数',
      '安全天数',
      '缺口数量',
      '是否短缺',
      '短缺情况',
      '预计到货',
    ]);
    expect(headerRow('值守人员及补助统计')).toEqual([
      '所属社区',
      '姓名',
      '人员类别',
      '身份证号',
      '联系电话',
      '排班班次',
      '确认出勤天数',
      '确认出勤班次',
      '补助项目',
      '补助标准',
      '应发（元）',
      '调整（元）',
      '调整原因',
      '实发（元）',
    ]);
    expect(headerRow('牺牲人员及表彰情况')).toEqual([
      '类别',
      '姓名（表彰对象）',
      '岗位职务（对象类别）',
      '所在社区',
      '牺牲日期',
      '原因类别',
      '报告情况',
      '表彰情况',
      '推荐单位',
      '慰问家属（次）',
      '家属困难帮扶',
      '后续办理（工伤认定/烈士评定/抚恤）',
    ]);
    const title = workbook.getWorksheet('值守人员及补助统计')!.getCell('A1').value;
    expect(title).toBe('值守人员及补助统计表');
    expect(sheetsXml).toContain('填报人');
  });

  it('防控物资库存与缺口表: stock, daily use, cover, shortfall per store and item (never-stocked pairs left out)', () => {
    expect(rowsOf('supplies-shortage')).toEqual([
      {
        store: '街道仓库',
        item: '消毒液',
        unit: '瓶',
        stock: 96,
        burn: 3.4,
        cover: 28,
        safetyDays: 10,
        shortfall: 0,
        short: '否',
        reasons: '',
        nextDelivery: '',
      },
      {
        store: '幸福社区',
        item: '口罩',
        unit: '只',
        stock: 150,
        burn: 50,
        cover: 3,
        safetyDays: 7,
        shortfall: 200,
        short: '是',
        reasons: '低于安全天数、到货前断货',
        nextDelivery: '2020-02-20（500只）',
      },
    ]);
  });

  it('值守人员及补助统计表: days, shifts and allowance by the rates, adjustments and a 合计 row; full phones (the pay sheet policy)', () => {
    const rows = rowsOf('staff-allowances');
    expect(rows).toEqual([
      {
        community: '幸福社区',
        name: '张伟',
        kind: '专职社区工作者',
        idNumber: null,
        phone: WORKER_PHONE,
        planned: 3,
        days: 3,
        shifts: 3,
        label: '临时性工作补助',
        rate: '100 元/天',
        base: 300,
        adjustment: 50,
        reasons: '夜间加班',
        total: 350,
      },
      {
        community: '幸福社区',
        name: '李娜',
        kind: '志愿者',
        idNumber: null,
        phone: VOLUNTEER_PHONE,
        planned: 2,
        days: 2,
        shifts: 2,
        label: '志愿者补贴',
        rate: '30 元/班',
        base: 60,
        adjustment: 0,
        reasons: '',
        total: 60,
      },
      {
        community: '合计',
        name: '2 人',
        kind: '',
        idNumber: null,
        phone: null,
        planned: 5,
        days: 5,
        shifts: 5,
        label: '',
        rate: '',
        base: 360,
        adjustment: 50,
        reasons: '',
        total: 410,
      },
    ]);
    expect(sheetsXml).toContain(WORKER_PHONE);
    // The rates are the office's: the district must not read 补助标准 as a standard from above (session 23).
    const sheet = workbook.getWorksheet('值守人员及补助统计')!;
    const notes = (sheet.getColumn(1).values as unknown[]).map(String).filter((v) => v.startsWith('注：'));
    expect(notes).toEqual(['注：补助项目和补助标准是本街道的设定，通知没有规定补助金额。应发按已确认的出勤计算。']);
  });

  it('牺牲人员及表彰情况表: the death in the period with reporting, commendation and family care; the living commended; no ID number', () => {
    expect(rowsOf('memorial-commendations')).toEqual([
      {
        // The notice's words: 因公牺牲 is a determination made by others later.
        section: '因社区防控工作牺牲',
        name: '刘志强',
        post: '社区党委书记',
        community: '幸福社区',
        diedOn: '2020-02-12',
        cause: '过度劳累',
        reporting: '未报告：上级民政部门、上级卫生健康部门',
        commendation: '追授表彰拟稿：抗疫先进个人',
        proposer: '',
        visits: 1,
        difficulties: '1 项，已解决 0 项',
        steps: '工伤认定：未办理；烈士评定：未办理；抚恤：未办理',
      },
      {
        section: '表彰推荐',
        name: '幸福社区志愿服务队',
        post: '志愿服务队',
        community: '幸福社区',
        diedOn: null,
        cause: null,
        reporting: null,
        commendation: '已报送：优秀志愿服务集体（区委宣传部）',
        proposer: '幸福社区党委',
        visits: null,
        difficulties: null,
        steps: null,
      },
    ]);
    expect(dataText).not.toContain('赵某');
    for (const text of [dataText, sheetsXml]) {
      expect(text).not.toContain(FALLEN_ID);
      expect(text).not.toContain(FALLEN_ID.slice(-4));
    }
  });
});

describe('an office without an area’s data', () => {
  it('leaves the empty areas’ forms out and refuses to export them', async () => {
    const other = await openTestLedger({ office: '西湖街道办事处' });
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-area-empty-'));
    try {
      const none = await other.call('export.preview', PERIOD);
      expect(none.forms).toEqual([]);
      expect(none.leftOut.map((f) => f.id)).toEqual(expect.arrayContaining(NEW_FORMS));
      // Supplies alone: only its form joins the package, the rota and honours forms stay out.
      const c = await other.call('org.communities.save', { name: '湖滨社区' });
      await seedSupplies(other, c.id);
      const some = await other.call('export.preview', PERIOD);
      expect(some.forms.map((f) => f.id)).toEqual(['supplies-shortage']);
      expect(some.leftOut.map((f) => f.id)).toEqual(expect.arrayContaining(['staff-allowances', 'memorial-commendations']));
      const e = await other.fail('export.write', { ...PERIOD, formIds: ['supplies-shortage', 'memorial-commendations'], folder: dir, password: ZIP_PASSWORD });
      expect(e.code).toBe('BAD_INPUT');
      expect(e.message).toContain('牺牲人员及表彰情况表');
      expect(readdirSync(dir)).toEqual([]);
      // A commendation of the living alone (no one has died) brings the honours form in.
      await other.call('honours.commendations.save', {
        subjectKind: 'volunteer_team',
        subjectName: '湖滨社区志愿服务队',
        communityId: c.id,
        proposedTitle: '优秀志愿服务集体',
        deeds: '配送物资一千余户次。',
        proposer: '湖滨社区党委',
      });
      expect((await other.call('export.preview', PERIOD)).forms.map((f) => f.id)).toContain('memorial-commendations');
    } finally {
      other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
