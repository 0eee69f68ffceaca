/**
 * Allowances are paid on confirmed attendance (出勤确认), not on the plan: a
 * shift is confirmed by the post's leader or a coordinator, one by one or a day
 * at once; shifts on leave or after a death are flagged or removed and never
 * paid; the rates start empty (the notice sets no amounts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formById } from '../../../electron/core/io/export/forms/registry';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { rotaFixture, type RotaFixture } from './fixture';

let t: TestLedger;
let f: RotaFixture;
let post2: number;
beforeEach(async () => {
  t = await openTestLedger({ now: '2020-02-19T02:00:00.000Z' }); // Wednesday 2020-02-19, 10:00 in 郑州
  f = await rotaFixture(t);
  post2 = (await t.call('rota.posts.save', { communityId: f.c2, name: '物资配送', kind: 'delivery', requirements: [] })).id;
});
afterEach(() => t.close());

const WEEK = { from: '2020-02-17', to: '2020-02-23' };
const assign = async (day: string, staffId: number, postId = f.screening) => (await t.call('rota.assign', { day, postId, shiftId: f.shifts.day, staffId })).id;

describe('出勤确认 and pay', () => {
  it('starts with no rates, and says so instead of paying an invented amount', async () => {
    expect(await t.call('rota.rates.list', {})).toEqual({ rates: [], earlier: [], removedPresets: [] });
    await assign('2020-02-17', f.workers[0]!);
    const row = (await t.call('rota.allowances', WEEK))[0]!;
    expect(row).toMatchObject({ label: '未设补助标准', rateFen: 0, totalFen: 0 });
  });

  it('keeps 临时性工作补助 for 专职社区工作者 and 志愿者补贴 for volunteers; other kinds get their own item', async () => {
    const e = await t.fail('rota.rates.save', { staffKind: 'agency_cadre', basis: 'day', amountFen: 5000, label: '临时性工作补助' });
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain('专职社区工作者');
    expect((await t.fail('rota.rates.save', { staffKind: 'community_worker', basis: 'shift', amountFen: 5000, label: '志愿者补贴' })).message).toContain(
      '志愿者',
    );
    await t.call('rota.rates.save', { staffKind: 'agency_cadre', basis: 'day', amountFen: 5000, label: '下沉干部值守补助' });
    expect((await t.call('rota.rates.list', {})).rates.map((r) => r.label)).toEqual(['下沉干部值守补助']);
  });

  it('pays confirmed shifts only, shows planned beside confirmed, and writes both on the pay sheet and the form', async () => {
    await t.call('rota.rates.save', { staffKind: 'volunteer', basis: 'shift', amountFen: 5000, label: '志愿者补贴' });
    await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: 8000, label: '临时性工作补助' });
    const v1 = await assign('2020-02-17', f.volunteer, post2);
    await assign('2020-02-18', f.volunteer, post2);
    const w1 = await assign('2020-02-17', f.workers[0]!);
    let rows = await t.call('rota.allowances', WEEK);
    expect(rows.find((r) => r.staffId === f.volunteer)).toMatchObject({ plannedShifts: 2, unconfirmedShifts: 2, shifts: 0, days: 0, baseFen: 0 });
    await t.call('rota.attendance.confirm', {
      entries: [
        { assignmentId: v1, status: 'present' },
        { assignmentId: w1, status: 'absent', note: '发烧未到岗' },
      ],
    });
    rows = await t.call('rota.allowances', WEEK);
    expect(rows.find((r) => r.staffId === f.volunteer)).toMatchObject({
      plannedShifts: 2,
      unconfirmedShifts: 1,
      shifts: 1,
      days: 1,
      baseFen: 5000,
      totalFen: 5000,
    });
    expect(rows.find((r) => r.staffId === f.workers[0])).toMatchObject({ plannedShifts: 1, unconfirmedShifts: 0, days: 0, baseFen: 0 });
    // Never into the ledger folder (the core refuses it): a folder of the user's own.
    const path = join(mkdtempSync(join(tmpdir(), 'taizhang-pay-')), '补助发放表.xlsx');
    await t.call('rota.allowances.export', { ...WEEK, path });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('补助发放表')!;
    expect(String(ws.getCell(2, 1).value)).toContain('另有 1 班排班尚未确认出勤，未计入');
    expect((ws.getRow(3).values as unknown[]).slice(5, 8)).toEqual(['排班班次', '确认出勤天数', '确认出勤班次']);
    const form = formById('staff-allowances')!.read(t.core.services.ledger.handle(), WEEK, t.core.services.ledger.sealer());
    expect(form.find((r) => r.name === '孙志愿')).toMatchObject({ planned: 2, days: 1, shifts: 1, base: 50, total: 50 });
  });

  it('confirms by the post\u2019s leader (entered by a clerk) or a coordinator, never by a clerk alone', async () => {
    const id = await assign('2020-02-18', f.workers[1]!);
    const clerk = await t.sessionAs('clerk');
    expect((await t.fail('rota.attendance.confirm', { entries: [{ assignmentId: id, status: 'present' }] }, clerk)).code).toBe('FORBIDDEN');
    expect((await t.fail('rota.attendance.confirm', { entries: [{ assignmentId: id, status: 'present' }], leaderStaffId: f.leader }, clerk)).message).toContain(
      '还没有指定负责人',
    );
    await t.call('rota.posts.save', {
      id: f.screening,
      communityId: f.c1,
      name: '入户排查组',
      kind: 'screening',
      requirements: [{ shiftId: f.shifts.day, headcount: 1 }],
      leaderStaffId: f.leader,
    });
    expect(
      (await t.fail('rota.attendance.confirm', { entries: [{ assignmentId: id, status: 'present' }], leaderStaffId: f.workers[2]! }, clerk)).message,
    ).toContain('负责人是赵书记');
    await t.call('rota.attendance.confirm', { entries: [{ assignmentId: id, status: 'present' }], leaderStaffId: f.leader }, clerk);
    const day = await t.call('rota.attendance.list', { day: '2020-02-18' });
    expect(day.rows[0]).toMatchObject({ status: 'present', confirmedBy: '赵书记', confirmedAs: 'leader', leader: { staffId: f.leader, name: '赵书记' } });
    // The post keeps its leader when edited without naming one.
    await t.call('rota.posts.save', {
      id: f.screening,
      communityId: f.c1,
      name: '入户排查组',
      kind: 'screening',
      requirements: [{ shiftId: f.shifts.day, headcount: 1 }],
    });
    expect((await t.call('rota.posts.list', {})).find((p) => p.id === f.screening)?.leaderName).toBe('赵书记');
  });

  it('confirms a whole day at once, leaving the flagged shifts for a person to decide', async () => {
    await assign('2020-02-18', f.workers[0]!);
    await assign('2020-02-18', f.volunteer, post2);
    await t.call('rota.leave.add', { staffId: f.workers[0]!, from: '2020-02-18', to: '2020-02-18', reason: '病假' });
    const r = await t.call('rota.attendance.confirmDay', { day: '2020-02-18' });
    expect(r).toEqual({ confirmed: 1, skipped: [expect.objectContaining({ staffName: '张伟', why: '请假（病假）' })] });
    const flagged = (await t.call('rota.attendance.list', { day: '2020-02-18' })).rows.find((x) => x.staffName === '张伟')!;
    expect(flagged).toMatchObject({ status: 'planned', flag: '请假（病假）' });
    const refused = await t.fail('rota.attendance.confirm', { entries: [{ assignmentId: flagged.assignmentId, status: 'present' }] });
    expect(refused.code).toBe('CONFLICT');
    await t.call('rota.attendance.confirm', { entries: [{ assignmentId: flagged.assignmentId, status: 'absent', note: '病假' }] });
    expect((await t.fail('rota.attendance.confirmDay', { day: '2020-02-20' })).message).toContain('还没到');
  });

  it('a shift on leave added after planning fills no position and is flagged on the calendar', async () => {
    await assign('2020-02-20', f.workers[0]!);
    let cal = await t.call('rota.calendar', WEEK);
    expect(cal.open.find((o) => o.day === '2020-02-20' && o.postId === f.screening)).toBeUndefined();
    await t.call('rota.leave.add', { staffId: f.workers[0]!, from: '2020-02-20', to: '2020-02-21', reason: '事假' });
    cal = await t.call('rota.calendar', WEEK);
    expect(cal.assignments.find((a) => a.day === '2020-02-20')?.problems.join()).toContain('请假');
    expect(cal.open.find((o) => o.day === '2020-02-20' && o.postId === f.screening)?.missing).toBe(1);
    expect((await t.call('dashboard.summary', {})).rota?.days.find((d) => d.day === '2020-02-20')).toMatchObject({ required: 3, filled: 0 });
  });

  it('after a death the shifts that follow are removed and the day of death is not assumed worked', async () => {
    await assign('2020-02-17', f.workers[3]!);
    await assign('2020-02-20', f.workers[3]!);
    await assign('2020-02-21', f.workers[3]!);
    await t.call('honours.memorials.save', {
      staffId: f.workers[3]!,
      name: '陈静',
      post: '网格员',
      diedAt: '2020-02-18T16:30:00.000Z',
      place: '幸福小区北门',
      circumstances: '值守中突发疾病，经抢救无效。',
      cause: '突发疾病',
    });
    const cal = await t.call('rota.calendar', WEEK);
    expect(cal.assignments.filter((a) => a.staffId === f.workers[3]).map((a) => a.day)).toEqual(['2020-02-17']);
    expect((await t.call('rota.allowances', WEEK)).find((r) => r.staffId === f.workers[3])).toMatchObject({ plannedShifts: 1, shifts: 0 });
  });

  it('a confirmed shift is a record: it cannot be removed, and regenerating keeps it', async () => {
    const id = await assign('2020-02-17', f.workers[0]!);
    await t.call('rota.attendance.confirm', { entries: [{ assignmentId: id, status: 'present' }] });
    expect((await t.fail('rota.unassign', { id })).code).toBe('CONFLICT');
    t.core.services.ledger.handle().prepare(`UPDATE rota_assignments SET source = 'auto' WHERE id = @id`).run({ id });
    await t.call('rota.generate', WEEK);
    expect((await t.call('rota.attendance.list', { day: '2020-02-17' })).rows.find((r) => r.assignmentId === id)?.status).toBe('present');
  });
});
