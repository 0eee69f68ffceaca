/**
 * Tenth attack run (session 24), DX1: a package speaking for another office. The district trusts a key for the office
 * it was registered for, but 核验 showed, merged and filled the district template under the name the package's own
 * manifest gave. An office (its coordinator, or anyone holding its signing key) set its office name to a
 * neighbour's and exported: the package was 「通过」 as 西湖街道, its figures merged as a second 西湖街道 row, and
 * its own office was missing from the summary without a word. Now the office a package counts for is the one its key
 * was registered with (the name the package gives is not trusted).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { PERIOD, seedSmallOffice, ZIP_PASSWORD } from '../export/fixture';

const HONEST = '西湖街道办事处';
const ATTACKER = '东风街道办事处';
const FORMS = ['caseload-summary'];

let honest: TestLedger;
let attacker: TestLedger;
let district: TestLedger;
let stick: string;

async function exportFrom(office: TestLedger, folderName: string): Promise<string> {
  const folder = join(stick, folderName);
  mkdirSync(folder);
  await admitAt(office, '2020-02-17T01:00:00Z');
  return (await office.call('export.write', { ...PERIOD, formIds: FORMS, folder, password: ZIP_PASSWORD })).path;
}

beforeAll(async () => {
  stick = mkdtempSync(join(tmpdir(), 'taizhang-office-name-'));
  honest = await openTestLedger({ office: HONEST });
  attacker = await openTestLedger({ office: ATTACKER });
  district = await openTestLedger({ office: '金水区民政局' });
  seedSmallOffice(honest);
  seedSmallOffice(attacker);
  for (const office of [honest, attacker]) {
    await district.call('export.district.addKey', { keyPath: (await office.call('export.savePublicKey', { folder: stick })).path });
  }
});
afterAll(() => {
  for (const t of [honest, attacker, district]) t.close();
  rmSync(stick, { recursive: true, force: true });
});

describe('DX1: a package cannot count for an office its key was not registered for', () => {
  it('the attacker office renames itself to its neighbour and exports: shown, merged and audited under its own registered name', async () => {
    const real = await exportFrom(honest, 'honest');
    await attacker.call('settings.update', { officeName: HONEST });
    const forged = await exportFrom(attacker, 'forged');
    const r = await district.call('export.district.verify', { packages: [real, forged].map((path) => ({ path, password: ZIP_PASSWORD })), decisions: [] });
    // Before the fix: both 「通过」 as 西湖街道办事处, the summary holding two 西湖街道 rows and no 东风 row.
    expect(r.packages.map((p) => p.officeName)).toEqual([HONEST, ATTACKER]);
    const offices = r.merged.find((m) => m.id === 'caseload-summary')!.rows.map((row) => row[0]);
    expect(new Set(offices)).toEqual(new Set([HONEST, ATTACKER]));
    const row = district.core.services.ledger
      .handle()
      .prepare(`SELECT after_json AS a FROM audit_log WHERE entity = 'district_verify' ORDER BY id DESC LIMIT 1`)
      .get() as { a: string };
    expect((JSON.parse(row.a) as { packages: Array<{ office: string }> }).packages.map((p) => p.office)).toEqual([HONEST, ATTACKER]);
  });
});
