/**
 * The district compares the audit heads of one office's packages (issue 19 item 4, across packages).
 * An office ledger exports a package, then someone holding only the database key (a viewer's
 * password) cuts or thins the log, re-chains it and puts an older, still valid anchor back: the
 * office's own anchor agrees. The next package carries the shortened log's head; the district,
 * holding the earlier package, flags it on 核验 and in `npm run verify`. A version-1 package and
 * another office's package are not compared.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkAnchor } from '../../../electron/core/audit/anchor';
import type { PackageVerdict } from '../../../electron/core/io/export/district.shared';
import { rollBackLog } from '../../helpers/attacker';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { exportOn as exportOnTo, officeForPackages, workThenExport as workThenExportTo } from '../../helpers/office-packages';
import { PERIOD, ZIP_PASSWORD } from '../../unit/export/fixture';
import { asVersion1, partsOf, reseal } from '../../unit/export/rebuild-package';

const FORMS = ['caseload-summary'];
let district: TestLedger;
let stick: string;
const opened: TestLedger[] = [];

beforeAll(async () => {
  stick = mkdtempSync(join(tmpdir(), 'taizhang-heads-'));
  district = await openTestLedger({ office: '金水区民政局' });
});
afterEach(() => {
  for (const t of opened.splice(0)) t.close();
});
afterAll(() => {
  district.close();
  rmSync(stick, { recursive: true, force: true });
});

const headOf = (t: TestLedger) =>
  t.core.services.ledger.handle().prepare(`SELECT id, (SELECT count(*) FROM audit_log) AS n FROM audit_log ORDER BY id DESC LIMIT 1`).get() as {
    id: number;
    n: number;
  };

/** An office with history and a viewer (its anchor copied early on), its key registered in the district. */
async function office(name: string, opts: { exportedOn?: string } = {}) {
  const o = await officeForPackages(name, stick, opts);
  opened.push(o.t);
  await district.call('export.district.addKey', { keyPath: o.pub });
  return o;
}
const workThenExport = (t: TestLedger, day: string, label: string) => workThenExportTo(t, day, label, stick);
const exportOn = (t: TestLedger, day: string) => exportOnTo(t, day, stick);
const rollBack = rollBackLog;

const verify = async (...paths: string[]): Promise<PackageVerdict[]> =>
  (await district.call('export.district.verify', { packages: paths.map((path) => ({ path, password: ZIP_PASSWORD })) })).packages;

