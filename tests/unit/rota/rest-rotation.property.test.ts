/**
 * 轮休 that moves round the week (本街道的设置; the notice asks only 「合理安排社区工作者轮休」). What a coordinator expects
 * of the planned rest days (rules.ts restRotation), for any staff of 3–40 in one or more communities, any rest setting
 * of 1–3 days per 7 and any 8 weeks:
 * - every 7-day window holds at least the configured rest days (so the plan never asks for two shifts without it);
 * - the weekend rest goes round: over the 8 weeks the weekend rest days of any two people differ by at most
 *   WEEKEND_SPREAD (stated bound: 2);
 * - nobody always rests on the same weekday: everyone's rest falls on every weekday at least once in the 8 weeks.
 * Before the fix (a 27-day cycle: the rest day moved one weekday earlier every four weeks) the weekend spread over 8
 * weeks was 8 (1 day per 7), 12–13 (2 per 7) and 16 (3 per 7), and with 2 per 7 someone resting Wednesday–Thursday
 * never had a weekend day off in 8 weeks.
 * The generated rota (generator.ts keeps the planned rest free on its first fill) is checked too, on posts the staff
 * can fill: before, its weekend rest spread over 8 weeks was 4 (5 people, 1 per 7), 11 (10 and 20 people, 2 per 7),
 * 13 (7 people, 3 per 7) and 6 (30 people, 1 per 7); after, 2, 2, 3, 2, 3 (stated bound for the rota: 3).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, weekdayMon0 } from '../../../electron/core/dates.shared';
import { generateRota } from '../../../electron/core/rota/generator';
import { restRotation, type StaffDef } from '../../../electron/core/rota/rules';

const WEEKS = 8;
const WEEKEND_SPREAD = 2;
const ROTA_WEEKEND_SPREAD = 3;

const person = (id: number, communityId: number | null): StaffDef => ({
  id,
  name: `人员${id}`,
  kind: 'community_worker',
  isMedical: false,
  skills: [],
  communityId,
  unavailable: new Map(),
});

describe('restRotation over 8 weeks', () => {
  it('keeps the rest per 7 days in every window, spreads the weekend rest and moves through every weekday', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 40 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 500 }),
        (count, rest, communities, startOffset, firstId) => {
          const staff = Array.from({ length: count }, (_, i) => person(firstId + i * 3, (i % communities) + 1));
          const rotation = restRotation(staff, rest);
          const from = addDays('2020-01-20', startOffset);
          const days = Array.from({ length: WEEKS * 7 }, (_, i) => addDays(from, i));
          const numbers = days.map((d) => rotation.dayNumber(d));
          const weekend = staff.map(() => 0);
          staff.forEach((s, si) => {
            const rests = numbers.map((n) => rotation.isRest(si, n));
            for (let w = 0; w + 7 <= rests.length; w++) {
              const inWindow = rests.slice(w, w + 7).filter(Boolean).length;
              expect(inWindow, `${s.name} ${days[w]} 起 7 天`).toBeGreaterThanOrEqual(rest);
            }
            const weekdays = new Set(days.filter((_, i) => rests[i]).map(weekdayMon0));
            expect(weekdays.size, `${s.name} 轮休的星期`).toBe(7);
            weekend[si] = days.filter((d, i) => rests[i] && weekdayMon0(d) >= 5).length;
          });
          expect(Math.max(...weekend) - Math.min(...weekend), `周末轮休天数 ${weekend.join(' ')}`).toBeLessThanOrEqual(WEEKEND_SPREAD);
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });

  it.each([
    [5, 1, 4],
    [10, 2, 6],
    [20, 2, 12],
    [7, 3, 3],
    [30, 1, 20],
  ])(
    'the generated rota, %i people with %i rest days per 7 on %i positions a day: all filled, the rest kept, the weekend rest spread',
    (count, rest, perDay) => {
      const staff = Array.from({ length: count }, (_, i) => person(i + 1, 1));
      const from = '2020-02-17';
      const days = Array.from({ length: WEEKS * 7 }, (_, i) => addDays(from, i));
      const out = generateRota({
        from,
        to: days.at(-1)!,
        staff,
        posts: [{ id: 1, communityId: 1, kind: 'screening', requiredSkills: [] }],
        shifts: [{ id: 1, startMinute: 480, endMinute: 960 }],
        demands: days.map((day) => ({ postId: 1, shiftId: 1, day, headcount: perDay })),
        rules: { minRestDaysPer7: rest, maxConsecutiveDays: 6, minRestHours: 11 },
        fixed: [],
      });
      expect(out.filled).toBe(out.required);
      const weekend = staff.map((s) => {
        const worked = new Set(out.assignments.filter((a) => a.staffId === s.id).map((a) => a.day));
        for (let w = 0; w + 7 <= days.length; w++)
          expect(days.slice(w, w + 7).filter((d) => !worked.has(d)).length, `${s.name} ${days[w]} 起 7 天`).toBeGreaterThanOrEqual(rest);
        return days.filter((d) => !worked.has(d) && weekdayMon0(d) >= 5).length;
      });
      expect(Math.max(...weekend) - Math.min(...weekend), `周末轮休天数 ${weekend.join(' ')}`).toBeLessThanOrEqual(ROTA_WEEKEND_SPREAD);
    },
  );
});
