/**
 * The district forms at a month's edges, counted again from the raw tables (cases, case_moves, health_checks,
 * households, household_moves, screening_visits) with plain loops here, never the forms' query modules. The ledger is
 * built through the channels day by day across January, February 2020 (29 days) and March:
 * - an observation from 29 February (day 1) whose 14th day is 13 March, released that day at 23:30 Beijing time;
 * - one from 25 January across the month's end, extended to 21 days on 5 February, a day unchecked, released on day 21;
 * - a medical observation released early on 25 February while its planned window runs to 4 March;
 * - at 23:30 Beijing on 29 February (15:30 UTC) a 返程人员 closed, a household screened, a household moved;
 *   at 01:30 Beijing on 1 March (17:30 UTC on the 29th) a fever referral opened, a household moved, one screened;
 * - a fever referral voided; a community with a grid and no household.
 * The forms are read from export.write's package for January, February and March on 1 April.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_LABELS, STATUS_LABELS, type CaseCategory, type CaseStatus } from '../../../electron/core/caseload/codes.shared';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { sentForms, type Figures } from './sent-forms';

const JAN = { from: '2020-01-01', to: '2020-01-31' };
const FEB = { from: '2020-02-01', to: '2020-02-29' };
const MAR = { from: '2020-03-01', to: '2020-03-31' };
const PERIODS = { JAN, FEB, MAR };
const FORMS = ['caseload-summary', 'observation-roster', 'screening-coverage'];

type Row = Record<string, unknown>;
const folders: string[] = [];
let t: TestLedger;
const sent: Record<string, Figures> = {};
const ids: Record<string, number> = {};

/** Days from `a` through `b`, counted on the calendar here (no app date helper). */
const days = (a: string, b: string): string[] => {
  const out: string[] = [];
  const two = (n: number) => String(n).padStart(2, '0');
  for (let d = new Date(`${a}T00:00:00Z`); d <= new Date(`${b}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1))
    out.push(`${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`);
  return out;
};
const rowsOf = (period: string, form: string) => (sent[period]![form] as { rows: Row[]; people?: number }).rows;

beforeAll(async () => {
  t = await openTestLedger({ now: '2020-01-20T01:00:00.000Z' });
  const at = (instant: string) => admitAt(t, instant);
  const community = async (name: string) => {
    const id = (await t.call('org.communities.save', { name })).id;
    return { id, grid: (await t.call('org.grids.save', { communityId: id, name: '第一网格' })).id };
  };
  const xingfu = await community('幸福社区');
  const heping = await community('和平社区');
  await community('空白社区'); // a grid, never a household
  const house = async (c: { id: number; grid: number }, addressText: string) =>
    (await t.call('households.save', { communityId: c.id, gridId: c.grid, addressText })).id;
  const h: Record<string, number> = {};
  const address: Record<string, string> = {};
  for (const [k, c, a] of [
    ['h1', xingfu, '幸福路1号'],
    ['h2', heping, '和平路1号'],
    ['h3', xingfu, '幸福路3号'],
    ['h4', xingfu, '幸福路4号'],
    ['h5', xingfu, '幸福路5号'],
  ] as const)
    [h[k], address[k]] = [await house(c, a), a];
  const screen = (k: string, c: { id: number; grid: number }, status: 'screened' | 'refused', screenedOn?: string) =>
    t.call('households.save', {
      id: h[k]!,
      communityId: c.id,
      gridId: c.grid,
      addressText: address[k],
      screeningStatus: status,
      ...(screenedOn ? { screenedOn } : {}),
    });
  const move = (k: string, c: { id: number; grid: number }) =>
    t.call('households.save', { id: h[k]!, communityId: c.id, gridId: c.grid, addressText: address[k] });
  let n = 900;
  const person: Record<string, number> = {};
  for (const [name, k] of [
    ['甲', 'h1'],
    ['乙', 'h1'],
    ['丙', 'h2'],
    ['丁', 'h3'],
    ['戊', 'h3'],
    ['己', 'h4'],
    ['庚', 'h5'],
    ['辛', 'h3'],
  ] as const)
    person[name] = (await t.call('residents.save', { householdId: h[k]!, name, idNumber: makeIdNumber('410102', '1950-01-01', n++) })).id;
  const open = async (key: string, category: CaseCategory, extra: Record<string, unknown> = {}) =>
    (ids[key] = (await t.call('cases.open', { residentId: person[key]!, category, ...extra })).id);
  const check = async (key: string, from: string, to: string, skip: string[] = []) => {
    for (const d of days(from, to))
      if (!skip.includes(d)) await t.call('checks.record', { caseId: ids[key]!, checkDate: d, temperature: 36.5, method: 'phone', checkedBy: '刘晓燕' });
  };
  const close = (key: string, to: CaseStatus, reason: string) => t.call('cases.transition', { caseId: ids[key]!, to, reason });

  await at('2020-01-25T02:00:00.000Z');
  await open('乙', 'home_observation', { obsStartOn: '2020-01-25' });
  await at('2020-02-05T02:00:00.000Z');
  await t.call('cases.update', { caseId: ids['乙']!, obsDays: 21, changeReason: '复查结果未出，延长观察' });
  await at('2020-02-10T02:00:00.000Z');
  await open('戊', 'returnee');
  await screen('h3', xingfu, 'refused', '2020-02-10');
  await at('2020-02-14T15:30:00.000Z');
  await check('乙', '2020-01-25', '2020-02-14', ['2020-02-01']);
  await close('乙', 'released', '2月1日漏测，观察期满解除');
  await at('2020-02-15T02:00:00.000Z');
  await open('辛', 'fever_referral');
  await at('2020-02-16T02:00:00.000Z');
  await t.call('cases.void', { caseId: ids['辛']!, kind: 'mistake', reason: '登错了人' });
  await at('2020-02-20T02:00:00.000Z');
  await open('丙', 'medical_observation', { obsStartOn: '2020-02-20' });
  await open('己', 'home_observation', { obsStartOn: '2020-02-20' });
  await open('庚', 'solitary_elderly');
  await screen('h4', xingfu, 'screened', '2020-02-20');
  await at('2020-02-25T10:00:00.000Z');
  await check('丙', '2020-02-20', '2020-02-25');
  await close('丙', 'released', '核酸阴性，提前解除');
  await at('2020-02-29T02:00:00.000Z');
  await open('甲', 'home_observation', { obsStartOn: '2020-02-29' });
  // 23:30 and 23:45 in Beijing on 29 February.
  await at('2020-02-29T15:30:00.000Z');
  await close('戊', 'closed', '已返回原籍');
  await screen('h1', xingfu, 'screened', '2020-02-29');
  await at('2020-02-29T15:45:00.000Z');
  await move('h4', heping);
  // 01:30 in Beijing on 1 March, still 29 February in UTC.
  await at('2020-02-29T17:30:00.000Z');
  await open('丁', 'fever_referral');
  await move('h5', heping);
  await screen('h2', heping, 'screened');
  await at('2020-03-13T15:30:00.000Z');
  await check('甲', '2020-02-29', '2020-03-13');
  await close('甲', 'released', '观察期满');
  await check('己', '2020-02-20', '2020-03-04');
  await at('2020-04-01T02:00:00.000Z');
  for (const [k, p] of Object.entries(PERIODS)) sent[k] = await sentForms(t, p, FORMS, folders);
}, 240_000);
afterAll(() => {
  t?.close();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

const db = () => t.core.services.ledger.handle();
const all = <T>(sql: string): T[] => db().prepare(sql).all() as T[];

interface RawCase {
  id: number;
  residentId: number;
  category: CaseCategory;
  status: CaseStatus;
  openedOn: string;
  closedOn: string | null;
  communityId: number;
  obsStartOn: string | null;
  obsEndOn: string | null;
  voidedAt: string | null;
}
const rawCases = () =>
  all<RawCase>(`SELECT id, resident_id AS residentId, category, status, opened_on AS openedOn, closed_on AS closedOn, community_id AS communityId,
                       obs_start_on AS obsStartOn, obs_end_on AS obsEndOn, voided_at AS voidedAt FROM cases`).filter((c) => c.voidedAt === null);
const names = () => new Map(all<{ id: number; name: string }>(`SELECT id, name FROM communities`).map((c) => [c.id, c.name]));
/** Where a case or household was on `day`: the first move recorded after that day says where from; else where it is. */
const placeOn = (moves: Array<{ id: number; ofId: number; movedOn: string; from: number }>, ofId: number, now: number, day: string): number =>
  moves.filter((m) => m.ofId === ofId && m.movedOn > day).sort((a, b) => a.id - b.id)[0]?.from ?? now;
const caseMoves = () =>
  all<{ id: number; ofId: number; movedOn: string; from: number }>(
    `SELECT id, case_id AS ofId, moved_on AS movedOn, from_community_id AS "from" FROM case_moves`,
  );
const residentName = (id: number) => all<{ id: number; name: string }>(`SELECT id, name FROM residents`).find((r) => r.id === id)!.name;

describe('the forms at a month’s edges, recounted from the raw tables', () => {
  it('the office day is Beijing’s: what happened at 23:30 on 29 February is February’s, at 01:30 on 1 March March’s', () => {
    const c = new Map(rawCases().map((x) => [x.id, x]));
    expect(c.get(ids['戊']!)!.closedOn).toBe('2020-02-29');
    expect(c.get(ids['丁']!)!.openedOn).toBe('2020-03-01');
    expect(all<{ movedOn: string }>(`SELECT moved_on AS movedOn FROM household_moves ORDER BY id`).map((m) => m.movedOn)).toEqual(['2020-02-29', '2020-03-01']);
    const visits = all<{ on: string }>(`SELECT visited_on AS "on" FROM screening_visits ORDER BY id`).map((v) => v.on);
    expect(visits.at(-1)).toBe('2020-03-01');
    // Day 1 is the start: 14 days from 29 February end on 13 March; 21 from 25 January on 14 February.
    expect([c.get(ids['甲']!)!.obsEndOn, c.get(ids['乙']!)!.obsEndOn]).toEqual(['2020-03-13', '2020-02-14']);
    expect(days('2020-02-29', '2020-03-13')).toHaveLength(14);
  });

  it('人员排查管控情况汇总表: 在管, 本期新增, 本期解除/办结 per community and category, counted case by case', () => {
    const moves = caseMoves();
    const cm = names();
    for (const [k, p] of Object.entries(PERIODS)) {
      const want = new Map<string, { community: string; category: string; active: number; opened: number; closed: number }>();
      for (const c of rawCases().filter((x) => x.openedOn <= p.to)) {
        const community = cm.get(placeOn(moves, c.id, c.communityId, p.to))!;
        const key = `${community}|${CATEGORY_LABELS[c.category]}`;
        const line = want.get(key) ?? { community, category: CATEGORY_LABELS[c.category], active: 0, opened: 0, closed: 0 };
        if (c.closedOn === null || c.closedOn > p.to) line.active++;
        if (c.openedOn >= p.from) line.opened++;
        if (c.closedOn !== null && c.closedOn >= p.from && c.closedOn <= p.to) line.closed++;
        want.set(key, line);
      }
      const lines = [...want.values()].filter((l) => l.active + l.opened + l.closed > 0);
      const got = rowsOf(k, 'caseload-summary');
      const body = got.filter((r) => r.community !== '合计');
      const key = (r: Row) => `${String(r.community)}|${String(r.category)}`;
      expect(
        [...body].sort((a, b) => key(a).localeCompare(key(b))),
        k,
      ).toEqual([...lines].sort((a, b) => key(a).localeCompare(key(b))));
    }
    // By hand, February: 戊 closed at 23:30 on the 29th; 丁 opened at 01:30 on 1 March is not February's; 己 moved
    // on the 29th is 和平's; 庚 moved on 1 March is still 幸福's; 辛 voided is nowhere.
    const feb = (community: string, category: CaseCategory) =>
      rowsOf('FEB', 'caseload-summary').find((r) => r.community === community && r.category === CATEGORY_LABELS[category]);
    expect(feb('幸福社区', 'returnee')).toMatchObject({ active: 0, opened: 1, closed: 1 });
    expect(feb('幸福社区', 'fever_referral')).toBeUndefined();
    expect(feb('和平社区', 'home_observation')).toMatchObject({ active: 1, opened: 1, closed: 0 });
    expect(feb('幸福社区', 'home_observation')).toMatchObject({ active: 1, opened: 1, closed: 1 });
    expect(feb('幸福社区', 'solitary_elderly')).toMatchObject({ active: 1, opened: 1, closed: 0 });
    const mar = (community: string, category: CaseCategory) =>
      rowsOf('MAR', 'caseload-summary').find((r) => r.community === community && r.category === CATEGORY_LABELS[category]);
    expect(mar('幸福社区', 'fever_referral')).toMatchObject({ active: 1, opened: 1, closed: 0 });
    expect(mar('和平社区', 'solitary_elderly')).toMatchObject({ active: 1, opened: 0, closed: 0 });
  });

  it('居家（医学）观察人员名单: those observed on a day of the period (through the release day), with the days checked then', () => {
    const checks = all<{ caseId: number; day: string }>(`SELECT case_id AS caseId, check_date AS day FROM health_checks`);
    for (const [k, p] of Object.entries(PERIODS)) {
      const want = rawCases()
        .filter((c) => c.category === 'home_observation' || c.category === 'medical_observation')
        .flatMap((c) => {
          const last = c.closedOn !== null && c.closedOn < c.obsEndOn! ? c.closedOn : c.obsEndOn!;
          const from = c.obsStartOn! > p.from ? c.obsStartOn! : p.from;
          const to = last < p.to ? last : p.to;
          if (from > to) return [];
          const observed = days(from, to);
          const done = checks.filter((x) => x.caseId === c.id && observed.includes(x.day)).length;
          return [
            {
              name: residentName(c.residentId),
              status: STATUS_LABELS[c.status],
              startOn: c.obsStartOn,
              endOn: c.obsEndOn,
              done,
              missed: observed.length - done,
            },
          ];
        });
      const got = rowsOf(k, 'observation-roster').map((r) => ({
        name: r.name,
        status: r.status,
        startOn: r.startOn,
        endOn: r.endOn,
        done: r.done,
        missed: r.missed,
      }));
      const byName = (a: Row, b: Row) => String(a.name).localeCompare(String(b.name));
      expect(got.sort(byName), k).toEqual(want.sort(byName));
      expect((sent[k]!['observation-roster'] as { people?: number }).people, k).toBe(want.length);
    }
    // By hand: January 乙 7 days checked; February 乙 13 of 14 (1 February missed), 丙 6, 己 10, 甲 1 (the 29th);
    // March 甲 13, 己 4, and 丙, released on 25 February, is not on March's list though her planned window ran to 4 March.
    const line = (k: string, name: string) => rowsOf(k, 'observation-roster').find((r) => r.name === name);
    expect(line('JAN', '乙')).toMatchObject({ done: 7, missed: 0 });
    expect(line('FEB', '乙')).toMatchObject({ done: 13, missed: 1 });
    expect(line('FEB', '甲')).toMatchObject({ done: 1, missed: 0 });
    expect(line('MAR', '甲')).toMatchObject({ done: 13, missed: 0 });
    expect(line('MAR', '丙')).toBeUndefined();
  });

  it('入户排查覆盖情况表: per community, households where they were on the last day and screened by then; none loaded prints no rate', () => {
    const moves = all<{ id: number; ofId: number; movedOn: string; from: number }>(
      `SELECT id, household_id AS ofId, moved_on AS movedOn, from_community_id AS "from" FROM household_moves`,
    );
    const households = all<{ id: number; communityId: number }>(`SELECT id, community_id AS communityId FROM households`);
    const visits = all<{ householdId: number; on: string; status: string }>(
      `SELECT household_id AS householdId, visited_on AS "on", status FROM screening_visits`,
    );
    const cm = names();
    for (const [k, p] of Object.entries(PERIODS)) {
      const got = rowsOf(k, 'screening-coverage');
      for (const [id, name] of cm) {
        const mine = households.filter((x) => placeOn(moves, x.id, x.communityId, p.to) === id);
        const screened = mine.filter((x) => visits.some((v) => v.householdId === x.id && v.on <= p.to && v.status === 'screened')).length;
        const line = got.find((r) => r.community === name)!;
        const pct = mine.length === 0 ? null : screened === mine.length ? 100 : Math.min(99.9, Math.round((1000 * screened) / mine.length) / 10);
        expect({ households: line.households, screened: line.screened, coverage: line.coverage }, `${k} ${name}`).toEqual({
          households: mine.length,
          screened,
          coverage: pct,
        });
      }
    }
    const feb = (name: string) => rowsOf('FEB', 'screening-coverage').find((r) => r.community === name);
    expect(feb('幸福社区')).toMatchObject({ households: 3, screened: 1, revisit: 1 });
    expect(feb('和平社区')).toMatchObject({ households: 2, screened: 1 });
    expect(feb('空白社区')).toMatchObject({ households: 0, screened: 0, coverage: null, state: '未录入住户' });
    expect(rowsOf('MAR', 'screening-coverage').find((r) => r.community === '和平社区')).toMatchObject({ households: 3, screened: 2 });
  });
});
