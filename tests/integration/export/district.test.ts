/**
 * The district side: two street offices export, the district registers their
 * public keys, verifies the packages (one tampered, one from an unknown key)
 * and merges the summary forms; `npm run verify` checks a package from the
 * command line.
 */
import ExcelJS from 'exceljs';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { rosterTemplate } from '../../unit/export/district-templates';
import { OBSERVED_ID, PERIOD, seedSmallOffice, ZIP_PASSWORD } from '../../unit/export/fixture';

const FORMS = ['caseload-summary', 'screening-coverage', 'observation-roster'];
let east: TestLedger;
let west: TestLedger;
let stranger: TestLedger;
let district: TestLedger;
let stick: string;
const pkg: Record<string, string> = {};
const pub: Record<string, string> = {};

beforeAll(async () => {
  stick = mkdtempSync(join(tmpdir(), 'taizhang-district-'));
  east = await openTestLedger({ office: '东风街道办事处' });
  west = await openTestLedger({ office: '西湖街道办事处' });
  stranger = await openTestLedger({ office: '未登记街道办事处' });
  district = await openTestLedger({ office: '金水区民政局' });
  for (const [name, t] of Object.entries({ east, west, stranger })) {
    seedSmallOffice(t);
    pkg[name] = (await t.call('export.write', { ...PERIOD, formIds: FORMS, folder: stick, password: ZIP_PASSWORD })).path;
    pub[name] = (await t.call('export.savePublicKey', { folder: stick })).path;
  }
});
afterAll(() => {
  for (const t of [east, west, stranger, district]) t.close();
  rmSync(stick, { recursive: true, force: true });
});

describe('district mode', () => {
  it('registers office keys, refuses tampered and unknown packages with the reason, and merges the rest', async () => {
    await district.call('export.district.addKey', { keyPath: pub.east! });
    await district.call('export.district.addKey', { keyPath: pub.west! });
    expect((await district.fail('export.district.addKey', { keyPath: pub.east! })).message).toContain('已经登记过');
    const tampered = join(stick, 'tampered.zip');
    const bytes = readFileSync(pkg.west!);
    const mid = Math.floor(bytes.length / 2);
    bytes[mid] = bytes[mid]! ^ 0x10;
    writeFileSync(tampered, bytes);
    const r = await district.call('export.district.verify', {
      packages: [
        { path: pkg.east!, password: ZIP_PASSWORD },
        { path: pkg.west!, password: ZIP_PASSWORD },
        { path: tampered, password: ZIP_PASSWORD },
        { path: pkg.stranger!, password: ZIP_PASSWORD },
        { path: pkg.east!, password: 'wrong-password' },
      ],
    });
    expect(r.packages.map((p) => p.ok)).toEqual([true, true, false, false, false]);
    expect(r.packages[0]).toMatchObject({ officeName: '东风街道办事处', from: PERIOD.from, to: PERIOD.to });
    expect(r.packages[0]!.audit).toMatch(/^操作日志：到第 \d+ 条，共 \d+ 条（末条校验值 [0-9a-f]{12}…），导出时完整。$/);
    expect(r.packages[2]!.reason).toContain('被改动');
    expect(r.packages[3]!.reason).toContain('未登记');
    expect(r.packages[4]!.reason).toContain('密码不对');
    const summary = r.merged.find((f) => f.id === 'caseload-summary')!;
    expect(summary.headers[0]).toBe('街道办事处');
    expect(new Set(summary.rows.map((row) => row[0]))).toEqual(new Set(['东风街道办事处', '西湖街道办事处']));
    expect(r.merged.map((f) => f.id).sort()).toEqual(['caseload-summary', 'screening-coverage']);
  });

  it('an unsigned zip is refused as unsigned', async () => {
    const plain = join(stick, 'plain.zip');
    execFileSync('7z', ['a', `-p${ZIP_PASSWORD}`, plain, pub.east!], { stdio: 'pipe' });
    const r = await district.call('export.district.verify', { packages: [{ path: plain, password: ZIP_PASSWORD }] });
    expect(r.packages[0]!.reason).toContain('没有签名');
  });
});

async function sheetOf(path: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(readFileSync(path)).buffer);
  return wb.worksheets[0]!;
}
const MASKED_ID = `${OBSERVED_ID.slice(0, 4)}${'*'.repeat(10)}${OBSERVED_ID.slice(-4)}`;

