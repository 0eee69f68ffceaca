/**
 * Who sees full numbers: each form's recorded policy (defaults: roster,
 * care ledger and pay sheet full; summaries masked), the preview saying so,
 * full numbers only inside the encrypted package, each export of them
 * audited with form, period, rows and reason; and empty forms only when
 * confirmed.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FULL_REASON } from '../../../electron/core/io/export/number-policy';
import { PART_NAMES, verifyPackage } from '../../../electron/core/io/export/package-format';
import { numberAccess } from '../../../electron/core/io/export/personal-numbers';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { ELDER_ID, OBSERVED_ID, OBSERVED_PHONE, PERIOD, seedSmallOffice, ZIP_PASSWORD } from './fixture';

let t: TestLedger;
let stick: string;

beforeAll(async () => {
  t = await openTestLedger();
  seedSmallOffice(t);
  stick = mkdtempSync(join(tmpdir(), 'taizhang-policy-'));
});
afterAll(() => {
  t.close();
  rmSync(stick, { recursive: true, force: true });
});

async function dataOf(path: string): Promise<string> {
  const key = await t.call('export.officeKey', {});
  const pem = /-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/.exec(key.publicKeyFile)![0];
  const v = await verifyPackage(readFileSync(path), ZIP_PASSWORD, [{ officeName: '', publicKeyPem: pem, fingerprint: key.fingerprint }]);
  if (!v.ok) throw new Error(v.reason);
  return Buffer.from(v.parts.get(PART_NAMES.data)!).toString('utf8');
}

const fullNumberAudits = () =>
  (
    t.core.services.ledger
      .handle()
      .prepare(`SELECT entity_id AS formId, after_json AS after FROM audit_log WHERE entity = 'export.full_numbers' ORDER BY id`)
      .all() as Array<{ formId: string; after: string }>
  ).map((r) => ({ formId: r.formId, ...(JSON.parse(r.after) as Record<string, unknown>) }));

describe('number policies', () => {
  it('default to full numbers for the roster, the care ledger and the pay sheet, masked for the summaries', async () => {
    const list = await t.call('export.policies.list', {});
    const by = new Map(list.map((p) => [p.formId, p]));
    for (const id of ['observation-roster', 'care-ledger', 'staff-allowances'])
      expect(by.get(id)).toMatchObject({ fullNumbers: true, isDefault: true, reason: DEFAULT_FULL_REASON, carriesNumbers: true });
    expect(by.get('caseload-summary')).toMatchObject({ fullNumbers: false, carriesNumbers: false });
    expect(by.get('screening-coverage')).toMatchObject({ fullNumbers: false, carriesNumbers: false });
  });

  it('the preview says plainly which forms carry full numbers', async () => {
    const p = await t.call('export.preview', PERIOD);
    const roster = p.forms.find((f) => f.id === 'observation-roster')!;
    expect(roster).toMatchObject({
      fullNumbers: true,
      numbersReason: DEFAULT_FULL_REASON,
      personalData: ['姓名', '身份证号（完整号码）', '联系电话（完整号码）'],
    });
    expect(p.forms.find((f) => f.id === 'caseload-summary')).toMatchObject({ fullNumbers: false, personalData: [] });
  });

  it('full numbers go only into the encrypted package, and each form that carries them is audited with period, rows and reason', async () => {
    const w = await t.call('export.write', {
      ...PERIOD,
      formIds: ['caseload-summary', 'observation-roster', 'care-ledger'],
      folder: stick,
      password: ZIP_PASSWORD,
      numbersReason: '区疫情防控指挥部核对需要',
    });
    const data = await dataOf(w.path);
    expect(data).toContain(OBSERVED_ID);
    expect(data).toContain(OBSERVED_PHONE);
    expect(data).toContain(ELDER_ID);
    // The package itself is AES-256: the plain bytes on the stick never show the number.
    expect(readFileSync(w.path).includes(Buffer.from(OBSERVED_ID))).toBe(false);
    const audits = fullNumberAudits();
    expect(audits.map((a) => a.formId)).toEqual(['observation-roster', 'care-ledger']);
    expect(audits[0]).toMatchObject({ period: PERIOD, rows: 1, reason: '区疫情防控指挥部核对需要', destination: w.path, title: '居家（医学）观察人员名单' });
  });

  it('choosing full numbers needs a reason, a form that has numbers, and a coordinator; the change is audited', async () => {
    expect((await t.fail('export.policies.set', { formId: 'caseload-summary', fullNumbers: true, numbersReason: '需要' })).message).toContain(
      '没有身份证号或电话号码列',
    );
    expect((await t.fail('export.policies.set', { formId: 'observation-roster', fullNumbers: true })).message).toContain('使用完整号码的理由');
    const clerk = await t.sessionAs('clerk');
    expect((await t.fail('export.policies.set', { formId: 'observation-roster', fullNumbers: false }, clerk)).code).toBe('FORBIDDEN');
    const after = await t.call('export.policies.set', { formId: 'observation-roster', fullNumbers: false });
    expect(after).toMatchObject({ fullNumbers: false, isDefault: false, setBy: 'admin', reason: null });
    const row = t.core.services.ledger
      .handle()
      .prepare(`SELECT before_json AS b, after_json AS a FROM audit_log WHERE entity = 'form_number_policy' ORDER BY id DESC LIMIT 1`)
      .get() as { b: string; a: string };
    expect(JSON.parse(row.b)).toMatchObject({ formId: 'observation-roster', fullNumbers: true });
    expect(JSON.parse(row.a)).toMatchObject({ formId: 'observation-roster', fullNumbers: false });
    const w = await t.call('export.write', { ...PERIOD, formIds: ['observation-roster'], folder: stick, password: ZIP_PASSWORD });
    const data = await dataOf(w.path);
    expect(data).not.toContain(OBSERVED_ID);
    expect(data).toContain('138****5678');
  });

  it('the one accessor refuses full numbers to anyone but a coordinator', () => {
    const db = t.core.services.ledger.handle();
    expect(() => numberAccess(db, 'clerk', true)).toThrow(/只有统筹负责人/);
    expect(numberAccess(db, 'viewer', false).read('idNumber', OBSERVED_ID)).toBe(`${OBSERVED_ID.slice(0, 4)}${'*'.repeat(10)}${OBSERVED_ID.slice(-4)}`);
    expect(numberAccess(db, 'coordinator', true).read('phone', OBSERVED_PHONE)).toBe(OBSERVED_PHONE);
  });
});

describe('a period with no rows for a form', () => {
  const quiet = { from: '2019-12-02', to: '2019-12-08' };
  it('says which forms are empty and writes nothing until the user confirms header-only forms', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'taizhang-empty-'));
    const e = await t.fail('export.write', { ...quiet, formIds: ['caseload-summary', 'observation-roster'], folder, password: ZIP_PASSWORD });
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toBe(
      '「人员排查管控情况汇总表」、「居家（医学）观察人员名单」在 2019-12-02 至 2019-12-08 没有数据。如确实要报送只有表头的空表，请勾选「报送空表」确认后再生成。',
    );
    expect(readdirSync(folder)).toEqual([]);
    const half = await t.fail('export.write', {
      ...quiet,
      formIds: ['caseload-summary', 'observation-roster'],
      folder,
      password: ZIP_PASSWORD,
      emptyConfirmed: ['caseload-summary'],
    });
    expect(half.message).toContain('居家（医学）观察人员名单');
    expect(half.message).not.toContain('人员排查管控情况汇总表');
    const w = await t.call('export.write', {
      ...quiet,
      formIds: ['caseload-summary', 'observation-roster'],
      folder,
      password: ZIP_PASSWORD,
      emptyConfirmed: ['caseload-summary', 'observation-roster'],
    });
    expect(w.counts).toEqual({ 'caseload-summary': 0, 'observation-roster': 0 });
    rmSync(folder, { recursive: true, force: true });
  });
});
