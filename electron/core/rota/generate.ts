/** rota.generate: a background task around the pure generator, one write transaction at the end. */
import { addDays, dayInWords, daysBetween, weekdayMon0 } from '../dates.shared';
import { AppError, badInput } from '../errors';
import type { ReadDb } from '../db/types';
import type { TaskContext } from '../handler-types';
import * as a from './assignment-queries';
import { BLOCKED_EXAMPLES, type PlainAssignment } from './generator';
import { cancelledRun, planRota } from './plan-rota';
import { startRun } from './generate-runs';
import { refuseEndedWindow, windowEnded } from '../task-write';
import { changedMeanwhile, stampOf, type PlanState } from './plan-stamp';
import { savePlan } from './plan-save';
import { damagedStaff, demandCount, demandsFor, loadWorld, withoutDamagedRows, withoutDaysBeforeAdded } from './planning';
import { blockLabel, type GenerateReport, type UnfilledSlot } from './types.shared';

export interface GenerateRequest {
  from: string;
  to: string;
  communityIds?: number[] | undefined;
  includePublished: boolean;
  /** The screen's name for this run, for its 取消 (rota.generate.cancel). */
  jobId?: string | undefined;
}

export const mondayOf = (day: string): string => addDays(day, -weekdayMon0(day));

export async function runGenerate(input: GenerateRequest, ctx: TaskContext): Promise<GenerateReport> {
  if (input.to < input.from) throw badInput('「结束日期」不能早于「开始日期」。', { field: 'to' });
  if (daysBetween(input.from, input.to) > 62) throw badInput('一次最多排 63 天，请缩短日期范围。', { field: 'to' });
  // One run at a time per ledger: the core answers other windows while a run plans, so a second run could otherwise
  // plan from the same assignments and both would save.
  const other = running.get(ctx.services);
  if (other !== undefined) throw new AppError('CONFLICT', `${other}正在自动排班，请等那次排完（或在那个窗口点「取消」）后再试。本次什么也没有改动。`);
  running.set(ctx.services, ctx.session.displayName || ctx.session.username);
  const own = new AbortController();
  const end = startRun(input.jobId, ctx.session, own);
  // Its window ended (locked, signed out, 停用…) while it plans: nothing it plans could be written, so the planner
  // stops there and then, and another window may run at once (before, it planned to its end first).
  const watch = setInterval(() => windowEnded(ctx) && own.abort(), WINDOW_CHECK_MS);
  watch.unref();
  try {
    return await planAndSave(input, { ...ctx, signal: AbortSignal.any([ctx.signal, own.signal]) });
  } catch (e) {
    refuseEndedWindow(ctx);
    throw e;
  } finally {
    clearInterval(watch);
    running.delete(ctx.services);
    end();
  }
}

/** How often a run asks whether its window still stands while it plans. */
const WINDOW_CHECK_MS = 200;

/**
 * The most post-shift-days (one post's one shift on one day) one run plans. The planner's memory grows with them
 * (measured on the calling thread, 600 staff: 5,040, the bench's big office, 40 posts × 3 shifts × 42 days, heap
 * +63 MB; 18,900, 100 posts × 63 days, +102 MB, +120 MB at 5 a shift; 37,800 +270 MB; 75,600 +478 MB; 378,000, 2,000
 * posts, 1.45 GB, S45-A2; 2,000 staff at 19,845: +293 MB), and demandsFor builds them on the core's thread first. The
 * bound lets 100 posts plan the longest range, 63 days: four times the bench's big office. More is split by community.
 */
export const MAX_RUN_DEMANDS = 20_000;

/** The services of each ledger's core with a run under way → who started it. */
const running = new WeakMap<object, string>();

/**
 * Everything a run plans from; read again inside the write to see what changed meanwhile (plan-stamp.ts). The members
 * whose rows were changed outside the program are found once, before the plan (damagedStaff: a MAC per member, some
 * 150 ms at 600 staff), not again inside the write, where every other window would wait for it.
 */
function readPlanState(db: ReadDb, input: GenerateRequest, ctx: TaskContext, damaged: ReadonlySet<number>): PlanState {
  const world = loadWorld(db, input.from, input.to);
  return {
    world,
    staff: withoutDamagedRows(
      damaged,
      withoutDaysBeforeAdded(db, world.staff, (at) => ctx.clock.dayOf(at), input.from, input.to),
      input.from,
      input.to,
    ),
    existing: a.listAssignments(db, addDays(input.from, -8), addDays(input.to, 8)),
    // A shift whose attendance is confirmed is a record, not a plan: regenerating never replaces it.
    confirmed: a.confirmedIds(db, input.from, input.to),
    published: a.listPublishedWeeks(db, addDays(input.from, -6), input.to),
  };
}