describe('the district passes the same form one level up', () => {
  it('the in-app merge fills the district roster template from every verified office, one row per person naming the office', async () => {
    const templatePath = join(stick, '区花名册模板.xlsx');
    await rosterTemplate(templatePath);
    const inspect = await district.call('export.templates.inspect', { templatePath });
    const mapping = inspect.suggested.mapping.map((m) => m ?? { kind: 'blank' as const });
    const saved = await district.call('export.templates.save', {
      templatePath,
      name: '区居家观察花名册',
      baseForm: 'observation-roster',
      mapping,
      fullNumbers: false,
    });
    const out = mkdtempSync(join(tmpdir(), 'taizhang-district-out-'));
    const r = await district.call('export.district.verify', {
      packages: [
        { path: pkg.east!, password: ZIP_PASSWORD },
        { path: pkg.west!, password: ZIP_PASSWORD },
        { path: pkg.stranger!, password: ZIP_PASSWORD },
      ],
      template: { id: saved.id, folder: out },
    });
    expect(r.filled).toMatchObject({ title: '区居家观察花名册', rows: 2, offices: 2 });
    expect(readdirSync(out)).toEqual(['区居家观察花名册_20200210-20200216_汇总.xlsx']);
    const ws = await sheetOf(r.filled!.path);
    expect(String(ws.getCell('A2').value)).toMatch(/^填报单位（盖章）：金水区民政局/);
    expect([5, 6].map((n) => [ws.getCell(n, 1).value, ws.getCell(n, 2).value, ws.getCell(n, 3).value])).toEqual([
      [1, '东风街道办事处', '张三'],
      [2, '西湖街道办事处', '张三'],
    ]);
    // The offices sent full numbers (their roster's default); the district's form is masked, so they are masked again.
    expect(ws.getCell('D5').value).toBe(MASKED_ID);
    expect(ws.getCell('A8').value).toBe('合计：2 人');
    expect(ws.model.merges).toContain('A8:B8');
    rmSync(out, { recursive: true, force: true });
  });
});

describe('npm run verify', () => {
  const verify = (...args: string[]) => spawnSync(process.execPath, ['dist-electron/verify.cjs', ...args], { encoding: 'utf8' });

  it('checks several packages and fills the district template from them, full numbers only when asked', async () => {
    const templatePath = join(stick, '区花名册模板-命令行.xlsx');
    await rosterTemplate(templatePath);
    const out = mkdtempSync(join(tmpdir(), 'taizhang-verify-out-'));
    const base = [
      pkg.east!,
      pkg.west!,
      '--key',
      pub.east!,
      '--key',
      pub.west!,
      '--password',
      ZIP_PASSWORD,
      '--template',
      templatePath,
      '--out',
      out,
      '--office',
      '金水区卫健委',
    ];
    const unmapped = verify(...base);
    expect(unmapped.status).toBe(2);
    expect(unmapped.stderr).toContain('I 列「备注」不知道填什么');
    expect(readdirSync(out)).toEqual([]);
    const r = verify(...base, '--map', '备注=留空', '--full-numbers');
    expect(r.stdout).toContain('已填好区级表格');
    expect(r.stdout).toContain('2 个街道，2 行，含完整号码');
    expect(r.status).toBe(0);
    const ws = await sheetOf(join(out, readdirSync(out)[0]!));
    expect(String(ws.getCell('A2').value)).toMatch(/^填报单位（盖章）：金水区卫健委/);
    expect(ws.getCell('D5').value).toBe(OBSERVED_ID);
    expect(ws.getCell('B6').value).toBe('西湖街道办事处');
    rmSync(out, { recursive: true, force: true });
  });

  it('passes a good package and prints what it holds', () => {
    const r = verify(pkg.east!, '--key', pub.east!, '--password', ZIP_PASSWORD);
    expect(r.stdout).toContain('核验通过');
    expect(r.stdout).toContain('东风街道办事处');
    expect(r.stdout).toContain('导出时完整');
    expect(r.status).toBe(0);
  });

  it('fails a package signed by another key, and a flipped byte', () => {
    expect(verify(pkg.west!, '--key', pub.east!, '--password', ZIP_PASSWORD).status).toBe(1);
    const flipped = join(stick, 'flipped.zip');
    const bytes = readFileSync(pkg.east!);
    bytes[100] = bytes[100]! ^ 0x01;
    writeFileSync(flipped, bytes);
    const r = verify(flipped, '--key', pub.east!, '--password', ZIP_PASSWORD);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('核验未通过');
  });
});
