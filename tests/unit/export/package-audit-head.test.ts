/**
 * Packages carry the office's audit head (issue 19 item 4), inside what the
 * office key signs, and the district reads it in Chinese. Format version 2;
 * a version 1 package (made before) still verifies, a newer one is refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PART_NAMES, type Manifest } from '../../../electron/core/io/export/package-format';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { PERIOD, seedSmallOffice, ZIP_PASSWORD } from './fixture';
import { asVersion1, partsOf, reseal } from './rebuild-package';

const FORMS = ['caseload-summary', 'screening-coverage'];
let office: TestLedger;
let district: TestLedger;
let stick: string;
let written: { path: string };
let headAtExport: { id: number; hash: string; n: number };

beforeAll(async () => {
  stick = mkdtempSync(join(tmpdir(), 'taizhang-head-'));
  office = await openTestLedger();
  district = await openTestLedger({ office: '金水区民政局' });
  seedSmallOffice(office);
  await office.call('org.communities.save', { name: '导出前新建社区' });
  const keyFile = (await office.call('export.savePublicKey', { folder: stick })).path;
  await district.call('export.district.addKey', { keyPath: keyFile });
  const db = office.core.services.ledger.handle();
  headAtExport = db.prepare(`SELECT id, hash, (SELECT count(*) FROM audit_log) AS n FROM audit_log ORDER BY id DESC LIMIT 1`).get() as typeof headAtExport;
  written = await office.call('export.write', { ...PERIOD, formIds: FORMS, folder: stick, password: ZIP_PASSWORD });
});
afterAll(() => {
  office.close();
  district.close();
  rmSync(stick, { recursive: true, force: true });
});

const verifyInDistrict = async (path: string) => (await district.call('export.district.verify', { packages: [{ path, password: ZIP_PASSWORD }] })).packages[0]!;

const partsOfWritten = (path: string) => partsOf(office, path);
const resealAs = (name: string, manifest: Manifest, parts: Map<string, Uint8Array>, manifestSig?: Uint8Array) =>
  reseal(office, join(stick, name), { manifest, parts }, manifestSig);

describe('the audit head in a package', () => {
  it('is in the signed manifest of a version 2 package: where the log stood at export, checked', async () => {
    const { manifest } = await partsOfWritten(written.path);
    expect(manifest.schemaVersion).toBe(2);
    // The first package of this ledger: no earlier packages to list.
    expect(manifest.auditHead).toEqual({
      lastId: headAtExport.id,
      lastHash: headAtExport.hash,
      rows: headAtExport.n,
      at: manifest.generatedAt,
      intact: true,
      earlier: [],
    });
  });

  it('the district reads it in Chinese', async () => {
    const v = await verifyInDistrict(written.path);
    expect(v.ok).toBe(true);
    expect(v.auditHead).toMatchObject({ lastId: headAtExport.id, rows: headAtExport.n, intact: true });
    expect(v.audit).toBe(`操作日志：到第 ${headAtExport.id} 条，共 ${headAtExport.n} 条（末条校验值 ${headAtExport.hash.slice(0, 12)}…），导出时完整。`);
  });

  it('a head changed after signing is refused by the manifest signature', async () => {
    const { manifest, parts } = await partsOfWritten(written.path);
    const path = await resealAs('改过日志位置.zip', { ...manifest, auditHead: { ...manifest.auditHead!, rows: 1 } }, parts, parts.get(PART_NAMES.signature));
    const v = await verifyInDistrict(path);
    expect(v.ok).toBe(false);
    expect(v.reason).toContain('清单签名不符');
  });

  it('a version 1 package (made before the head existed) still verifies and says the head was not recorded', async () => {
    const v1 = asVersion1(await partsOfWritten(written.path));
    const v = await verifyInDistrict(await reseal(office, join(stick, '旧版本上报包.zip'), v1));
    expect(v, JSON.stringify(v)).toMatchObject({ ok: true, auditHead: null });
    expect(v.audit).toContain('未记录（旧版本程序生成的上报包，不参与前后比对）');
  });

  it('a package from a newer format is refused with a request to upgrade', async () => {
    const { manifest, parts } = await partsOfWritten(written.path);
    const v = await verifyInDistrict(await resealAs('新版本上报包.zip', { ...manifest, schemaVersion: 3 }, parts));
    expect(v.ok).toBe(false);
    expect(v.reason).toContain('更新版本的程序');
  });

  it('an office whose log no longer checks out says so in the package', async () => {
    // The anchor beside the keyring is gone: the office's log cannot be vouched for.
    rmSync(join(office.dir, 'taizhang.anchor.json'));
    const again = await office.call('export.write', { ...PERIOD, formIds: FORMS, folder: mkdtempSync(join(stick, 'again-')), password: ZIP_PASSWORD });
    const v = await verifyInDistrict(again.path);
    expect(v.ok).toBe(true);
    expect(v.auditHead?.intact).toBe(false);
    expect(v.audit).toContain('导出时校验未通过');
  });
});
