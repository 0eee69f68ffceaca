import { existsSync, mkdtempSync } from 'node:fs';
import { addResident } from '../../helpers/sealed-residents';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { rotaFixture, type RotaFixture } from './fixture';

const WEEK = { from: '2020-02-17', to: '2020-02-23' };

describe('rota: generation, publishing, roster, allowances, outlook', () => {
  let t: TestLedger;
  let f: RotaFixture;
  const db = () => t.core.services.ledger.handle();
  beforeEach(async () => {
    t = await openTestLedger();
    f = await rotaFixture(t);
  });
  afterEach(() => t.close());

  it('fills the week without a doctor at the checkpoint, honours leave and reports what stayed open and why', async () => {
    await t.call('rota.leave.add', { staffId: f.workers[0]!, ...WEEK, reason: '年假' });
    const r = await t.call('rota.generate', { ...WEEK });
    expect(r.required).toBe(21);
    const cal = await t.call('rota.calendar', WEEK);
    expect(cal.assignments.length).toBe(r.filled);
    expect(cal.assignments.some((a) => a.staffId === f.doctor && a.postId === f.checkpoint)).toBe(false);
    expect(cal.assignments.some((a) => a.staffId === f.workers[0])).toBe(false);
    expect(cal.assignments.every((a) => a.problems.length === 0)).toBe(true);
    // 4 people who may work the checkpoint (3 workers + leader), each ≤ 6 days: 21 slots need more than 24 person-days minus rest.
    expect(r.filled + r.unfilled.reduce((n, u) => n + u.missing, 0)).toBe(21);
    if (r.unfilled.length) expect(r.unfilled[0]!.reasons.map((x) => x.reason).join()).toMatch(/医务人员|请假|小时|轮休|连续|同一时间|其他岗位/);
    expect(r.fairness.maxShifts - r.fairness.minShifts).toBeLessThanOrEqual(3);
  });

  it('leaves a published week untouched unless asked, and keeps manual assignments', async () => {
    await t.call('rota.generate', { ...WEEK });
    const before = (await t.call('rota.calendar', WEEK)).assignments.map((a) => `${a.day}${a.staffId}${a.postId}`).sort();
    await t.call('rota.publish', { communityId: f.c1, weekStart: '2020-02-17', published: true });
    await t.call('rota.leave.add', { staffId: f.workers[1]!, ...WEEK, reason: '病假' });
    const again = await t.call('rota.generate', { ...WEEK });
    expect(again.skippedPublishedWeeks).toBe(1);
    expect((await t.call('rota.calendar', WEEK)).assignments.map((a) => `${a.day}${a.staffId}${a.postId}`).sort()).toEqual(before);
    await t.call('rota.generate', { ...WEEK, includePublished: true });
    expect((await t.call('rota.calendar', WEEK)).assignments.some((a) => a.staffId === f.workers[1])).toBe(false);
  });

  it('makes staff under home observation in the caseload unavailable for those days', async () => {
    await t.call('rota.staff.save', { id: f.workers[2]!, name: '刘洋', kind: 'community_worker', communityId: f.c1, idNumber: '110101199003074514' });
    const hasCaseload = db().prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name IN ('residents', 'cases')`).get() as { n: number };
    if (hasCaseload.n < 2) return; // the caseload area is not installed in this tree yet
    const now = '2020-02-17T00:00:00.000Z';
    const rid = addResident(t, { community_id: f.c1, name: '刘洋', id_number: '110101199003074514' }, now);
    db()
      .prepare(
        `INSERT INTO cases (resident_id, community_id, category, status, opened_on, obs_start_on, obs_days, obs_end_on, created_at, updated_at) VALUES (@rid, @c, 'home_observation', 'observing', '2020-02-16', '2020-02-16', 14, '2020-02-29', @now, @now)`,
      )
      .run({ rid, c: f.c1, now });
    await t.call('rota.generate', { ...WEEK });
    const cal = await t.call('rota.calendar', WEEK);
    expect(cal.assignments.some((a) => a.staffId === f.workers[2])).toBe(false);
    expect(cal.away['2020-02-18']).toContainEqual({ staffId: f.workers[2], why: 'observation' });
    const e = await t.fail('rota.assign', { day: '2020-02-18', postId: f.screening, shiftId: f.shifts.day, staffId: f.workers[2]! });
    expect(e.message).toContain('观察');
  });

  it('builds the printed roster with leader, phones and override marks', async () => {
    await t.call('rota.assign', { day: '2020-02-17', postId: f.checkpoint, shiftId: f.shifts.day, staffId: f.doctor, overrideReason: '临时顶岗' });
    await t.call('rota.assign', { day: '2020-02-17', postId: f.screening, shiftId: f.shifts.day, staffId: f.leader });
    const roster = await t.call('rota.roster', { ...WEEK, communityId: f.c1, phones: 'full' });
    const c = roster.communities[0]!;
    expect(c.communityName).toBe('幸福社区');
    expect(c.days).toHaveLength(7);
    expect(c.leaders['2020-02-17']).toBe('赵书记 13700000000');
    expect(c.posts.find((p) => p.id === f.checkpoint)!.cells[`2020-02-17|${f.shifts.day}`]!.names[0]).toEqual({
      name: '李医生',
      phone: '13800000001',
      override: '临时顶岗',
      away: null,
    });
    expect(c.overrides).toEqual([{ day: '2020-02-17', name: '李医生', post: '北门卡点', reason: '临时顶岗' }]);
    // A position nobody holds prints as 「缺 N 人」, not as a blank a reader takes for a shift the post does not run.
    const checkpoint = c.posts.find((p) => p.id === f.checkpoint)!;
    expect(checkpoint.cells[`2020-02-17|${f.shifts.day}`]!.missing).toBe(0);
    expect(checkpoint.cells[`2020-02-17|${f.shifts.evening}`]).toEqual({ names: [], missing: 1 });
    const screening = c.posts.find((p) => p.id === f.screening)!;
    expect(screening.cells[`2020-02-18|${f.shifts.evening}`]).toBeUndefined();
  });

  it('computes allowances by day or shift on confirmed attendance, with adjustments, and writes the xlsx pay sheet', async () => {
    await t.call('rota.rates.save', { staffKind: 'volunteer', basis: 'shift', amountFen: 5000, label: '志愿者补贴' });
    await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: 10000, label: '临时性工作补助' });
    const post2 = (await t.call('rota.posts.save', { communityId: f.c2, name: '物资配送', kind: 'delivery', requirements: [] })).id;
    const ids = [
      (await t.call('rota.assign', { day: '2020-02-17', postId: post2, shiftId: f.shifts.day, staffId: f.volunteer })).id,
      (await t.call('rota.assign', { day: '2020-02-18', postId: post2, shiftId: f.shifts.day, staffId: f.volunteer })).id,
      (await t.call('rota.assign', { day: '2020-02-17', postId: f.screening, shiftId: f.shifts.day, staffId: f.workers[0]! })).id,
    ];
    t.clock.set('2020-02-18T10:00:00.000Z');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    await t.call('rota.attendance.confirm', { entries: ids.map((assignmentId) => ({ assignmentId, status: 'present' as const })) });
    await t.call('rota.allowances.adjust', { staffId: f.workers[0]!, day: '2020-02-17', amountFen: -2000, reason: '半天病假' });
    const rows = await t.call('rota.allowances', WEEK);
    const vol = rows.find((r) => r.staffId === f.volunteer)!;
    expect(vol).toMatchObject({ shifts: 2, days: 2, label: '志愿者补贴', baseFen: 10000, totalFen: 10000 });
    const w = rows.find((r) => r.staffId === f.workers[0])!;
    expect(w).toMatchObject({ days: 1, label: '临时性工作补助', baseFen: 10000, adjustmentFen: -2000, totalFen: 8000, adjustmentReasons: ['半天病假'] });
    // Beside the ledger, never in its folder (the core refuses that).
    const outDir = mkdtempSync(join(tmpdir(), 'taizhang-pay-'));
    const path = join(outDir, '补助发放表.xlsx');
    const out = await t.call('rota.allowances.export', { ...WEEK, path });
    expect(out).toMatchObject({ rows: 2, totalFen: 18000 });
    expect(existsSync(path)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('补助发放表')!;
    expect(String(ws.getCell(3, 2).value)).toBe('姓名');
    const cells = ws.getSheetValues().flat().map(String).join('|');
    expect(cells).toContain('孙志愿');
    expect(cells).toContain('半天病假');
    expect(cells).toContain('180');
  });

  it('reports unfilled positions and the fill rate for the dashboard', async () => {
    const empty = await t.call('rota.outlook', {});
    expect(empty.unfilledNext7).toBe(21);
    expect(empty.fillRateNext14).toBe(0);
    await t.call('rota.generate', { from: '2020-02-17', to: '2020-03-01' });
    const full = await t.call('rota.outlook', {});
    expect(full.fillRateNext14).toBeGreaterThan(0.5);
    expect(full.requiredNext14).toBe(42);
  });
});
