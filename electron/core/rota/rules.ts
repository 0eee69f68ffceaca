/**
 * The hard rules for one person's calendar, pure and shared by the generator,
 * manual assignment and the calendar's in-place conflict marks. Two come from
 * the notice (合理安排社区工作者轮休; 原则上不安排他们在卡点值守, of medical
 * staff); the rest days per 7, the consecutive days and the hours between
 * shifts are the office's settings.
 * Days are integer indexes from a base day so the checks are array lookups.
 */
import { daysBetween } from '../dates.shared';
import { crossesMidnight, endFromItsDay } from './shift-times.shared';
import type { BlockReason, PostKind, RotaRules, StaffKind } from './types.shared';

export interface ShiftDef {
  id: number;
  startMinute: number;
  endMinute: number;
}

export interface StaffDef {
  id: number;
  name: string;
  kind: StaffKind;
  isMedical: boolean;
  skills: readonly string[];
  communityId: number | null;
  /** Day (YYYY-MM-DD) → why the person cannot work that day. */
  unavailable: ReadonlyMap<string, 'leave' | 'observation' | 'inactive' | 'not_added' | 'damaged'>;
}

export interface PostDef {
  id: number;
  communityId: number;
  kind: PostKind;
  requiredSkills: readonly string[];
}

/** The notice's 原则上不安排他们在卡点值守: a medical person on a checkpoint needs a recorded reason (破例). */
export const medicalAtCheckpoint = (isMedical: boolean, postKind: PostKind): boolean => isMedical && postKind === 'checkpoint';

/** Anyone from the post's own community; 下沉干部 and people without a community go where hands are short. */
export function staticBlock(staff: StaffDef, post: PostDef, day: string, overridden = false): BlockReason | null {
  const away = staff.unavailable.get(day);
  if (away === 'leave') return 'leave';
  if (away === 'observation') return 'observation';
  if (away === 'inactive') return 'inactive';
  if (away === 'not_added') return 'not_added';
  if (away === 'damaged') return 'damaged';
  if (medicalAtCheckpoint(staff.isMedical, post.kind) && !overridden) return 'medical_checkpoint';
  for (const s of post.requiredSkills) if (!staff.skills.includes(s)) return 'missing_skill';
  if (staff.communityId !== null && staff.communityId !== post.communityId && staff.kind !== 'agency_cadre') return 'other_community';
  return null;
}

export interface Booked<K> {
  key: K;
  start: number;
  end: number;
}

/** One person's shifts over a horizon of days, and whether one more would break a rule. */
export class StaffCalendar<K> {
  private readonly byDay = new Map<number, Array<Booked<K>>>();
  private readonly working: Int16Array;
  shifts = 0;
  nights = 0;
  weekends = 0;

  constructor(
    readonly horizon: number,
    private readonly rules: RotaRules,
  ) {
    this.working = new Int16Array(horizon);
  }

  isWorking(dayIdx: number): boolean {
    return dayIdx >= 0 && dayIdx < this.horizon && this.working[dayIdx]! > 0;
  }

  bookedOn(dayIdx: number): ReadonlyArray<Booked<K>> {
    return this.byDay.get(dayIdx) ?? [];
  }

  add(dayIdx: number, shift: ShiftDef, key: K, flags: { night: boolean; weekend: boolean }): void {
    const list = this.byDay.get(dayIdx) ?? [];
    list.push({ key, start: dayIdx * 1440 + shift.startMinute, end: dayIdx * 1440 + endFromItsDay(shift) });
    this.byDay.set(dayIdx, list);
    if (dayIdx >= 0 && dayIdx < this.horizon) this.working[dayIdx]!++;
    this.shifts++;
    if (flags.night) this.nights++;
    if (flags.weekend) this.weekends++;
  }

  remove(dayIdx: number, key: K, flags: { night: boolean; weekend: boolean }): void {
    const list = this.byDay.get(dayIdx);
    const i = list?.findIndex((b) => b.key === key) ?? -1;
    if (!list || i < 0) return;
    list.splice(i, 1);
    if (dayIdx >= 0 && dayIdx < this.horizon) this.working[dayIdx]!--;
    this.shifts--;
    if (flags.night) this.nights--;
    if (flags.weekend) this.weekends--;
  }

