/**
 * Eleventh attack run (session 25, docs/security/attack-run-session25.md, DX4): the district's on-screen 汇总 of a
 * summary form takes its column headers from the first counted package, and appends every office's row in that
 * office's own column order (district.ts verifyAndMerge). An attacker office holding its own signing key re-signs
 * its package with the form's column headers swapped (keys kept): chosen first, it puts every other office's figures
 * under the wrong headings on the district's screen, and nothing says so. DX2/DX3's shape check passes it (the cells
 * are strings and numbers). The district template fill reads by column key and is not affected.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PART_NAMES, sha256Hex } from '../../../electron/core/io/export/package-format';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { PERIOD, seedSmallOffice, ZIP_PASSWORD } from '../export/fixture';
import { partsOf, reseal } from '../export/rebuild-package';

let attacker: TestLedger;
let neighbour: TestLedger;
let district: TestLedger;
let stick: string;

beforeAll(async () => {
  stick = mkdtempSync(join(tmpdir(), 'taizhang-summary-columns-'));
  attacker = await openTestLedger();
  neighbour = await openTestLedger({ office: '西湖街道办事处' });
  district = await openTestLedger({ office: '金水区民政局' });
  seedSmallOffice(attacker);
  seedSmallOffice(neighbour);
  for (const o of [attacker, neighbour])
    await district.call('export.district.addKey', { keyPath: (await o.call('export.savePublicKey', { folder: stick })).path });
});
afterAll(() => {
  for (const t of [attacker, neighbour, district]) t.close();
  rmSync(stick, { recursive: true, force: true });
});

async function writePackage(office: TestLedger, name: string): Promise<string> {
  const folder = join(stick, name);
  mkdirSync(folder);
  await admitAt(office, '2020-02-17T01:00:00Z');
  return (await office.call('export.write', { ...PERIOD, formIds: ['caseload-summary'], folder, password: ZIP_PASSWORD })).path;
}

interface Form {
  id: string;
  columns: Array<{ key: string; header: string }>;
  rows: Array<Record<string, unknown>>;
}

describe('DX4: the district 汇总 columns', () => {
  it('a package whose summary form’s headers are swapped does not move other offices’ figures under the wrong headings (DX4)', async () => {
    const honest = await writePackage(neighbour, 'n');
    const p = await partsOf(attacker, await writePackage(attacker, 'a'));
    const data = JSON.parse(new TextDecoder().decode(p.parts.get(PART_NAMES.data))) as { forms: Form[] };
    const form = data.forms.find((f) => f.id === 'caseload-summary')!;
    // 在管人数 and 本期新增 swapped in the headers; keys and values as the program wrote them.
    const [i, j] = [form.columns.length - 3, form.columns.length - 1];
    [form.columns[i]!.header, form.columns[j]!.header] = [form.columns[j]!.header, form.columns[i]!.header];
    const bytes = Buffer.from(JSON.stringify(data), 'utf8');
    p.parts.set(PART_NAMES.data, bytes);
    p.manifest = {
      ...p.manifest,
      parts: p.manifest.parts.map((x) => (x.name === PART_NAMES.data ? { ...x, sha256: sha256Hex(bytes), bytes: bytes.length } : x)),
    };
    const forged = await reseal(attacker, join(stick, '0-东风.zip'), p);

    const neighbourForm = (JSON.parse(new TextDecoder().decode((await partsOf(neighbour, honest)).parts.get(PART_NAMES.data))) as { forms: Form[] }).forms.find(
      (f) => f.id === 'caseload-summary',
    )!;
    const r = await district.call('export.district.verify', { packages: [forged, honest].map((path) => ({ path, password: ZIP_PASSWORD })), decisions: [] });
    expect(r.packages.map((x) => [x.ok, x.counted])).toEqual([
      [true, true],
      [true, true],
    ]);
    const merged = r.merged.find((m) => m.id === 'caseload-summary')!;
    const shown = merged.rows.find((row) => row[0] === '西湖街道办事处')!;
    const own = neighbourForm.rows[0]!;
    // What the district reads for the neighbour under each heading is the neighbour's own figure for that heading.
    const byHeader = Object.fromEntries(neighbourForm.columns.map((c) => [c.header, own[c.key] ?? null]));
    const read = Object.fromEntries(merged.headers.slice(1).map((h, k) => [h, shown[k + 1] ?? null]));
    expect(read).toEqual(byHeader);
  });
});