describe('the district compares one office’s packages by their audit heads', () => {
  it('flags a later package whose log was cut back and an older anchor put back; the office’s anchor alone agrees', async () => {
    const { t, kept, keptHead } = await office('东风街道办事处');
    const first = await workThenExport(t, '2020-11-20', '甲');
    const firstHead = headOf(t);
    await rollBack(t, kept, { from: keptHead });
    const second = await exportOn(t, '2020-11-27');
    // In the office the anchor put back agrees with the cut log; only the export record of the first package tells (export-witness.ts).
    expect(checkAnchor(t.core.services.ledger.handle(), t.core.services.ledger.sealer()).state).toBe('ok');

    // Given in any order, compared in export order: the later package carries the flag.
    const [b, a] = await verify(second, first);
    expect(a!.ok && b!.ok).toBe(true);
    expect(a!.auditFlag).toBeNull();
    // The office's own audit.verify saw it (the first package's export record), and the package says so at export.
    expect(b!.auditHead!.intact).toBe(false);
    expect(b!.auditHead!.lastId).toBeLessThan(firstHead.id);
    expect(b!.auditFlag).toBe(
      `操作日志比 11月20日 报送的包（统计期 2月10日—2月16日）短（第 ${a!.auditHead!.lastId} 条 → 第 ${b!.auditHead!.lastId} 条）：` +
        '该街道台账可能被回退或截断（恢复旧备份也会这样），请联系街道核实。',
    );
  });

  it('flags a later package whose log was thinned in the middle and re-chained (fewer rows, though further on)', async () => {
    const { t, kept, keptHead } = await office('南阳街道办事处');
    const first = await workThenExport(t, '2020-11-20', '乙');
    // The ten changes before the package deleted, the rows after them kept and re-chained.
    await rollBack(t, kept, { from: keptHead, to: keptHead + 10 });
    const second = await exportOn(t, '2020-11-27');
    const [a, b] = await verify(first, second);
    expect(b!.auditHead!.lastId).toBeGreaterThan(a!.auditHead!.lastId);
    expect(b!.auditHead!.rows).toBeLessThan(a!.auditHead!.rows);
    expect(b!.auditFlag).toContain(`操作日志条数比 11月20日 报送的包（统计期 2月10日—2月16日）少（共 ${a!.auditHead!.rows} 条 → 共 ${b!.auditHead!.rows} 条）`);
  });

  it('flags a fork: the later package stands at the same row with another hash', async () => {
    const { t, kept, keptHead } = await office('北关街道办事处');
    const first = await workThenExport(t, '2020-11-20', '丙');
    const target = headOf(t).id;
    const [a] = await verify(first);
    expect(a!.auditHead!.lastId).toBeLessThan(target);
    await rollBack(t, kept, { from: keptHead });
    t.clock.set('2020-11-27T01:00:00.000Z');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    // New rows until the log stands exactly where the first package's did.
    for (let i = 0; headOf(t).id < a!.auditHead!.lastId; i++) await t.call('org.communities.save', { name: `重写社区${i}` });
    const second = (await t.call('export.write', { ...PERIOD, formIds: FORMS, folder: mkdtempSync(join(stick, 'out-')), password: ZIP_PASSWORD })).path;
    const [b] = await verify(second);
    expect(b!.auditHead!.lastId).toBe(a!.auditHead!.lastId);
    expect(b!.auditHead!.lastHash).not.toBe(a!.auditHead!.lastHash);
    // The first package was verified alone last time: the district's ledger kept its head.
    expect(b!.auditFlag).toContain(`操作日志与 11月20日 报送的包（统计期 2月10日—2月16日，以前核验过）在第 ${a!.auditHead!.lastId} 条对不上`);
  });

  it('flags a log rolled back with its export records (the whole file) and grown past the first package: the later package does not list it', async () => {
    // A week earlier the office sent a package too: its export record stays in the rolled-back file, and the next package lists it.
    const { t, kept, keptHead } = await office('河东街道办事处', { exportedOn: '2020-11-13' });
    const first = await workThenExport(t, '2020-11-20', '辛');
    const [a] = await verify(first);
    await rollBack(t, kept, { from: keptHead }, { exportsToo: true });
    t.clock.set('2020-11-27T01:00:00.000Z');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    for (let i = 0; headOf(t).n <= a!.auditHead!.rows; i++) await t.call('org.communities.save', { name: `回退后社区${i}` });
    const second = await exportOn(t, '2020-11-27');
    const [b] = await verify(second);
    // Heads alone say nothing here: the later log is further on and longer, and the office's own check had nothing left to compare.
    expect(b!.auditHead!.lastId).toBeGreaterThan(a!.auditHead!.lastId);
    expect(b!.auditHead!.rows).toBeGreaterThan(a!.auditHead!.rows);
    expect(b!.auditHead!.intact).toBe(true);
    expect(b!.auditHead!.earlier!.map((e) => e.at)).toEqual(['2020-11-13T01:00:00.000Z']);
    expect(b!.auditFlag).toBe(
      '这个包没有记着 11月20日 报送的包（统计期 2月10日—2月16日，以前核验过）：街道台账里那次上报的记录不见了，该街道台账可能被回退或截断（恢复旧备份也会这样），请联系街道核实。',
    );
  });

  it('flags a log rolled back and grown past the first package with the export records kept: another hash at its row', async () => {
    const { t, kept, keptHead } = await office('河西街道办事处');
    const first = await workThenExport(t, '2020-11-20', '壬');
    await rollBack(t, kept, { from: keptHead });
    t.clock.set('2020-11-27T01:00:00.000Z');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const [a] = await verify(first);
    for (let i = 0; headOf(t).n <= a!.auditHead!.rows; i++) await t.call('org.communities.save', { name: `回退后社区${i}` });
    const second = await exportOn(t, '2020-11-27');
    const [b] = await verify(second);
    expect(b!.auditHead!.lastId).toBeGreaterThan(a!.auditHead!.lastId);
    // The office's own check (its export record) saw it at export, and the package says so.
    expect(b!.auditHead!.intact).toBe(false);
    expect(b!.auditHead!.earlier).toEqual([
      { at: a!.auditHead!.at, lastId: a!.auditHead!.lastId, hash: expect.not.stringMatching(a!.auditHead!.lastHash) as unknown },
    ]);
    expect(b!.auditFlag).toContain(`操作日志与 11月20日 报送的包（统计期 2月10日—2月16日，以前核验过）在第 ${a!.auditHead!.lastId} 条对不上`);
  });

  it('remembers heads across 核验 (once per package, audited) and flags an earlier package chosen after a later shorter one', async () => {
    const { t, kept, keptHead } = await office('西关街道办事处');
    const first = await workThenExport(t, '2020-11-20', '丁');
    await rollBack(t, kept, { from: keptHead });
    const second = await exportOn(t, '2020-11-27');
    const [b] = await verify(second);
    expect(b!.auditFlag).toBeNull();
    const [a] = await verify(first);
    expect(a!.auditFlag).toContain('比它晚的 11月27日 报送的包（统计期 2月10日—2月16日，以前核验过）操作日志反而更短');
    const [again] = await verify(second);
    expect(again!.auditFlag).toContain('操作日志比 11月20日 报送的包（统计期 2月10日—2月16日，以前核验过）短');
    const db = district.core.services.ledger.handle();
    const kept2 = db.prepare(`SELECT count(*) AS n FROM district_audit_heads WHERE office_name = '西关街道办事处'`).get() as { n: number };
    expect(kept2.n).toBe(2);
    const audited = db.prepare(`SELECT count(*) AS n FROM audit_log WHERE entity = 'district_audit_head' AND after_json LIKE '%西关街道办事处%'`).get() as {
      n: number;
    };
    expect(audited.n).toBe(2);
  });

  it('does not compare a version-1 package (it carries no head) with a version-2 one', async () => {
    const { t, kept, keptHead } = await office('东关街道办事处');
    const first = await workThenExport(t, '2020-11-20', '戊');
    await rollBack(t, kept, { from: keptHead });
    const second = await exportOn(t, '2020-11-27');
    const older = await reseal(t, join(stick, '东关旧版本.zip'), asVersion1(await partsOf(t, second)));
    const [a, v1] = await verify(first, older);
    expect(v1!.ok).toBe(true);
    expect(v1!.auditHead).toBeNull();
    expect(v1!.audit).toContain('不参与前后比对');
    expect([a!.auditFlag, v1!.auditFlag]).toEqual([null, null]);
  });

  it('does not compare packages of two offices (two keys), however their logs stand', async () => {
    const big = await office('大东街道办事处');
    const bigPackage = await workThenExport(big.t, '2020-11-20', '己');
    const small = await office('小西街道办事处');
    const smallPackage = await exportOn(small.t, '2020-11-27');
    const [a, b] = await verify(bigPackage, smallPackage);
    expect(b!.auditHead!.lastId).toBeLessThan(a!.auditHead!.lastId);
    expect([a!.auditFlag, b!.auditFlag]).toEqual([null, null]);
  });

  it('npm run verify flags the pair too (exit code 3), comparing only the packages given together', async () => {
    const { t, kept, keptHead, pub } = await office('城东街道办事处');
    const first = await workThenExport(t, '2020-11-20', '庚');
    await rollBack(t, kept, { from: keptHead });
    const second = await exportOn(t, '2020-11-27');
    const run = (...files: string[]) =>
      spawnSync(process.execPath, ['dist-electron/verify.cjs', ...files, '--key', pub, '--password', ZIP_PASSWORD], { encoding: 'utf8' });
    const both = run(second, first);
    expect(both.stdout).toContain('== 操作日志前后比对（同一街道的包按导出先后）');
    expect(both.stdout).toMatch(/注意：城东街道办事处「.*」操作日志比 11月20日 报送的包（统计期 2月10日—2月16日）短（第 \d+ 条 → 第 \d+ 条）/);
    expect(both.status).toBe(3);
    const alone = run(second);
    expect(alone.stdout).not.toContain('注意：');
    expect(alone.status).toBe(0);
  });
});