  /** The first rule one more shift on dayIdx would break, or null. */
  block(dayIdx: number, shift: ShiftDef): BlockReason | null {
    const start = dayIdx * 1440 + shift.startMinute;
    const end = dayIdx * 1440 + endFromItsDay(shift); // the next morning for a shift crossing midnight
    const rest = this.rules.minRestHours * 60;
    let tooClose = false;
    for (let d = dayIdx - 1; d <= dayIdx + 1; d++) {
      for (const b of this.byDay.get(d) ?? []) {
        if (b.start < end && start < b.end) return 'overlap';
        if (b.start < end + rest && start < b.end + rest) tooClose = true;
      }
    }
    if (tooClose) return 'rest_hours';
    if (this.isWorking(dayIdx)) return null;
    let run = 1;
    for (let d = dayIdx - 1; this.isWorking(d); d--) run++;
    for (let d = dayIdx + 1; this.isWorking(d); d++) run++;
    if (run > this.rules.maxConsecutiveDays) return 'consecutive_days';
    const maxWorked = 7 - this.rules.minRestDaysPer7;
    for (let w = dayIdx - 6; w <= dayIdx; w++) {
      let worked = 1;
      for (let d = w; d < w + 7; d++) if (d !== dayIdx && this.isWorking(d)) worked++;
      if (worked > maxWorked) return 'rest_days';
    }
    return null;
  }
}

export function isNightShift(s: ShiftDef): boolean {
  return s.startMinute < 360 || s.startMinute >= 1320 || crossesMidnight(s);
}

/** A Monday: rest days are counted from it, so weeks generated one at a time continue one rotation. */
const ROTATION_EPOCH = '2001-01-01';
/** 8 weeks: a whole number of weeks, so each day of the rotation keeps its weekday. */
const ROTATION_DAYS = 56;
/** One more block than weeks: the rest moves round all seven weekdays once per rotation. */
const REST_BLOCKS = 9;
/** Evenly spaced: gaps 6,6,6,6,7,6,6,6,7. */
const REST_BLOCK_STARTS = Array.from({ length: REST_BLOCKS }, (_, j) => Math.floor((j * ROTATION_DAYS) / REST_BLOCKS));

/**
 * 轮休 staggered and moving round the week (本街道的设置; the notice asks only 「合理安排社区工作者轮休」): each person's
 * planned rest days, spread by their order in their community (the 1st starts the rotation on day 0, the 2nd on day r,
 * ... with r rest days per 7). The rotation is ROTATION_DAYS (8 weeks) long and holds REST_BLOCKS blocks of r rest days,
 * 6 or 7 days apart (REST_BLOCK_STARTS): no gap over 7, so every 7-day window holds at least r rest days, and the block
 * moves one weekday earlier at each 6-day gap, so in any 8 weeks everyone rests on every weekday and the weekend rest
 * days of any two people differ by at most 2 (tests/unit/rota/rest-rotation.property.test.ts). It plans 9r rest
 * days in 56 where r in 7 would be 8r; the 27-day cycle before (one weekday earlier every four weeks) left someone
 * resting Wednesday–Thursday with no weekend in 8 weeks. The generator keeps these days free on its first fill only, so when the posts
 * need more than the staff can give the gaps fall on different days instead of every post standing empty on Sunday;
 * its second fill and the hard rules (rest days per 7) decide the rest.
 * `dayNumber` counts days from a fixed Monday, so weeks generated one at a time continue one rotation.
 */
export function restRotation(staff: readonly StaffDef[], restDaysPer7: number) {
  const order = staff.map((s, i) => ({ s, i })).sort((a, b) => a.s.id - b.s.id);
  const rank = new Array<number>(staff.length).fill(0);
  const seen = new Map<number | null, number>();
  for (const { s, i } of order) {
    const n = seen.get(s.communityId) ?? 0;
    rank[i] = n;
    seen.set(s.communityId, n + 1);
  }
  const planned = new Array<boolean>(ROTATION_DAYS).fill(false);
  for (const start of REST_BLOCK_STARTS) for (let k = 0; k < restDaysPer7; k++) planned[(start + k) % ROTATION_DAYS] = true;
  return {
    dayNumber: (day: string) => daysBetween(ROTATION_EPOCH, day),
    isRest: (si: number, dayNumber: number): boolean => {
      if (restDaysPer7 <= 0) return false;
      return planned[(((dayNumber - rank[si]! * restDaysPer7) % ROTATION_DAYS) + ROTATION_DAYS) % ROTATION_DAYS]!;
    },
  };
}
