/**
 * A cases import's case MACs planned at preview (targets/case-prepare.ts): over the ids the commit will give the
 * cases, the residents planned and the day each opens on. Proven here: a commit with nothing changed since its
 * preview computes no case MAC and every case is bound; a commit after midnight computes the MACs of the cases
 * that open "today" (the day moved) and keeps the others; a commit after another write in between computes them
 * all. Every case and resident passes the app's row check (db/row-binding.ts damagedRows) in each.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CASE_BINDING } from '../../../electron/core/caseload/case-binding';
import { RESIDENT_BINDING } from '../../../electron/core/caseload/sealed-people';
import { damagedRows, rowIntact } from '../../../electron/core/db/row-binding';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeCsv } from './files';

const opened: TestLedger[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const t of opened.splice(0)) t.close();
});

const MAPPING = ['community', 'grid', 'name', 'idNumber', 'phone', 'address', 'category', 'startOn', 'origin'];
const HEAD = ['社区', '网格', '姓名', '身份证号', '电话', '住址', '人员类别', '开始日期', '来源地'];
const ID_A = makeIdNumber('420106', '1956-11-08', 31);
const ID_B = makeIdNumber('420106', '1940-01-20', 42);
const ID_C = makeIdNumber('110105', '1990-03-12', 17);

// 张伟 is in the ledger; two rows give 开始日期, two open "today" (刘芳, 李娜).
const ROWS = [
  HEAD,
  ['东风社区', '一网格', '张伟', ID_A, '13800138000', '幸福路1号', '居家观察', '2020-02-10', '湖北省武汉市'],
  ['东风社区', '一网格', '刘芳', ID_B, '', '幸福路1号', '返程人员', '', '湖北省孝感市'],
  ['东风社区', '二网格', '王强', ID_C, '13900139000', '幸福小区3栋2单元101室', '返程人员', '2020-02-12', '浙江省温州市'],
  ['东风社区', '', '李娜', '', '13700137000', '', '居家观察', '', ''],
];

// 23:55 in the office's zone (Asia/Shanghai) on 2020-02-17.
const BEFORE_MIDNIGHT = '2020-02-17T15:55:00.000Z';
const AFTER_MIDNIGHT = '2020-02-17T16:05:00.000Z';

type CommitInput = { path: string; target: 'cases'; mapping: string[]; onDuplicate: 'skip'; previewId: string };

async function previewed(): Promise<{ t: TestLedger; input: CommitInput }> {
  const t = await openTestLedger({ now: BEFORE_MIDNIGHT });
  opened.push(t);
  const org = await seedOrg(t);
  const household = await t.call('households.save', { communityId: org.dongfeng, addressText: '幸福路1号' });
  await t.call('residents.save', { householdId: household.id, name: '张伟', idNumber: ID_A, phone: '13800138000' });
  const path = writeCsv(join(scratch(), '返程人员.csv'), ROWS, 'utf-8-bom');
  const input = { path, target: 'cases' as const, mapping: MAPPING, onDuplicate: 'skip' as const };
  const pre = await t.call('import.preview', input);
  expect(pre.counts).toMatchObject({ created: 4, rejected: 0 });
  return { t, input: { ...input, previewId: pre.previewId } };
}

/** Commits, counting the case MACs computed meanwhile (the sealer's keyed index under the cases' purpose). */
async function commitCounting(t: TestLedger, input: CommitInput): Promise<number> {
  const sealer = t.core.services.ledger.sealer()!;
  const index = vi.spyOn(sealer, 'index');
  await t.call('import.commit', input);
  const computed = index.mock.calls.filter(([purpose]) => purpose === 'row:cases').length;
  index.mockRestore();
  return computed;
}

function bound(t: TestLedger) {
  const db = t.core.services.ledger.handle();
  const sealer = t.core.services.ledger.sealer()!;
  const cases = db.prepare('SELECT id, resident_id, category, opened_on FROM cases ORDER BY id').all() as {
    id: number;
    resident_id: number;
    category: string;
    opened_on: string;
  }[];
  return {
    cases: cases.map((c) => ({ ...c, intact: rowIntact(db, sealer, CASE_BINDING, c.id) })),
    damaged: [...damagedRows(db, sealer, [CASE_BINDING, RESIDENT_BINDING]).values()].flatMap((ids) => [...ids]),
  };
}

describe("a cases import's case MACs planned at preview", () => {
  it('are stored as planned when nothing changed since the preview: the commit computes none, every case bound', async () => {
    const { t, input } = await previewed();
    expect(await commitCounting(t, input)).toBe(0);
    const { cases, damaged } = bound(t);
    expect(cases).toEqual([
      { id: 1, resident_id: 1, category: 'home_observation', opened_on: '2020-02-10', intact: true },
      { id: 2, resident_id: 2, category: 'returnee', opened_on: '2020-02-17', intact: true },
      { id: 3, resident_id: 3, category: 'returnee', opened_on: '2020-02-12', intact: true },
      { id: 4, resident_id: 4, category: 'home_observation', opened_on: '2020-02-17', intact: true },
    ]);
    expect(damaged).toEqual([]);
  });

  it('are computed at commit for the cases that open today when the day changed after the preview', async () => {
    const { t, input } = await previewed();
    t.clock.set(AFTER_MIDNIGHT);
    // 刘芳's and 李娜's cases open on the commit's day, not the preview's: their planned MACs do not fit.
    expect(await commitCounting(t, input)).toBe(2);
    const { cases, damaged } = bound(t);
    expect(cases.map((c) => [c.id, c.opened_on, c.intact])).toEqual([
      [1, '2020-02-10', true],
      [2, '2020-02-18', true],
      [3, '2020-02-12', true],
      [4, '2020-02-18', true],
    ]);
    expect(damaged).toEqual([]);
  });

  it('are computed at commit when another write came in between: a case opened on screen took the first planned id', async () => {
    const { t, input } = await previewed();
    await t.call('cases.open', { residentId: 1, category: 'returnee', openedOn: '2020-02-15' });
    expect(await commitCounting(t, input)).toBe(4);
    const { cases, damaged } = bound(t);
    expect(cases.map((c) => [c.id, c.resident_id, c.category, c.intact])).toEqual([
      [1, 1, 'returnee', true],
      [2, 1, 'home_observation', true],
      [3, 2, 'returnee', true],
      [4, 3, 'returnee', true],
      [5, 4, 'home_observation', true],
    ]);
    expect(damaged).toEqual([]);
  });
});
