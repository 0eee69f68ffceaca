/**
 * What a rota run read before it planned, in a form to compare at its write (S43-A3). Planning runs off the core
 * thread, so other windows work meanwhile: a person put on leave or set 不在岗, a post changed, a shift placed by hand,
 * or another run saved. The run saves only if what it planned from still holds; otherwise it says what changed and
 * saves nothing (the coordinator presses 自动排班 again, on what is there now).
 */
import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import type { AssignmentRow } from './assignment-queries';
import type { World } from './planning';
import type { StaffDef } from './rules';

export interface PlanState {
  world: World;
  /** world.staff as the generator gets them (days before a record was added marked). */
  staff: StaffDef[];
  existing: AssignmentRow[];
  confirmed: Set<number>;
  published: Array<{ communityId: number; weekStart: string }>;
}

export interface PlanStamp {
  /** Per person: what the rules read of them (not the name: a corrected name plans the same). */
  people: Map<number, string>;
  posts: string;
  rota: string;
}

const digest = (x: unknown): string => createHash('sha256').update(JSON.stringify(x)).digest('base64');

export function stampOf(s: PlanState): PlanStamp {
  return {
    people: new Map(s.staff.map((p) => [p.id, JSON.stringify([p.kind, p.communityId, p.isMedical, p.skills, [...p.unavailable]])])),
    posts: digest([
      s.world.posts.map((p) => [p.id, p.communityId, p.kind, p.requiredSkills, p.active, p.requirements]),
      s.world.shifts.map((x) => [x.id, x.startMinute, x.endMinute]),
      s.world.rules,
    ]),
    rota: digest([
      s.existing.map((a) => [a.id, a.day, a.postId, a.shiftId, a.staffId, a.source, a.overrideReason]),
      [...s.confirmed].sort((a, b) => a - b),
      s.published,
    ]),
  };
}

const AGAIN = '本次什么也没有保存，请重新点「自动排班」。';

/** The words for what changed between the read before planning and the read at the write; null when nothing did. */
export function changedMeanwhile(before: PlanStamp, now: PlanStamp, names: (id: number) => string): AppError | null {
  const ids = new Set([...before.people.keys(), ...now.people.keys()]);
  for (const id of [...ids].sort((a, b) => a - b)) {
    if (before.people.get(id) === now.people.get(id)) continue;
    const what = !before.people.has(id) ? '被加入了人员台账' : !now.people.has(id) ? '被移出了人员台账' : '的请假、在岗状态、隔离观察、类别或所属社区有了变化';
    return conflict(`自动排班期间，「${names(id)}」在另一个窗口${what}，按变化前排出的班可能不合规则。${AGAIN}`);
  }
  if (before.posts !== now.posts) return conflict(`自动排班期间，岗位、班次或排班规则在另一个窗口被修改了，按修改前排出的班可能不合规则。${AGAIN}`);
  if (before.rota !== now.rota)
    return conflict(`自动排班期间，这段日期的排班在另一个窗口有了变化（手工安排、确认出勤、发布或另一次自动排班），两份排班不能同时保存。${AGAIN}`);
  return null;
}

const conflict = (message: string): AppError => new AppError('CONFLICT', message);
