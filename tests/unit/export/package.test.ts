import { execFileSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex, verifyPackage, type Manifest } from '../../../electron/core/io/export/package-format';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { OBSERVED_ID, OBSERVED_PHONE, PERIOD, seedSmallOffice, ZIP_PASSWORD } from './fixture';

let t: TestLedger;
let out: string;
const ALL = ['caseload-summary', 'observation-roster', 'screening-coverage', 'care-ledger'];

beforeAll(async () => {
  t = await openTestLedger();
  seedSmallOffice(t);
  out = mkdtempSync(join(tmpdir(), 'taizhang-export-'));
});
afterAll(() => {
  t.close();
  rmSync(out, { recursive: true, force: true });
});

function extract(zip: string, password: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-7z-'));
  execFileSync('7z', ['x', '-y', `-p${password}`, `-o${dir}`, zip], { stdio: 'pipe' });
  return dir;
}

describe('export.write: the submission package', () => {
  let written: Awaited<ReturnType<TestLedger['call']>> & { path: string; sha256: string; fileName: string; correction: boolean };

  beforeAll(async () => {
    // The office records that its recipients need no full numbers on the roster and care ledger (their default is full).
    for (const formId of ['observation-roster', 'care-ledger']) await t.call('export.policies.set', { formId, fullNumbers: false });
    written = await t.call('export.write', { ...PERIOD, formIds: ALL, folder: out, password: ZIP_PASSWORD });
  });

  it('names the file after office, period and time, and returns the verified path and hash', () => {
    expect(written.fileName).toBe('东风街道办事处_20200210-20200216_上报_20200217-090000.zip');
    expect(written.path).toBe(join(out, written.fileName));
    expect(sha256Hex(readFileSync(written.path))).toBe(written.sha256);
    expect(written.correction).toBe(false);
    // Nothing but the package is left in the folder: no temporary file.
    expect(readdirSync(out)).toEqual([written.fileName]);
  });

  it('opens with 7-Zip and the password; every hash in the manifest matches and the manifest signature verifies', async () => {
    const dir = extract(written.path, ZIP_PASSWORD);
    expect(readdirSync(dir).sort()).toEqual(['data.json', 'forms.xlsx', 'manifest.json', 'manifest.sig']);
    const manifestBytes = readFileSync(join(dir, 'manifest.json'));
    const manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
    expect(manifest.officeName).toBe('东风街道办事处');
    expect(manifest.period).toEqual(PERIOD);
    expect(manifest.schemaVersion).toBe(2);
    for (const p of manifest.parts) expect(sha256Hex(readFileSync(join(dir, p.name)))).toBe(p.sha256);
    const key = await t.call('export.officeKey', {});
    expect(manifest.keyFingerprint).toBe(key.fingerprint);
    const pem = /-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/.exec(key.publicKeyFile)![0];
    const sig = Buffer.from(readFileSync(join(dir, 'manifest.sig'), 'latin1'), 'base64');
    expect(verify(null, manifestBytes, createPublicKey(pem), sig)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a wrong password in 7-Zip too (the entries are AES-256)', () => {
    const listing = execFileSync('7z', ['l', '-slt', `-p${ZIP_PASSWORD}`, written.path]).toString();
    expect(listing).toMatch(/Method = AES-256/);
    expect(() => execFileSync('7z', ['x', '-y', '-pwrong-password', `-o${join(out, 'x')}`, written.path], { stdio: 'pipe' })).toThrow();
    rmSync(join(out, 'x'), { recursive: true, force: true });
  });

  it("masks ID numbers and phones in data.json and forms.xlsx when the forms' policy is masked", () => {
    const dir = extract(written.path, ZIP_PASSWORD);
    const data = readFileSync(join(dir, 'data.json'), 'utf8');
    expect(data).not.toContain(OBSERVED_ID);
    expect(data).not.toContain(OBSERVED_PHONE);
    expect(data).toContain(`${OBSERVED_ID.slice(0, 4)}${'*'.repeat(10)}${OBSERVED_ID.slice(-4)}`);
    expect(data).toContain('138****5678');
    const sheets = extract(join(dir, 'forms.xlsx'), '-');
    const xml = readdirSync(join(sheets, 'xl', 'worksheets'))
      .map((f) => (f.endsWith('.xml') ? readFileSync(join(sheets, 'xl', 'worksheets', f), 'utf8') : ''))
      .join('');
    expect(xml).toContain('138****5678');
    expect(xml).not.toContain(OBSERVED_ID);
    expect(xml).toContain('填报人');
    rmSync(dir, { recursive: true, force: true });
    rmSync(sheets, { recursive: true, force: true });
  });

  it('puts the right figures in the forms', () => {
    const dir = extract(written.path, ZIP_PASSWORD);
    const data = JSON.parse(readFileSync(join(dir, 'data.json'), 'utf8')) as { forms: Array<{ id: string; rows: Array<Record<string, unknown>> }> };
    const form = (id: string) => data.forms.find((f) => f.id === id)!.rows;
    expect(form('observation-roster')).toEqual([expect.objectContaining({ name: '张三', startOn: '2020-02-08', endOn: '2020-02-21', done: 5, missed: 2 })]);
    const grid1 = form('screening-coverage').find((r) => r.community === '幸福社区' && r.grid === '第一网格');
    // The grid declares 5 households and 4 are on the ledger: 3 screened of 5 to screen.
    expect(grid1).toMatchObject({ declared: 5, loaded: 4, households: 5, screened: 3, screenedInPeriod: 2, revisit: 1, coverage: 60 });
    const returnee = form('caseload-summary').find((r) => r.category === '返程人员');
    expect(returnee).toMatchObject({ active: 0, opened: 0, closed: 1 });
    expect(form('care-ledger')).toEqual([expect.objectContaining({ name: '李奶奶', visits: 2, openNeeds: 1, needs: '代购降压药' })]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('detects one flipped byte anywhere in the file', async () => {
    const bytes = readFileSync(written.path);
    const key = await t.call('export.officeKey', {});
    const pem = /-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/.exec(key.publicKeyFile)![0];
    const trusted = [{ officeName: '东风街道办事处', publicKeyPem: pem, fingerprint: key.fingerprint }];
    expect((await verifyPackage(bytes, ZIP_PASSWORD, trusted)).ok).toBe(true);
    const positions = new Set([0, 1, 30, bytes.length - 1, bytes.length - 50, bytes.length - 120, bytes.length - 200]);
    for (let i = 0; i < 40; i++) positions.add(Math.floor((bytes.length * i) / 40));
    for (const pos of positions) {
      const bad = Buffer.from(bytes);
      bad[pos] = bad[pos]! ^ 0x01;
      const v = await verifyPackage(bad, ZIP_PASSWORD, trusted);
      expect(v.ok, `flip at ${pos} of ${bytes.length}`).toBe(false);
    }
  });

  it('records the export in the log, and marks a second export of the period as a correction (更正)', async () => {
    const again = await t.call('export.write', { ...PERIOD, formIds: ['caseload-summary'], folder: out, password: ZIP_PASSWORD });
    expect(again.correction).toBe(true);
    const log = await t.call('export.log', {});
    expect(log.total).toBe(2);
    expect(log.rows[0]).toMatchObject({
      id: again.logId,
      isCorrection: true,
      formIds: ['caseload-summary'],
      sha256: again.sha256,
      username: 'admin',
      periodFrom: PERIOD.from,
    });
    expect(log.rows[1]).toMatchObject({ isCorrection: false, sha256: written.sha256, destination: written.path });
    const preview = await t.call('export.preview', PERIOD);
    expect(preview.correction).toBe(true);
  });
});

describe('export.preview and who may export', () => {
  it('lists each form with its row count and the personal data that would leave', async () => {
    const p = await t.call('export.preview', PERIOD);
    expect(p.forms.map((f) => f.id)).toEqual(ALL);
    const roster = p.forms.find((f) => f.id === 'observation-roster')!;
    expect(roster.rows).toBe(1);
    expect(roster.personalData).toEqual(['姓名', '身份证号（隐去中间位）', '联系电话（隐去中间位）']);
    expect(roster).toMatchObject({ fullNumbers: false, kind: 'builtin' });
    expect(p.forms.find((f) => f.id === 'caseload-summary')!.personalData).toEqual([]);
  });

  it('only a coordinator exports', async () => {
    const clerk = await t.sessionAs('clerk');
    const e = await t.fail('export.write', { ...PERIOD, formIds: ALL, folder: out, password: ZIP_PASSWORD }, clerk);
    expect(e.code).toBe('FORBIDDEN');
    expect((await t.fail('export.preview', PERIOD, clerk)).code).toBe('FORBIDDEN');
  });

  it('leaves out forms whose ledger data is empty and refuses to export them', async () => {
    const empty = await openTestLedger();
    try {
      const p = await empty.call('export.preview', PERIOD);
      expect(p.forms).toEqual([]);
      expect(p.leftOut.map((f) => f.id)).toEqual(expect.arrayContaining(ALL));
      const dir = mkdtempSync(join(tmpdir(), 'taizhang-empty-'));
      const e = await empty.fail('export.write', { ...PERIOD, formIds: ['observation-roster'], folder: dir, password: ZIP_PASSWORD });
      expect(e.code).toBe('BAD_INPUT');
      expect(e.message).toContain('居家（医学）观察人员名单');
      expect(readdirSync(dir)).toEqual([]);
      rmSync(dir, { recursive: true, force: true });
    } finally {
      empty.close();
    }
  });

  it('a period whose end is before its start is refused with the field named', async () => {
    const e = await t.fail('export.preview', { from: '2020-02-16', to: '2020-02-10' });
    expect(e.message).toContain('开始日期');
  });
});

describe('writing to a missing, full or vanishing folder', () => {
  it('a missing folder fails with a Chinese message and writes nothing', async () => {
    const missing = join(out, '没有这个U盘');
    const e = await t.fail('export.write', { ...PERIOD, formIds: ALL, folder: missing, password: ZIP_PASSWORD });
    expect(e.code).toBe('IO_FAILED');
    expect(e.message).toContain('找不到保存位置');
    expect(existsSync(missing)).toBe(false);
  });

  it('a folder without free space fails before writing', async () => {
    // /proc reports no free blocks: the stand-in for a full stick.
    const e = await t.fail('export.write', { ...PERIOD, formIds: ALL, folder: '/proc', password: ZIP_PASSWORD });
    expect(e.code).toBe('IO_FAILED');
    expect(e.message).toContain('剩余空间不足');
  });
});
