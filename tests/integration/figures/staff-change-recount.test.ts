/**
 * A staff member's community or kind edited leaves their earlier pay as it was: two ledgers built through the channels
 * by the same steps, one of them with 张建国 moved from 青松里 to 和平里 and 赵志强 made 专职社区工作者 (from 志愿者) on
 * 10 March. February's 补助计算 (each community's and the office's), 补助发放表 (xlsx), 值守人员及补助统计表 and the
 * printed rosters of February and of March's days before the change are the same in both: a sheet already printed and
 * paid reads the same next month. March (the month of the change): each day worked, and an adjustment's day, counts
 * with the community and kind the person had that day (本街道的设置, rota/README.md): 张建国 is on 青松里's sheet for
 * 3–6 March and on 和平里's for 11–13 March (the office's total as if he had not moved); 赵志强 is paid 3–6 March at the
 * volunteers' standard and 11–13 March at the workers'. Red before: February's 和平里 sheet carried 张建国's pay, and
 * 赵志强's February was repriced at the workers' standard.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDay } from '../../../electron/core/dates.shared';
import { staffAllowancesForm } from '../../../electron/core/io/export/forms/staff-allowances';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';

const FEB = { from: '2020-02-01', to: '2020-02-29' };
const MARCH = { from: '2020-03-01', to: '2020-03-31' };
const DAY_FEN = 10000;
const VOLUNTEER_DAY_FEN = 5000;

const folders: string[] = [];
const ledgers: TestLedger[] = [];

/** The office through February and March; with `move`, on 10 March 张建国 moves from 青松里 to 和平里 and 赵志强 becomes a worker. */
async function build(move: boolean) {
  const t = await openTestLedger({ now: '2020-02-01T01:00:00.000Z' });
  ledgers.push(t);
  const out = mkdtempSync(join(tmpdir(), 'taizhang-staff-move-'));
  folders.push(out);
  const qingsong = (await t.call('org.communities.save', { name: '青松里社区' })).id;
  const heping = (await t.call('org.communities.save', { name: '和平里社区' })).id;
  const shift = (await t.call('rota.shifts.list', {}))[0]!.id;
  const post = async (communityId: number, name: string) =>
    (await t.call('rota.posts.save', { communityId, name, kind: 'duty', requirements: [{ shiftId: shift, headcount: 2 }] })).id;
  const east = await post(qingsong, '青松里东门值守');
  const west = await post(heping, '和平里西门值守');
  const person = async (name: string, communityId: number, kind: 'community_worker' | 'volunteer' = 'community_worker') =>
    (await t.call('rota.staff.save', { name, kind, communityId })).id;
  const zhang = await person('张建国', qingsong);
  const li = await person('李秀英', qingsong);
  const wang = await person('王桂兰', heping);
  const zhao = await person('赵志强', qingsong, 'volunteer');
  await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: DAY_FEN, label: '临时性工作补助' });
  await t.call('rota.rates.save', { staffKind: 'volunteer', basis: 'day', amountFen: VOLUNTEER_DAY_FEN, label: '志愿者补贴' });
  const work = async (staffId: number, postId: number, days: string[]) => {
    for (const day of days) await t.call('rota.assign', { day, postId, shiftId: shift, staffId });
  };
  const confirm = async (period: { from: string; to: string }) => {
    for (const day of eachDay(period.from, period.to)) await t.call('rota.attendance.confirmDay', { day });
  };
  // February: 张建国 and 李秀英 at 青松里's post, 王桂兰 at 和平里's; 张建国 is paid 50 元 more for the 7th.
  await work(zhang, east, ['2020-02-03', '2020-02-04', '2020-02-05', '2020-02-07']);
  await work(li, east, ['2020-02-03', '2020-02-06']);
  await work(wang, west, ['2020-02-04', '2020-02-05', '2020-02-06']);
  await work(zhao, east, ['2020-02-05', '2020-02-06']);
  await admitAt(t, '2020-03-02T02:00:00.000Z');
  await confirm(FEB);
  await t.call('rota.allowances.adjust', { staffId: zhang, day: '2020-02-07', amountFen: 5000, reason: '夜间加班' });
  // March, before the move: 张建国 at 青松里 on the 3rd–6th.
  await work(zhang, east, ['2020-03-03', '2020-03-04', '2020-03-05', '2020-03-06']);
  await work(li, east, ['2020-03-04']);
  await work(zhao, east, ['2020-03-03', '2020-03-04', '2020-03-05', '2020-03-06']);
  // 10 March: 张建国 is transferred to 和平里 (in one ledger) and from the 11th stands its post (in the other, still 青松里's).
  await admitAt(t, '2020-03-10T02:00:00.000Z');
  await t.call('rota.staff.save', { id: zhang, name: '张建国', kind: 'community_worker', communityId: move ? heping : qingsong });
  await work(zhang, move ? west : east, ['2020-03-11', '2020-03-12', '2020-03-13']);
  await t.call('rota.staff.save', { id: zhao, name: '赵志强', kind: move ? 'community_worker' : 'volunteer', communityId: qingsong });
  await work(zhao, east, ['2020-03-11', '2020-03-12', '2020-03-13']);
  await work(wang, west, ['2020-03-12']);
  await admitAt(t, '2020-04-01T02:00:00.000Z');
  await confirm(MARCH);
  await t.call('rota.allowances.adjust', { staffId: zhang, day: '2020-03-05', amountFen: 2000, reason: '交通补贴' });
  await t.call('rota.allowances.adjust', { staffId: zhang, day: '2020-03-12', amountFen: 3000, reason: '夜间加班' });
  return { t, out, qingsong, heping, zhang, zhao };
}

