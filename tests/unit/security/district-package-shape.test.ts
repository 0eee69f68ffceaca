/**
 * Tenth attack run (session 24), the district side as an attacker office that holds its own signing key (its clerk,
 * offline, with the source, re-signs a package with the program's own `sealPackage`). The signature proves whose key
 * signed, not that the program wrote what is signed:
 *  - DX3: a package whose period runs backwards (2月16日 to 1月1日) or is not days at all ('a' to 'z') overlapped
 *    nothing, so the office's second package for the same week was merged beside its first: the office counted twice
 *    (12 summary rows instead of 8) with both 「通过」 and no question asked;
 *  - DX2: a `generatedAt` that is no instant, a `period` of null or an `auditHead` of the wrong types stopped the
 *    whole 核验 with 程序内部出错: no office's package verified, none named.
 * Now such a package is refused with the reason, and the others are verified and merged as before.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PART_NAMES, sha256Hex, type Manifest } from '../../../electron/core/io/export/package-format';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { PERIOD, seedSmallOffice, ZIP_PASSWORD } from '../export/fixture';
import { partsOf, reseal } from '../export/rebuild-package';

let attacker: TestLedger;
let neighbour: TestLedger;
let district: TestLedger;
let stick: string;

beforeAll(async () => {
  stick = mkdtempSync(join(tmpdir(), 'taizhang-package-shape-'));
  attacker = await openTestLedger();
  neighbour = await openTestLedger({ office: '西湖街道办事处' });
  district = await openTestLedger({ office: '金水区民政局' });
  seedSmallOffice(attacker);
  seedSmallOffice(neighbour);
  for (const o of [attacker, neighbour]) {
    await district.call('export.district.addKey', { keyPath: (await o.call('export.savePublicKey', { folder: stick })).path });
  }
});
afterAll(() => {
  for (const t of [attacker, neighbour, district]) t.close();
  rmSync(stick, { recursive: true, force: true });
});

let made = 0;
async function writePackage(office: TestLedger, at: string): Promise<string> {
  const folder = join(stick, `p${++made}`);
  mkdirSync(folder);
  await admitAt(office, at);
  return (await office.call('export.write', { ...PERIOD, formIds: ['caseload-summary'], folder, password: ZIP_PASSWORD })).path;
}

/** The attacker's package for the week, its manifest (and data.json's period) changed and signed again with its own key. */
async function forged(edit: (m: Record<string, unknown>) => void): Promise<string> {
  const p = await partsOf(attacker, await writePackage(attacker, '2020-02-18T01:00:00Z'));
  const manifest = p.manifest as unknown as Record<string, unknown>;
  edit(manifest);
  const data = JSON.parse(new TextDecoder().decode(p.parts.get(PART_NAMES.data))) as Record<string, unknown>;
  const bytes = Buffer.from(JSON.stringify({ ...data, period: manifest.period }), 'utf8');
  p.parts.set(PART_NAMES.data, bytes);
  p.manifest = {
    ...(manifest as unknown as Manifest),
    parts: p.manifest.parts.map((x) => (x.name === PART_NAMES.data ? { ...x, sha256: sha256Hex(bytes), bytes: bytes.length } : x)),
  };
  return reseal(attacker, join(stick, `forged${++made}.zip`), p);
}

const verify = (paths: string[]) =>
  district.call('export.district.verify', { packages: paths.map((path) => ({ path, password: ZIP_PASSWORD })), decisions: [] });
const summaryRows = (r: Awaited<ReturnType<typeof verify>>) => r.merged.find((m) => m.id === 'caseload-summary')?.rows.length ?? 0;

describe('a signed package that is not what the program writes is refused, and only it', () => {
  it('DX3: a period that runs backwards, or is not days, no longer escapes the one-office-counted-once rule', async () => {
    const neighbours = await writePackage(neighbour, '2020-02-17T01:00:00Z');
    const first = await writePackage(attacker, '2020-02-17T01:00:00Z');
    const honest = summaryRows(await verify([neighbours, first]));
    for (const period of [
      { from: '2020-02-16', to: '2020-01-01' },
      { from: 'a', to: 'z' },
    ]) {
      const r = await verify([neighbours, first, await forged((m) => (m.period = period))]);
      expect(r.packages.map((p) => p.counted)).toEqual([true, true, false]);
      expect(r.packages[2]!.ok).toBe(false);
      expect(r.packages[2]!.reason).toContain('清单（manifest.json）的「period');
      expect(summaryRows(r)).toBe(honest);
    }
  });

  it('DX2: a generatedAt that is no instant, a period of null, an auditHead of the wrong types: refused, the others verified', async () => {
    const neighbours = await writePackage(neighbour, '2020-02-17T01:00:00Z');
    const first = await writePackage(attacker, '2020-02-17T01:00:00Z');
    for (const [field, edit] of [
      ['generatedAt', (m: Record<string, unknown>) => (m.generatedAt = 'garbage')],
      ['period', (m: Record<string, unknown>) => (m.period = null)],
      ['auditHead', (m: Record<string, unknown>) => (m.auditHead = { lastId: 'x', rows: null, lastHash: 5, at: 'q', intact: true })],
    ] as const) {
      const r = await verify([neighbours, first, await forged(edit)]);
      expect(r.packages.map((p) => p.ok)).toEqual([true, true, false]);
      expect(r.packages[2]!.reason).toContain(`「${field}`);
      expect(r.packages.map((p) => p.counted)).toEqual([true, true, false]);
    }
  });
});
