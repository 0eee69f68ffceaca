/**
 * Packages carry the office's audit head (issue 19 item 4), inside what the
 * office key signs, and the district reads it in Chinese. Format version 2;
 * a version 1 package (made before) still verifies, a newer one is refused.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentOfficeKey, signingKey } from '../../../electron/core/io/export/office-key';
import { PART_NAMES, sealPackage, sha256Hex, signBytes, verifyPackage, type Manifest } from '../../../electron/core/io/export/package-format';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { PERIOD, seedSmallOffice, ZIP_PASSWORD } from './fixture';

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

/** The package's parts, as the office key's holder could rebuild them. */
async function partsOf(path: string): Promise<{ manifest: Manifest; parts: Map<string, Uint8Array> }> {
  const key = currentOfficeKey(office.core.services.ledger.handle())!;
  const v = await verifyPackage(readFileSync(path), ZIP_PASSWORD, [{ officeName: '', publicKeyPem: key.publicKeyPem, fingerprint: key.fingerprint }]);
  if (!v.ok) throw new Error(v.reason);
  return { manifest: v.manifest, parts: v.parts };
}

/** Seals parts again with the office's own key: the manifest signed unless `manifestSig` is given. */
async function reseal(name: string, manifest: Manifest, parts: Map<string, Uint8Array>, manifestSig?: Uint8Array): Promise<string> {
  const ledger = office.core.services.ledger;
  const key = signingKey(ledger.handle(), ledger.sealer(), currentOfficeKey(ledger.handle())!);
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2), 'utf8');
  const sig = manifestSig ?? Buffer.from(signBytes(manifestBytes, key.privateKeyPem).toString('base64'), 'latin1');
  const others = [...parts].filter(([n]) => n !== PART_NAMES.manifest && n !== PART_NAMES.signature).map(([n, data]) => ({ name: n, data }));
  const bytes = await sealPackage(
    [...others, { name: PART_NAMES.manifest, data: manifestBytes }, { name: PART_NAMES.signature, data: sig }],
    ZIP_PASSWORD,
    key.privateKeyPem,
    key.fingerprint,
  );
  const path = join(stick, name);
  writeFileSync(path, bytes);
  return path;
}

describe('the audit head in a package', () => {
  it('is in the signed manifest of a version 2 package: where the log stood at export, checked', async () => {
    const { manifest } = await partsOf(written.path);
    expect(manifest.schemaVersion).toBe(2);
    expect(manifest.auditHead).toEqual({ lastId: headAtExport.id, lastHash: headAtExport.hash, rows: headAtExport.n, at: manifest.generatedAt, intact: true });
  });

  it('the district reads it in Chinese', async () => {
    const v = await verifyInDistrict(written.path);
    expect(v.ok).toBe(true);
    expect(v.auditHead).toMatchObject({ lastId: headAtExport.id, rows: headAtExport.n, intact: true });
    expect(v.audit).toBe(`操作日志：到第 ${headAtExport.id} 条，共 ${headAtExport.n} 条（末条校验值 ${headAtExport.hash.slice(0, 12)}…），导出时完整。`);
  });

  it('a head changed after signing is refused by the manifest signature', async () => {
    const { manifest, parts } = await partsOf(written.path);
    const path = await reseal('改过日志位置.zip', { ...manifest, auditHead: { ...manifest.auditHead!, rows: 1 } }, parts, parts.get(PART_NAMES.signature));
    const v = await verifyInDistrict(path);
    expect(v.ok).toBe(false);
    expect(v.reason).toContain('清单签名不符');
  });

  it('a version 1 package (made before the head existed) still verifies and says the head was not recorded', async () => {
    const { manifest, parts } = await partsOf(written.path);
    const data = JSON.parse(new TextDecoder().decode(parts.get(PART_NAMES.data))) as { schemaVersion: number };
    const dataV1 = Buffer.from(JSON.stringify({ ...data, schemaVersion: 1 }), 'utf8');
    parts.set(PART_NAMES.data, dataV1);
    const { auditHead: _none, ...rest } = manifest;
    const v1: Manifest = {
      ...rest,
      schemaVersion: 1,
      parts: manifest.parts.map((p) => (p.name === PART_NAMES.data ? { ...p, sha256: sha256Hex(dataV1), bytes: dataV1.length } : p)),
    };
    const v = await verifyInDistrict(await reseal('旧版本上报包.zip', v1, parts));
    expect(v, JSON.stringify(v)).toMatchObject({ ok: true, auditHead: null });
    expect(v.audit).toContain('未记录（旧版本程序生成的上报包）');
  });

  it('a package from a newer format is refused with a request to upgrade', async () => {
    const { manifest, parts } = await partsOf(written.path);
    const v = await verifyInDistrict(await reseal('新版本上报包.zip', { ...manifest, schemaVersion: 3 }, parts));
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
