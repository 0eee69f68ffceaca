/**
 * A district fills its own template from several offices' 重点人群关爱服务台账 (issue 14, session 23): its 合计 row
 * says how many people, as each office's form did (「共 1 人（2 项关爱）」), not the rows as people. One person under
 * two kinds of care is two rows; the district adds up what each office counted. A package from before the count
 * travelled in data.json counts its rows by person.
 */
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asWriteDb } from '../../../electron/core/db/types';
import { PART_NAMES, sha256Hex } from '../../../electron/core/io/export/package-format';
import { bindCases } from '../../helpers/bound-cases';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { saveCareRosterTemplate } from './district-templates';
import { PERIOD, seedSmallOffice, ZIP_PASSWORD } from './fixture';
import { partsOf, reseal } from './rebuild-package';

let east: TestLedger;
let west: TestLedger;
let district: TestLedger;
let stick: string;
let templateId: number;

/** A second care case for an office's resident already under care (or not): one more row, maybe one more person. */
function addCare(t: TestLedger, residentOf: 'solitary_elderly' | 'home_observation', category: string): void {
  const db = asWriteDb(t.core.services.ledger.handle());
  db.prepare(
    `INSERT INTO cases (resident_id, community_id, grid_id, category, status, opened_on, created_at, updated_at)
     SELECT resident_id, community_id, grid_id, @category, 'open', '2020-02-05', created_at, updated_at FROM cases WHERE category = @of`,
  ).run({ category, of: residentOf });
  bindCases(t);
}

async function packageOf(t: TestLedger, name: string): Promise<string> {
  const folder = join(stick, name);
  mkdirSync(folder);
  return (await t.call('export.write', { ...PERIOD, formIds: ['care-ledger'], folder, password: ZIP_PASSWORD })).path;
}

async function districtFill(paths: string[], name: string): Promise<ExcelJS.Worksheet> {
  const folder = join(stick, name);
  mkdirSync(folder);
  const r = await district.call('export.district.verify', {
    packages: paths.map((path) => ({ path, password: ZIP_PASSWORD })),
    template: { id: templateId, folder },
  });
  expect(r.packages.map((p) => p.ok)).toEqual(paths.map(() => true));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(readFileSync(r.filled!.path)).buffer);
  return wb.worksheets[0]!;
}

beforeAll(async () => {
  stick = mkdtempSync(join(tmpdir(), 'taizhang-district-count-'));
  east = await openTestLedger();
  west = await openTestLedger({ office: '西湖街道办事处' });
  district = await openTestLedger({ office: '金水区民政局' });
  seedSmallOffice(east);
  seedSmallOffice(west);
  // 东风: 李奶奶 is 空巢 and 特困 (1 person, 2 rows). 西湖: 李奶奶 空巢, and 张三 流浪 (2 people, 2 rows).
  addCare(east, 'solitary_elderly', 'extreme_poverty');
  addCare(west, 'home_observation', 'homeless');
  for (const office of [east, west])
    await district.call('export.district.addKey', { keyPath: (await office.call('export.savePublicKey', { folder: stick })).path });
  templateId = await saveCareRosterTemplate(district, stick);
});
afterAll(() => {
  for (const t of [east, west, district]) t.close();
  rmSync(stick, { recursive: true, force: true });
});

describe('a district template filled from several offices’ 重点人群关爱服务台账', () => {
  it('says the people in its 合计 row as the offices counted them: 合计：3 人（4 项关爱）, not 4 人', async () => {
    const ws = await districtFill([await packageOf(east, 'east'), await packageOf(west, 'west')], 'merged');
    expect([5, 6, 7, 8].map((r) => [ws.getCell(r, 2).value, ws.getCell(r, 3).value, ws.getCell(r, 9).value])).toEqual([
      ['东风街道办事处', '李奶奶', '空巢（独居）老年人'],
      ['东风街道办事处', '李奶奶', '分散供养特困人员'],
      ['西湖街道办事处', '李奶奶', '空巢（独居）老年人'],
      ['西湖街道办事处', '张三', '生活无着流浪人员'],
    ]);
    expect(ws.getCell('A9').value).toBe('合计：3 人（4 项关爱）');
  });

  it('counts a package without the count (made before it travelled) by person: name and ID number as sent', async () => {
    const path = await packageOf(east, 'east-old');
    const opened = await partsOf(east, path);
    const data = JSON.parse(Buffer.from(opened.parts.get(PART_NAMES.data)!).toString('utf8')) as { forms: Array<{ people?: number }> };
    expect(data.forms[0]!.people).toBe(1);
    delete data.forms[0]!.people;
    const bytes = Buffer.from(JSON.stringify(data), 'utf8');
    opened.parts.set(PART_NAMES.data, bytes);
    opened.manifest.parts = opened.manifest.parts.map((p) => (p.name === PART_NAMES.data ? { ...p, sha256: sha256Hex(bytes), bytes: bytes.length } : p));
    const old = await reseal(east, join(stick, 'east-old.zip'), opened);
    const ws = await districtFill([old, await packageOf(west, 'west-2')], 'merged-old');
    expect(ws.getCell('A9').value).toBe('合计：3 人（4 项关爱）');
  });
});