type Office = Awaited<ReturnType<typeof build>>;
let still: Office;
let moved: Office;

beforeAll(async () => {
  still = await build(false);
  moved = await build(true);
}, 240_000);
afterAll(() => {
  for (const t of ledgers) t.close();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

/** Every cell of the pay sheet the office would print for a period, read back from the file. */
async function paySheet(o: Office, period: { from: string; to: string }, name: string): Promise<unknown[][]> {
  const path = join(o.out, `${name}.xlsx`);
  await o.t.call('rota.allowances.export', { ...period, path });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const cells: unknown[][] = [];
  // The sign line carries the day it was made (the same in both: the clocks are the same).
  wb.getWorksheet('补助发放表')!.eachRow((r) => cells.push((r.values as unknown[]).slice(1)));
  return cells;
}

/** Every figure of a period that a community or the office reads: 补助计算 per community and whole, the form, the rosters. */
async function figures(o: Office, period: { from: string; to: string }) {
  const db = o.t.core.services.ledger.handle();
  return {
    office: await o.t.call('rota.allowances', period),
    qingsong: await o.t.call('rota.allowances', { ...period, communityId: o.qingsong }),
    heping: await o.t.call('rota.allowances', { ...period, communityId: o.heping }),
    form: staffAllowancesForm.read(db, { ...period, today: '2020-04-01' }, null),
    roster: await o.t.call('rota.roster', period),
    rosterQingsong: await o.t.call('rota.roster', { ...period, communityId: o.qingsong }),
  };
}

describe('staff moved to another community or made another kind, recounted against the same office without the change', () => {
  it('reads February (paid before the move) the same on screen, on the pay sheet, on the form and on the rosters', async () => {
    const [a, b] = [await figures(still, FEB), await figures(moved, FEB)];
    expect(b).toEqual(a);
    // The figures compared are not empty: 张建国's four days and 50 元 are on 青松里's sheet, none on 和平里's.
    const zhang = b.qingsong.find((r) => r.staffId === moved.zhang)!;
    expect([zhang.communityName, zhang.days, zhang.totalFen]).toEqual(['青松里社区', 4, 4 * DAY_FEN + 5000]);
    expect(b.heping.map((r) => r.name)).toEqual(['王桂兰']);
    const zhao = b.qingsong.find((r) => r.staffId === moved.zhao)!;
    expect([zhao.kind, zhao.days, zhao.totalFen]).toEqual(['volunteer', 2, 2 * VOLUNTEER_DAY_FEN]);
    expect(await paySheet(moved, FEB, '二月')).toEqual(await paySheet(still, FEB, '二月'));
  });

  it('prints March’s days before the move on the same rosters (a post’s shifts count for the post’s community)', async () => {
    for (const communityId of [undefined, moved.qingsong, moved.heping]) {
      const before = { from: '2020-03-01', to: '2020-03-10', ...(communityId === undefined ? {} : { communityId }) };
      expect(await moved.t.call('rota.roster', before)).toEqual(await still.t.call('rota.roster', before));
    }
    // After it, his shifts are on 和平里's post and roster.
    const after = await moved.t.call('rota.roster', { from: '2020-03-11', to: '2020-03-13', communityId: moved.heping });
    const names = after.communities.flatMap((c) => c.posts.flatMap((p) => Object.values(p.cells).flatMap((x) => x.names.map((n) => n.name))));
    expect(names.filter((n) => n === '张建国')).toHaveLength(3);
  });

  it('pays March day by day as the person was: 青松里 the 3rd–6th, 和平里 from the 10th; a volunteer’s days at the volunteers’ standard', async () => {
    const [a, b] = [await figures(still, MARCH), await figures(moved, MARCH)];
    const line = (rows: typeof b.office, communityName: string) => rows.find((r) => r.staffId === moved.zhang && r.communityName === communityName);
    const part = (r: (typeof b.office)[number] | undefined) => r && { days: r.days, adjustmentFen: r.adjustmentFen, totalFen: r.totalFen };
    expect(part(line(b.qingsong, '青松里社区'))).toEqual({ days: 4, adjustmentFen: 2000, totalFen: 4 * DAY_FEN + 2000 });
    expect(part(line(b.heping, '和平里社区'))).toEqual({ days: 3, adjustmentFen: 3000, totalFen: 3 * DAY_FEN + 3000 });
    expect(line(b.qingsong, '和平里社区')).toBeUndefined();
    expect(b.office.filter((r) => r.staffId === moved.zhang).map((r) => r.communityName)).toEqual(['和平里社区', '青松里社区']);
    // Unmoved, he has one line at 青松里 with both parts; the office pays the same either way.
    expect(part(line(a.qingsong, '青松里社区'))).toEqual({ days: 7, adjustmentFen: 5000, totalFen: 7 * DAY_FEN + 5000 });
    // 赵志强: the volunteers' standard until the 9th, the workers' from the 10th; unchanged, the volunteers' all month.
    const zhao = (rows: typeof b.office) => rows.filter((r) => r.staffId === moved.zhao).map((r) => [r.kind, r.days, r.label, r.totalFen]);
    expect(zhao(b.qingsong)).toEqual([
      ['community_worker', 3, '临时性工作补助', 3 * DAY_FEN],
      ['volunteer', 4, '志愿者补贴', 4 * VOLUNTEER_DAY_FEN],
    ]);
    expect(zhao(a.qingsong)).toEqual([['volunteer', 7, '志愿者补贴', 7 * VOLUNTEER_DAY_FEN]]);
    const total = (rows: typeof b.office) => rows.reduce((n, r) => n + r.totalFen, 0);
    expect(total(b.office)).toBe(total(a.office) + 3 * (DAY_FEN - VOLUNTEER_DAY_FEN));
    expect(total(b.qingsong) + total(b.heping)).toBe(total(b.office));
    expect(b.form.at(-1)?.name).toBe('4 人');
    expect(b.form.at(-1)?.days).toBe(a.form.at(-1)?.days);
    // The pay sheet: a line for each community and kind a person was paid as, each person counted once.
    const path = join(moved.out, '三月.xlsx');
    expect(await moved.t.call('rota.allowances.export', { ...MARCH, path })).toMatchObject({ rows: 6, people: 4, totalFen: total(b.office) });
  });
});