async function planAndSave(input: GenerateRequest, ctx: TaskContext): Promise<GenerateReport> {
  ctx.progress('读取人员与岗位', 0, 1);
  const damaged = damagedStaff(ctx.read, ctx.sealer);
  const state = readPlanState(ctx.read, input, ctx, damaged);
  const { world, existing, confirmed } = state;
  const communities = new Set(input.communityIds ?? world.posts.map((p) => p.communityId));
  const published = new Set(state.published.map((w) => `${w.communityId}|${w.weekStart}`));
  const frozen = (communityId: number, day: string) => !input.includePublished && published.has(`${communityId}|${mondayOf(day)}`);
  // 本街道的设置: the days before today happened. What was planned for them is what the post leader confirms and the
  // pay sheet pays; a re-run mid-week plans today on and leaves every earlier day as it is (the report counts them).
  const today = ctx.clock.today();
  const past = (day: string) => day < today;
  const pastDays = input.from < today ? daysBetween(input.from, input.to < today ? input.to : addDays(today, -1)) + 1 : 0;
  const replaceable = existing.filter(
    (r) =>
      r.source === 'auto' &&
      !confirmed.has(r.id) &&
      r.day >= input.from &&
      r.day <= input.to &&
      !past(r.day) &&
      communities.has(r.communityId) &&
      !frozen(r.communityId, r.day),
  );
  const replaceIds = new Set(replaceable.map((r) => r.id));
  const fixed: PlainAssignment[] = existing
    .filter((r) => !replaceIds.has(r.id))
    .map((r) => ({ staffId: r.staffId, postId: r.postId, shiftId: r.shiftId, day: r.day }));
  // Counted before demandsFor builds them on this thread: a run too big is refused in words, nothing planned or written.
  const size = demandCount(world.posts, input.from < today ? today : input.from, input.to, communities);
  if (size.count > MAX_RUN_DEMANDS)
    throw badInput(
      `这次要排的岗位班次太多（${size.posts} 个岗位、${size.days} 天，共 ${size.count} 个岗位班次；一次最多 ${MAX_RUN_DEMANDS} 个），请按社区分开排，或缩短日期范围。本次什么也没有改动。`,
      { field: 'communityIds' },
    );
  const allDemands = demandsFor(world.posts, input.from, input.to, communities).filter((d) => !past(d.day));
  const demands = allDemands.filter((d) => !frozen(world.postDefs.get(d.postId)!.communityId, d.day));
  const kept = new Set(demands);
  const skippedWeeks = new Set(allDemands.filter((d) => !kept.has(d)).map((d) => `${world.postDefs.get(d.postId)!.communityId}|${mondayOf(d.day)}`)).size;
  const before = stampOf(state);

  // Off the core thread (plan-rota.ts): other windows are answered while this plans; 取消 stops the planner.
  const out = await planRota(
    { from: input.from, to: input.to, staff: state.staff, posts: [...world.postDefs.values()], shifts: world.shifts, demands, rules: world.rules, fixed },
    { plannerPath: ctx.services.rotaPlannerPath, signal: ctx.signal, onProgress: (done, total) => ctx.progress('排班', done, total) },
  );
  await tick();
  if (ctx.signal.aborted) throw cancelledRun();

  ctx.progress('保存', 0, 1);
  const now = ctx.clock.nowIso();
  ctx.write((w, audit) => {
    // Everything was read before the plan; other windows worked meanwhile. Read again here, in the write's transaction.
    const fresh = readPlanState(w, input, ctx, damaged);
    // A shift confirmed meanwhile is a record now.
    const confirmedMeanwhile = replaceable.find((r) => fresh.confirmed.has(r.id));
    if (confirmedMeanwhile) throw confirmedWhilePlanning(confirmedMeanwhile, world);
    // The office's day turning meanwhile is not a change: the run plans as it was read, as one a second earlier would
    // (tests/unit/security/session41-rota-past.test.ts).
    const names = new Map([...world.staff, ...fresh.world.staff].map((s) => [s.id, s.name]));
    const changed = changedMeanwhile(before, stampOf(fresh), (id) => names.get(id) ?? `编号 ${id} 的人员`);
    if (changed) throw changed;
    // One delete, one reused insert, the audit 500 assignments to a row (plan-save.ts).
    const run = { from: input.from, to: input.to, communityIds: input.communityIds ?? null, jobId: input.jobId ?? null };
    savePlan(w, audit, ctx.sealer, { run, replaced: replaceable, created: out.assignments, now });
  });
  ctx.progress('保存', 1, 1);
  const names = new Map(world.staff.map((s) => [s.id, s.name]));
  const unfilled: UnfilledSlot[] = out.unfilled.map((u) => {
    const post = world.posts.find((p) => p.id === u.demand.postId)!;
    // One group per rule (each rule has its own label), its count and first names as the planner sent them (S45-A2).
    const groups = new Map<string, { count: number; who: string[] }>();
    for (const b of u.blocked) groups.set(blockLabel(b.reason, world.rules), { count: b.count, who: b.staffIds.map((id) => names.get(id) ?? '') });
    return {
      day: u.demand.day,
      postId: post.id,
      shiftId: u.demand.shiftId,
      missing: u.missing,
      postName: post.name,
      communityName: post.communityName,
      shiftName: world.shiftById.get(u.demand.shiftId)?.name ?? '',
      reasons: [...groups].map(([reason, g]) => ({ reason, count: g.count, examples: g.who.slice(0, BLOCKED_EXAMPLES) })).sort((x, y) => y.count - x.count),
    };
  });
  return {
    required: out.required,
    filled: out.filled,
    created: out.assignments.length,
    kept: fixed.filter((f) => f.day >= input.from && f.day <= input.to).length,
    unfilled,
    fairness: out.fairness,
    skippedPublishedWeeks: skippedWeeks,
    pastDays,
    heldOff: state.staff.filter((s) => s.unavailable.get(input.from) === 'damaged').map((s) => s.name),
  };
}

/** The words when a shift the run would replace was confirmed in another window while it planned. */
function confirmedWhilePlanning(r: PlainAssignment, world: ReturnType<typeof loadWorld>): AppError {
  const post = world.posts.find((p) => p.id === r.postId);
  const shift = world.shiftById.get(r.shiftId)?.name ?? '';
  const where = `${post ? `「${post.name}」` : ''}${shift}`;
  return new AppError(
    'CONFLICT',
    `自动排班期间，${dayInWords(r.day)}${where}的出勤在另一个窗口被确认了：确认过的班次是记录，自动排班不会替换它。本次什么也没有保存，请重新点「自动排班」。`,
  );
}

const tick = () => new Promise<void>((r) => setImmediate(r));
