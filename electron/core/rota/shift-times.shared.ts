/**
 * A shift's times. A shift whose end is not after its start crosses midnight (夜班 20:00–次日 08:00, as checkpoints
 * kept 24 hours in two 12-hour shifts): it belongs to the day it starts — on the calendar, the roster, 出勤确认 and
 * 补助 it is one shift on one day — and ends the next morning, which the rest-hours rule counts from. An office
 * setting (the notice sets no shift pattern).
 */

interface ShiftTimes {
  startMinute: number;
  /** 1–1440; not after the start: the next day's minute. */
  endMinute: number;
}

/** Whether the shift ends the next day. */
export const crossesMidnight = (s: ShiftTimes): boolean => s.endMinute <= s.startMinute;

/** Its end in minutes from the start of the day it starts on (over 1440 when it crosses midnight). */
export const endFromItsDay = (s: ShiftTimes): number => s.endMinute + (crossesMidnight(s) ? 1440 : 0);

/** A minute of the day as 「HH:MM」 (1440 is 24:00). */
export const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** 「08:00」, and 「次日 08:00」 for the end of a shift crossing midnight (24:00 stays the day's end). */
export const shiftStartText = (s: ShiftTimes): string => hhmm(s.startMinute);
export const shiftEndText = (s: ShiftTimes): string => (crossesMidnight(s) ? `次日 ${hhmm(s.endMinute)}` : hhmm(s.endMinute));
