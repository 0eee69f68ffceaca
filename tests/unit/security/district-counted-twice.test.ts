/**
 * Eighth attack run, a package replayed: the district's 核验 took the same package chosen twice (or a renamed
 * copy) as two offices' worth, each 「通过」, no flag, and the merged summary counted the office twice (8 rows
 * instead of 4). Two different packages of one office for overlapping days (an old one beside its correction) did
 * the same (left: it.fails below). Now a second copy is refused as chosen twice, naming the first.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { PERIOD, seedSmallOffice, ZIP_PASSWORD } from '../export/fixture';

let office: TestLedger;
let district: TestLedger;
let stick: string;
const FORMS = ['caseload-summary'];

beforeAll(async () => {
  stick = mkdtempSync(join(tmpdir(), 'taizhang-twice-'));
  office = await openTestLedger();
  district = await openTestLedger({ office: '金水区民政局' });
  seedSmallOffice(office);
  await district.call('export.district.addKey', { keyPath: (await office.call('export.savePublicKey', { folder: stick })).path });
});
afterAll(() => {
  office.close();
  district.close();
  rmSync(stick, { recursive: true, force: true });
});

async function writePackage(folderName: string, period: { from: string; to: string }, emptyConfirmed = false): Promise<string> {
  const folder = join(stick, folderName);
  mkdirSync(folder);
  return (
    await office.call('export.write', { ...period, formIds: FORMS, folder, password: ZIP_PASSWORD, ...(emptyConfirmed ? { emptyConfirmed: FORMS } : {}) })
  ).path;
}
const verify = (paths: string[]) => district.call('export.district.verify', { packages: paths.map((path) => ({ path, password: ZIP_PASSWORD })) });
const summaryRows = (r: Awaited<ReturnType<typeof verify>>) => r.merged.find((m) => m.id === 'caseload-summary')?.rows.length ?? 0;

describe('one office counted once in the district summary', () => {
  it('the same package chosen twice, or a renamed copy, counts once; the copy is refused as chosen twice', async () => {
    const path = await writePackage('a', PERIOD);
    const once = summaryRows(await verify([path]));
    expect(once).toBeGreaterThan(0);
    const copy = join(stick, '东风街道-重发.zip');
    copyFileSync(path, copy);
    for (const paths of [
      [path, path],
      [path, copy],
    ]) {
      const r = await verify(paths);
      expect(r.packages.map((p) => p.ok)).toEqual([true, false]);
      expect(r.packages[1]!.reason).toContain('与第 1 个上报包是同一份文件');
      expect(summaryRows(r)).toBe(once);
    }
  });

  // Left (FOUND, not fixed): which of two overlapping packages counts (the newer, a correction, or neither until one
  // is chosen) is the export owner's call, and district.e2e.ts verifies two such packages of one office (a re-export
  // after the log was cut) expecting both merged 「照常汇总」. Today both count: the office's rows twice.
  it.fails('two different packages of one office for overlapping days count the office once', async () => {
    const first = await writePackage('b', PERIOD);
    const overlapping = await writePackage('c', { from: PERIOD.to, to: PERIOD.to });
    const once = summaryRows(await verify([first]));
    expect(summaryRows(await verify([first, overlapping]))).toBeLessThanOrEqual(once);
  });

  it('packages of one office for separate periods both count', async () => {
    const first = await writePackage('e', PERIOD);
    const before = await writePackage('d', { from: '2020-01-01', to: '2020-01-31' }, true);
    const r = await verify([before, first]);
    expect(r.packages.map((p) => p.ok)).toEqual([true, true]);
  });
});
