/**
 * 作废登记 leaves every figure: two ledgers built through the channels by the same steps, day by day, one of them with
 * cases registered by mistake besides (one in each of the 11 categories, across the period's edges: before it and in
 * it, one closed in it; checks on the mistaken observations, one of them a fever; a care task the mistaken observation
 * started for a 特困 neighbour in its household). Once those are voided, the second ledger's figures are the first's:
 * the 上报 forms (人员排查管控情况汇总表, 居家（医学）观察人员名单, 入户排查覆盖情况表, 重点人群关爱服务台账 from
 * export.write's package), 工作台 (caseload and coverage), 排查覆盖, 今日随访 (every kind and item), the case grid's
 * totals and the people's 在办个案; restored (撤销作废), they are what they were before the voiding.
 * Red before the liveCase filter in a query: the figures still count the voided case (tried on the summary form).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseCategory } from '../../../electron/core/caseload/codes.shared';
import { PART_NAMES } from '../../../electron/core/io/export/package-format';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { ZIP_PASSWORD } from '../../unit/export/fixture';
import { partsOf } from '../../unit/export/rebuild-package';

const FROM = '2020-02-11';
const TO = '2020-02-17';
/** 23:30 in Beijing on the period's last day. */
const LATE = '2020-02-17T15:30:00.000Z';
const FORMS = ['caseload-summary', 'observation-roster', 'screening-coverage', 'care-ledger'];

const folders: string[] = [];
const ledgers: TestLedger[] = [];

/** The office's ledger through the period; with `mistakes`, the cases registered by mistake too (their ids returned). */
async function build(mistakes: boolean): Promise<{ t: TestLedger; mistaken: number[] }> {
  const t = await openTestLedger({ now: '2020-02-01T01:00:00.000Z' });
  ledgers.push(t);
  const at = (instant: string) => admitAt(t, instant);
  const xingfu = (await t.call('org.communities.save', { name: '幸福社区' })).id;
  const heping = (await t.call('org.communities.save', { name: '和平社区' })).id;
  const xg = (await t.call('org.grids.save', { communityId: xingfu, name: '第一网格' })).id;
  const hg = (await t.call('org.grids.save', { communityId: heping, name: '第一网格' })).id;
  const h1 = (await t.call('households.save', { communityId: xingfu, gridId: xg, addressText: '幸福路1号', screeningStatus: 'screened' })).id;
  const h2 = (await t.call('households.save', { communityId: heping, gridId: hg, addressText: '和平路1号', screeningStatus: 'not_home' })).id;
  let n = 700;
  const person = async (householdId: number, name: string, tags: string[] = []) =>
    (await t.call('residents.save', { householdId, name, idNumber: makeIdNumber('410102', '1950-01-01', n++), tags: tags as never })).id;
  const jia = await person(h1, '甲');
  const yi = await person(h2, '乙');
  const bing = await person(h2, '丙');
  // The people the mistaken cases name: in both ledgers, so only their cases differ.
  const wa = await person(h2, '误甲');
  const wb = await person(h1, '误乙');
  const wc = await person(h1, '误丙');
  const mistaken: number[] = [];
  const wrong = async (residentId: number, category: CaseCategory, extra: Record<string, unknown> = {}) => {
    if (mistakes) mistaken.push((await t.call('cases.open', { residentId, category, ...extra })).id);
  };
  const check = (caseId: number, day: string, temperature = 36.5) =>
    t.call('checks.record', { caseId, checkDate: day, temperature, method: 'phone', checkedBy: '刘晓燕' });

  await at('2020-02-05T02:00:00.000Z');
  await t.call('cases.open', { residentId: yi, category: 'extreme_poverty' });
  const jiaObs = (await t.call('cases.open', { residentId: jia, category: 'home_observation', obsStartOn: '2020-02-05' })).id;
  await wrong(wc, 'extreme_poverty');
  await wrong(wc, 'homeless');
  await wrong(wa, 'returnee', { origin: '武汉市', arrivedOn: '2020-02-04' });
  await at('2020-02-12T02:00:00.000Z');
  await t.call('cases.open', { residentId: bing, category: 'fever_referral' });
  // 误甲 lives with 乙 (特困): the mistaken observation starts a care task for 乙.
  await wrong(wa, 'home_observation', { obsStartOn: '2020-02-12' });
  await wrong(wb, 'medical_observation', { obsStartOn: '2020-02-12' });
  for (const c of ['solitary_elderly', 'closed_compound_support'] as const) await wrong(wa, c);
  for (const c of ['fever_referral', 'child_without_guardian', 'psychological_support'] as const) await wrong(wb, c);
  await wrong(wc, 'dispute_mediation');
  for (let d = 5; d <= 12; d++) await check(jiaObs, `2020-02-${String(d).padStart(2, '0')}`);
  if (mistakes) {
    await check(mistaken[3]!, '2020-02-12');
    await check(mistaken[4]!, '2020-02-12', 38.5); // a fever: an open escalation
  }
  await at('2020-02-15T02:00:00.000Z');
  if (mistakes) await t.call('cases.transition', { caseId: mistaken.at(-1)!, to: 'closed', reason: '调解完毕' });
  await at(LATE);
  await wrong(wc, 'fever_referral'); // today: the grid has a new case (排查覆盖, 零报告)
  return { t, mistaken };
}

