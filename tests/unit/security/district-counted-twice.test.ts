/**
 * Eighth attack run, a package replayed: the district's 核验 took the same package chosen twice (or a renamed
 * copy) as two offices' worth, each 「通过」, no flag, and the merged summary counted the office twice (8 rows
 * instead of 4). Two different packages of one office for overlapping days (an old one beside its correction) did
 * the same (D2, it.fails until session 23). Now a second copy is refused as chosen twice, naming the first; of two
 * packages of one office whose periods overlap, the one generated first counts, the later one is held back with the
 * question (「替换」 / 「不合并这个」) and counts instead only when the user chose 「替换」; one older than the package
 * merged for its period is refused naming it; periods that share no day both count (district-overlaps.ts).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverlapChoice } from '../../../electron/core/io/export/district.shared';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
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

let made = 0;
/** A package of the office for the period, generated at `at` (UTC), each in its own folder. */
async function writePackage(period: { from: string; to: string }, at: string, emptyConfirmed = false): Promise<string> {
  const folder = join(stick, `p${++made}`);
  mkdirSync(folder);
  await admitAt(office, at);
  return (
    await office.call('export.write', { ...period, formIds: FORMS, folder, password: ZIP_PASSWORD, ...(emptyConfirmed ? { emptyConfirmed: FORMS } : {}) })
  ).path;
}
type Result = Awaited<ReturnType<typeof verify>>;
const verify = async (paths: string[], decisions: Array<{ packageId: string; choice: OverlapChoice }> = []) =>
  district.call('export.district.verify', { packages: paths.map((path) => ({ path, password: ZIP_PASSWORD })), decisions });
const summaryRows = (r: Result) => r.merged.find((m) => m.id === 'caseload-summary')?.rows.length ?? 0;
const counted = (r: Result) => r.packages.map((p) => p.counted);

const WEEK = PERIOD;
const SUNDAY = { from: PERIOD.to, to: PERIOD.to };

describe('one office counted once in the district summary', () => {
  it('the same package chosen twice, or a renamed copy, counts once; the copy is refused as chosen twice', async () => {
    const path = await writePackage(WEEK, '2020-02-17T01:00:00Z');
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

  it('two different packages of one office for overlapping days count the office once; the later one asks, in words', async () => {
    const first = await writePackage(WEEK, '2020-02-17T01:00:00Z');
    const overlapping = await writePackage(SUNDAY, '2020-02-18T02:30:00Z');
    const once = summaryRows(await verify([first]));
    // Chosen in either order: the one generated first counts, the later one waits for the user's answer.
    for (const [paths, later] of [
      [[first, overlapping], 1],
      [[overlapping, first], 0],
    ] as const) {
      const r = await verify([...paths]);
      expect(summaryRows(r)).toBe(once);
      expect(r.packages.map((p) => p.ok)).toEqual([true, true]);
      expect(counted(r)[later]).toBe(false);
      expect(counted(r)[1 - later]).toBe(true);
      const asked = r.packages[later]!.overlap!;
      expect(asked.decided).toBeNull();
      expect(asked.with).toEqual([2 - later]);
      expect(asked.text).toContain(`第 ${2 - later} 个上报包（统计期 2020年2月10日—2020年2月16日，2020年2月17日 09:00 生成）已计入汇总`);
      expect(asked.text).toContain('这个包（统计期 2020年2月16日，2020年2月18日 10:30 生成）生成得更晚');
      expect(asked.text).toContain('请选「替换」');
    }
  });

  it('「替换」 counts the later package instead; the earlier one is refused naming it, and the choice is audited', async () => {
    const first = await writePackage(WEEK, '2020-02-17T01:00:00Z');
    const correction = await writePackage(WEEK, '2020-02-19T01:00:00Z');
    const asked = await verify([first, correction]);
    const packageId = asked.packages[1]!.packageId!;
    const r = await verify([first, correction], [{ packageId, choice: 'replace' }]);
    expect(counted(r)).toEqual([false, true]);
    expect(r.packages[0]!.ok).toBe(false);
    expect(r.packages[0]!.reason).toContain('比第 2 个上报包（统计期 2020年2月10日—2020年2月16日，2020年2月19日 09:00 生成）生成得早');
    expect(r.packages[1]!.overlap).toMatchObject({ decided: 'replace', with: [1] });
    const row = district.core.services.ledger
      .handle()
      .prepare(`SELECT after_json AS a FROM audit_log WHERE entity = 'district_verify' ORDER BY id DESC LIMIT 1`)
      .get() as { a: string };
    expect(JSON.parse(row.a)).toMatchObject({ decisions: [{ packageId, choice: 'replace' }], packages: [{ inSummary: false }, { inSummary: true }] });
    expect(summaryRows(r)).toBe(summaryRows(await verify([first])));
  });

  it('「不合并这个」 keeps the later package out and says so', async () => {
    const first = await writePackage(WEEK, '2020-02-17T01:00:00Z');
    const later = await writePackage(SUNDAY, '2020-02-20T01:00:00Z');
    const packageId = (await verify([first, later])).packages[1]!.packageId!;
    const r = await verify([first, later], [{ packageId, choice: 'keepOut' }]);
    expect(counted(r)).toEqual([true, false]);
    expect(r.packages[1]!.overlap).toMatchObject({ decided: 'keepOut' });
    expect(r.packages[1]!.overlap!.text).toContain('您选择了「不合并这个」：仍以第 1 个计入汇总');
  });

  it('a package older than the one merged for its period (the one that replaced another) is refused naming it', async () => {
    const a = await writePackage(WEEK, '2020-02-17T01:00:00Z');
    const b = await writePackage(WEEK, '2020-02-18T01:00:00Z');
    const c = await writePackage(SUNDAY, '2020-02-21T01:00:00Z');
    const packageId = (await verify([a, b, c])).packages[2]!.packageId!;
    const r = await verify([a, b, c], [{ packageId, choice: 'replace' }]);
    expect(counted(r)).toEqual([false, false, true]);
    expect(r.packages.map((p) => p.ok)).toEqual([false, false, true]);
    for (const p of r.packages.slice(0, 2)) expect(p.reason).toContain('比第 3 个上报包（统计期 2020年2月16日，2020年2月21日 09:00 生成）生成得早');
  });

  it('packages of one office for separate periods both count, adjacent weeks included', async () => {
    const week = await writePackage(WEEK, '2020-02-17T01:00:00Z');
    const before = await writePackage({ from: '2020-01-01', to: '2020-01-31' }, '2020-02-17T02:00:00Z', true);
    const next = await writePackage({ from: '2020-02-17', to: '2020-02-23' }, '2020-02-24T01:00:00Z', true);
    const r = await verify([before, week, next]);
    expect(r.packages.map((p) => p.ok)).toEqual([true, true, true]);
    expect(counted(r)).toEqual([true, true, true]);
    expect(r.packages.map((p) => p.overlap)).toEqual([null, null, null]);
  });
});
