/**
 * The thirty-first attack run (session 45), target 1: 自动排班 off the core's thread (session 44: plan-rota.ts,
 * planner-thread.ts, plan-stamp.ts, rota.generate.cancel). As a clerk's or viewer's window (a compromised renderer),
 * and as a coordinator's window racing the run: who may start or stop a run, a planner thread that throws or exits,
 * and what other windows change while it plans (each must be refused in words, nothing saved).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { planRota } from '../../../electron/core/rota/plan-rota';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { officeInstance } from '../../helpers/rota-office';
import { postOf, postSaveOf, rotaFixture, type RotaFixture } from '../rota/fixture';
import { planningMeanwhile } from '../../helpers/planning-meanwhile';

const PLANNER = resolve('dist-electron/rota-planner.cjs');
const WEEK = { from: '2020-02-17', to: '2020-02-23' };
const STOPPED = { code: 'INTERNAL', message: '自动排班的计算意外停止，什么也没有改动。请再点一次「自动排班」。' };

let t: TestLedger;
let f: RotaFixture;
// The first 排班 progress: the plan is on its thread; what the test does there happens meanwhile.
const { emit, meanwhile } = planningMeanwhile();
const dirs: string[] = [];
afterEach(() => {
  t.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(plannerPath = PLANNER): Promise<void> {
  t = await openTestLedger({
    core: {
      rotaPlannerPath: plannerPath,
      emit,
    },
  });
  f = await rotaFixture(t);
}
const written = async () => (await t.call('rota.calendar', WEEK)).assignments.length;
/** A planner file of the test's own making, standing in for rota-planner.cjs (CoreOptions.rotaPlannerPath). */
const plannerFile = (body: string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-planner-'));
  dirs.push(dir);
  const path = join(dir, 'rota-planner.cjs');
  writeFileSync(path, body);
  return path;
};

describe('who may run and stop 自动排班', () => {
  it('a clerk and a viewer are refused both rota.generate and rota.generate.cancel; the coordinator’s run then plans and saves', async () => {
    await start();
    for (const role of ['clerk', 'viewer'] as const) {
      const s = await t.sessionAs(role, `${role}1`);
      expect((await t.fail('rota.generate', { ...WEEK, jobId: 'rota-x' }, s)).code).toBe('FORBIDDEN');
      expect((await t.fail('rota.generate.cancel', { jobId: 'rota-x' }, s)).code).toBe('FORBIDDEN');
    }
    expect(await written()).toBe(0);
    // The refused cancel left nothing behind that stops the next run of that name.
    expect((await t.call('rota.generate', { ...WEEK, jobId: 'rota-x' })).created).toBeGreaterThan(5);
  }, 60_000);

  it('a 任务编号 that is not a plain name (a path, code) is refused at the contract, naming the field', async () => {
    await start();
    for (const jobId of ['../../core-worker.cjs', 'x'.repeat(65), 'a b', 'require("fs")'])
      expect(await t.fail('rota.generate', { ...WEEK, jobId })).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('任务编号格式不对') });
    expect(await written()).toBe(0);
  }, 60_000);
});

describe('a planner thread that stops', () => {
  for (const [what, body] of [
    ['throws', `throw new Error('planner bug');`],
    ['exits', `process.exit(3);`],
    ['posts nothing and ends', ``],
  ] as const)
    it(`${what}: the run answers in words, nothing written, the core answers, and the next run is not told one is under way`, async () => {
      await start(plannerFile(body));
      expect(await t.fail('rota.generate', { ...WEEK })).toEqual(STOPPED);
      expect(await t.call('rota.rules.get', {})).toMatchObject({ maxConsecutiveDays: 6 });
      expect(await t.fail('rota.generate', { ...WEEK })).toEqual(STOPPED);
      expect(await written()).toBe(0);
    }, 60_000);

  it('a planner file that is not there: the same words, nothing written', async () => {
    await start(join(tmpdir(), 'taizhang-no-such-planner', 'rota-planner.cjs'));
    expect(await t.fail('rota.generate', { ...WEEK })).toEqual(STOPPED);
    expect(await written()).toBe(0);
  }, 60_000);
});