type Figures = Record<string, unknown>;

async function figures(t: TestLedger): Promise<Figures> {
  const folder = mkdtempSync(join(tmpdir(), 'taizhang-void-recount-'));
  folders.push(folder);
  const written = await t.call('export.write', { from: FROM, to: TO, formIds: FORMS, folder, password: ZIP_PASSWORD });
  const parts = (await partsOf(t, written.path)).parts;
  const data = JSON.parse(Buffer.from(parts.get(PART_NAMES.data)!).toString('utf8')) as { forms: Array<{ id: string; rows: unknown[]; people?: number }> };
  const dash = await t.call('dashboard.summary', {});
  const today = await t.call('today.list', { limit: 2000 });
  const residents = await t.call('residents.list', { limit: 100 });
  return {
    forms: Object.fromEntries(data.forms.map((f) => [f.id, { rows: f.rows, people: f.people }])),
    dashboard: { caseload: dash.caseload, coverage: dash.coverage },
    coverage: await t.call('coverage.summary', {}),
    today: { counts: today.counts, items: today.items.map((i) => i.key).sort() },
    grid: {
      all: (await t.call('cases.list', { limit: 1 })).total,
      active: (await t.call('cases.list', { filter: { active: true }, limit: 1 })).total,
      overdue: (await t.call('cases.list', { filter: { overdue: true }, limit: 1 })).total,
    },
    activeCases: residents.rows.map((r) => `${r.name} ${r.activeCases}`).sort(),
  };
}

let base: Figures;
let withMistakes: Figures;
let voided: Figures;
let restored: Figures;
let count: { voided: number; shown: number };

beforeAll(async () => {
  base = await figures((await build(false)).t);
  const { t, mistaken } = await build(true);
  withMistakes = await figures(t);
  for (const [i, caseId] of mistaken.entries()) {
    await t.call('cases.void', i % 2 === 0 ? { caseId, kind: 'mistake', reason: '登错了人' } : { caseId, kind: 'duplicate' });
  }
  voided = await figures(t);
  count = {
    voided: mistaken.length,
    shown: (await t.call('cases.list', { filter: { withVoided: true }, limit: 100 })).rows.filter((r) => r.voidedAt !== null).length,
  };
  for (const caseId of mistaken) await t.call('cases.restore', { caseId, reason: '作废错了' });
  restored = await figures(t);
}, 240_000);
afterAll(() => {
  for (const t of ledgers) t.close();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

describe('作废登记: a case registered by mistake, voided, is in no figure; restored, it is back', () => {
  it('the mistaken cases change every figure first (so the comparison below can fail)', () => {
    expect(count.voided).toBe(12);
    for (const k of Object.keys(base)) expect(withMistakes[k], k).not.toEqual(base[k]);
  });

  it('voided: every form, 工作台, 排查覆盖, 今日随访, the grid and 在办个案 are the ledger’s without them', () => {
    for (const k of Object.keys(base)) expect(voided[k], k).toEqual(base[k]);
    // 显示已作废 still finds all of them.
    expect(count.shown).toBe(12);
  });

  it('restored (撤销作废): every figure is what it was before the voiding', () => {
    for (const k of Object.keys(base)) expect(restored[k], k).toEqual(withMistakes[k]);
  });
});