describe('what other windows change while the planner plans (plan-stamp.ts): refused in words, nothing saved', () => {
  const refusedWith = async (change: () => Promise<unknown>, words: RegExp) => {
    const done = meanwhile(change);
    const e = await t.fail('rota.generate', { ...WEEK });
    await done;
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(words);
    expect(await written()).toBe(0);
  };
  const POSTS = /^自动排班期间，岗位、班次或排班规则在另一个窗口被修改了/;

  it('a shift’s times edited', async () => {
    await start();
    const day = (await t.call('rota.shifts.list', {})).find((s) => s.id === f.shifts.day)!;
    await refusedWith(() => t.call('rota.shifts.save', { id: day.id, name: day.name, startMinute: day.startMinute, endMinute: day.endMinute - 60 }), POSTS);
  }, 60_000);

  it('a rule’s value edited', async () => {
    await start();
    await refusedWith(() => t.call('rota.rules.save', { minRestDaysPer7: 2, maxConsecutiveDays: 5, minRestHours: 11 }), POSTS);
  }, 60_000);

  it('a post’s headcount edited, or its weekdays', async () => {
    await start();
    const post = await postOf(t, f.screening);
    await refusedWith(
      () => t.call('rota.posts.save', postSaveOf(post, { requirements: [{ shiftId: f.shifts.day, headcount: 2, weekdays: '1111111' }] })),
      POSTS,
    );
    const again = await postOf(t, f.screening);
    await refusedWith(
      () => t.call('rota.posts.save', postSaveOf(again, { requirements: [{ shiftId: f.shifts.day, headcount: 2, weekdays: '1111100' }] })),
      POSTS,
    );
  }, 60_000);

  it('a staff member made 医务人员 (kind) by a clerk', async () => {
    await start();
    const clerk = await t.sessionAs('clerk', 'clerk1');
    await refusedWith(
      () => t.call('rota.staff.save', { id: f.workers[1]!, name: '王芳', kind: 'medical', communityId: f.c1 }, clerk),
      /^自动排班期间，「王芳」在另一个窗口的请假、在岗状态、隔离观察、类别或所属社区有了变化/,
    );
  }, 60_000);

  it('a staff member put under 居家观察 by a case a clerk opens meanwhile (matched to the register by name and number)', async () => {
    await start();
    const idNumber = makeIdNumber('410102', '1988-05-06', 321);
    await t.call('rota.staff.save', { id: f.workers[3]!, name: '陈静', kind: 'community_worker', communityId: f.c1, idNumber });
    const grid = (await t.call('org.grids.save', { communityId: f.c1, name: '第一网格' })).id;
    const h = await t.call('households.save', { communityId: f.c1, gridId: grid, addressText: '幸福路3号' });
    const person = await t.call('residents.save', { householdId: h.id, name: '陈静', idNumber });
    const clerk = await t.sessionAs('clerk', 'clerk1');
    await refusedWith(
      () => t.call('cases.open', { residentId: person.id, category: 'home_observation', obsStartOn: '2020-02-17', openedOn: '2020-02-17' }, clerk),
      /^自动排班期间，「陈静」在另一个窗口/,
    );
    // Pressed again: 陈静 is off the week.
    await t.call('rota.generate', { ...WEEK });
    expect((await t.call('rota.calendar', WEEK)).assignments.some((a) => a.staffId === f.workers[3])).toBe(false);
  }, 60_000);

  it('a second run from a clerk’s window while the coordinator’s plans is refused FORBIDDEN; the first saves its plan', async () => {
    await start();
    const clerk = await t.sessionAs('clerk', 'clerk1');
    const second = meanwhile(() => t.fail('rota.generate', { ...WEEK }, clerk));
    const first = await t.call('rota.generate', { ...WEEK });
    expect((await second).code).toBe('FORBIDDEN');
    expect(await written()).toBe(first.created);
  }, 60_000);
});

// S45-A2 (low; denial by size): each unfilled position crossed back from the planner thread with every person who could
// have taken it and the rule that stopped them, though the report keeps per rule a count and three names. Measured
// (generator on the calling thread, 600 staff, 3 shifts, 63 days): 500 posts, 62,938 unfilled positions carried
// 8,107,263 such entries, heap +734 MB, 18 s; 2,000 posts stopped at RangeError (the output past V8's string limit).
// Now the planner sends per rule the count and the first three (generator.ts GeneratedSlot.blocked).
describe('S45-A2: what an unfilled position carries back from the planner does not grow with the staff', () => {
  it('600 staff, 20 posts of 20 a shift: each unfilled position carries its rules, a count and three people each', async () => {
    t = await openTestLedger();
    const { onProgress: _none, ...input } = officeInstance({ staff: 600, posts: 20, perShift: 20, days: 7 });
    const out = await planRota(input, { plannerPath: PLANNER, signal: new AbortController().signal, onProgress: () => undefined });
    expect(out.unfilled.length).toBeGreaterThan(100);
    const perPosition = JSON.stringify(out.unfilled).length / out.unfilled.length;
    expect(perPosition).toBeLessThan(1_000);
  }, 120_000);
});

// S45-A4 (low; correctness and privacy; fixed in session 46): the rota found its staff under observation by name and
// masked ID number (staff-queries.ts observationSpans: the first four and last four digits), which its comment said
// "picks out one person". A namesake in the same city whose number ends in the same four (about 1 in 5,000 for two
// people of one sex; a common name has several namesakes among a street office’s residents) is someone else: their
// 居家观察 took the staff member off 自动排班 and showed them 「本人正在居家/医学观察」 on every window's calendar. Staff
// now keep their number under the residents' index purpose too (073) and are matched by the whole number
// (tests/unit/rota/observation-match.test.ts: saves, imports, 更换密钥, members saved before 073).
describe('S45-A4: a namesake’s observation and the staff register', () => {
  it('S45-A4: a resident of the same name whose number shares the first and last four digits is not the staff member', async () => {
    await start();
    const staffNumber = makeIdNumber('410102', '1988-05-06', 321);
    // Another person: another district of the same city, another birthday, the same last four.
    let other = '';
    for (let d = 1; !other; d++) {
      const n = makeIdNumber('410103', `1990-01-${String(d).padStart(2, '0')}`, 321);
      if (n.slice(-4) === staffNumber.slice(-4)) other = n;
    }
    await t.call('rota.staff.save', { id: f.workers[3]!, name: '陈静', kind: 'community_worker', communityId: f.c1, idNumber: staffNumber });
    const grid = (await t.call('org.grids.save', { communityId: f.c1, name: '第一网格' })).id;
    const h = await t.call('households.save', { communityId: f.c1, gridId: grid, addressText: '和平路8号' });
    const namesake = await t.call('residents.save', { householdId: h.id, name: '陈静', idNumber: other });
    await t.call('cases.open', { residentId: namesake.id, category: 'home_observation', obsStartOn: '2020-02-17', openedOn: '2020-02-17' });
    const away = (await t.call('rota.calendar', WEEK)).away['2020-02-18'] ?? [];
    expect(away.filter((a) => a.staffId === f.workers[3])).toEqual([]);
  }, 60_000);
});
