/**
 * A cases import (the returnee sheet: a resident and a case per row) whose preview prepared the residents it
 * registers (targets/case-prepare.ts: numbers sealed, row MACs over planned ids, each case on the resident the
 * preview found). Proven here: the prepared commit stores the same residents, households, cases, care tasks
 * and audit as a commit that looks up and seals every row itself, every resident and case bound to its id;
 * a file naming a person twice, or a row found by name and phone that another row also gives, is not
 * prepared (a row's match there depends on an earlier row); a ledger changed after the preview is looked up again.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CASE_BINDING } from '../../../electron/core/caseload/case-binding';
import type { CaseRow } from '../../../electron/core/caseload/rows';
import { RESIDENT_BINDING } from '../../../electron/core/caseload/sealed-people';
import { rowIntact } from '../../../electron/core/db/row-binding';
import { casesTarget } from '../../../electron/core/io/import/targets/cases';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { openedResidents } from '../../helpers/sealed-residents';
import { scratch, seedOrg, writeCsv } from './files';

const opened: TestLedger[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const t of opened.splice(0)) t.close();
});

const MAPPING = ['community', 'grid', 'name', 'idNumber', 'phone', 'address', 'tags', 'category', 'startOn', 'origin'];
const HEAD = ['社区', '网格', '姓名', '身份证号', '电话', '住址', '特殊人群', '人员类别', '开始日期', '来源地'];
const ID_A = makeIdNumber('420106', '1956-11-08', 31);
const ID_B = makeIdNumber('420106', '1940-01-20', 42);
const ID_C = makeIdNumber('110105', '1990-03-12', 17);
const ID_D = makeIdNumber('110105', '1992-05-02', 28);

// The test clock stands at 2020-02-17. 张伟 is in the ledger at 幸福路1号 and goes under observation; 刘芳, an elder living
// alone, is new in his household (care tasks follow); 王强 and 赵丽 share a new address; 李娜 has no ID number.
const ROWS = [
  HEAD,
  ['东风社区', '一网格', '张伟', ID_A, '13800138000', '幸福路1号', '', '居家观察', '2020-02-10', '湖北省武汉市'],
  ['东风社区', '一网格', '刘芳', ID_B, '', '幸福路1号', '独居老人', '返程人员', '', '湖北省孝感市'],
  ['东风社区', '二网格', '王强', ID_C, '13900139000', '幸福小区3栋2单元101室', '', '返程人员', '2020-02-12', '浙江省温州市'],
  ['东风社区', '二网格', '赵丽', ID_D, '', '幸福小区3栋2单元101室', '', '返程人员', '2020-02-12', '浙江省温州市'],
  ['东风社区', '', '李娜', '', '13700137000', '', '', '返程人员', '', ''],
];

async function ledger(rows: string[][]): Promise<{ t: TestLedger; path: string }> {
  const t = await openTestLedger();
  opened.push(t);
  const org = await seedOrg(t);
  const household = await t.call('households.save', { communityId: org.dongfeng, addressText: '幸福路1号' });
  await t.call('residents.save', { householdId: household.id, name: '张伟', idNumber: ID_A, phone: '13800138000' });
  return { t, path: writeCsv(join(scratch(), '返程人员.csv'), rows, 'utf-8-bom') };
}

/** Everything the import writes, sealed values opened, each resident and case checked against its row MAC (whose key is the ledger's own). */
function stored(t: TestLedger) {
  const db = t.core.services.ledger.handle();
  const sealer = t.core.services.ledger.sealer()!;
  const people = openedResidents(db, sealer).map((r) => ({ ...r, intact: rowIntact(db, sealer, RESIDENT_BINDING, r.id) }));
  const cases = (db.prepare('SELECT * FROM cases ORDER BY id').all() as (CaseRow & { row_mac: Buffer })[]).map(({ row_mac: _mac, ...c }) => ({
    ...c,
    intact: rowIntact(db, sealer, CASE_BINDING, c.id),
  }));
  const households = db.prepare('SELECT * FROM households ORDER BY id').all();
  const careTasks = db.prepare('SELECT * FROM care_tasks ORDER BY id').all();
  // A value the audit keeps sealed (the birth date of 张伟, registered on screen) differs by its random counter block: compared by its place.
  // The preview's own row (it found 张伟 in the ledger: audited as a digit search is) is the preview's, not the commit's.
  const audit = (
    db.prepare(`SELECT entity, entity_id, after_json FROM audit_log WHERE entity <> 'ledger' AND channel <> 'import.preview' ORDER BY id`).all() as {
      after_json: string;
    }[]
  ).map((e) => ({ ...e, after_json: e.after_json.replace(/"sealed":"[^"]*"/g, '"sealed":"…"') }));
  return { people, cases, households, careTasks, audit };
}

/** The file committed after its preview, and committed without one (every row looked up and sealed at commit), in two like ledgers. */
async function preparedAndComputed(rows: string[][]) {
  const input = { target: 'cases' as const, mapping: MAPPING, onDuplicate: 'skip' as const };
  const prepared = await ledger(rows);
  const pre = await prepared.t.call('import.preview', { ...input, path: prepared.path });
  const insert = vi.spyOn(casesTarget, 'insert');
  await prepared.t.call('import.commit', { ...input, path: prepared.path, previewId: pre.previewId });
  const usedPrepared = insert.mock.calls.map((c) => c[2] !== undefined);
  insert.mockClear();
  const computed = await ledger(rows);
  await computed.t.call('import.commit', { ...input, path: computed.path });
  expect(insert.mock.calls.every((c) => c[2] === undefined)).toBe(true);
  return { usedPrepared, counts: pre.counts, a: stored(prepared.t), b: stored(computed.t) };
}

describe('a cases import whose preview prepared the residents it registers', () => {
  it('stores the same residents, households, cases, care tasks and audit as a commit that computes every row, all bound', async () => {
    const { usedPrepared, counts, a, b } = await preparedAndComputed(ROWS);
    expect(counts).toMatchObject({ created: 5, rejected: 0 });
    expect(usedPrepared).toEqual([true, true, true, true, true]);
    expect(a.people).toEqual(b.people);
    expect(a.people.map((p) => [p.name, p.id_number, p.household_id, p.intact])).toEqual([
      ['张伟', ID_A, 1, true],
      ['刘芳', ID_B, 1, true],
      ['王强', ID_C, 2, true],
      ['赵丽', ID_D, 2, true],
      ['李娜', null, null, true],
    ]);
    expect(a.cases).toEqual(b.cases);
    expect(a.cases.map((c) => [c.resident_id, c.category, c.opened_on, c.origin, c.intact])).toEqual([
      [1, 'home_observation', '2020-02-10', '湖北省武汉市', true],
      [2, 'returnee', '2020-02-17', '湖北省孝感市', true],
      [3, 'returnee', '2020-02-12', '浙江省温州市', true],
      [4, 'returnee', '2020-02-12', '浙江省温州市', true],
      [5, 'returnee', '2020-02-17', null, true],
    ]);
    // 刘芳 lives alone in the household of 张伟's observation: her care task, as without the preparation.
    expect(a.careTasks).toHaveLength(1);
    expect(a.careTasks).toEqual(b.careTasks);
    expect(a.households).toEqual(b.households);
    expect(a.audit).toEqual(b.audit);
  });

  it('is not prepared when the file names a person twice: the second row finds the resident the first registers', async () => {
    const rows = [...ROWS.slice(0, 4), ['东风社区', '二网格', '王强', ID_C, '13900139000', '幸福小区3栋2单元101室', '', '居家观察', '2020-02-12', '']];
    const { usedPrepared, a, b } = await preparedAndComputed(rows);
    expect(usedPrepared.every((used) => !used)).toBe(true);
    expect(a.people.filter((p) => p.name === '王强')).toHaveLength(1);
    expect(a.cases.filter((c) => c.resident_id === 3).map((c) => c.category)).toEqual(['returnee', 'home_observation']);
    expect(a.people).toEqual(b.people);
    expect(a.cases).toEqual(b.cases);
    expect(a.audit).toEqual(b.audit);
  });

  it('is not prepared when a row without an ID number gives the name and phone of another row: that row registers whom it finds', async () => {
    const rows = [...ROWS.slice(0, 4), ['东风社区', '二网格', '王强', '', '13900139000', '', '', '居家观察', '2020-02-12', '']];
    const { usedPrepared, a, b } = await preparedAndComputed(rows);
    expect(usedPrepared.every((used) => !used)).toBe(true);
    expect(a.people.filter((p) => p.name === '王强')).toHaveLength(1);
    expect(a.cases).toEqual(b.cases);
    expect(a.people).toEqual(b.people);
  });

  it('looks every row up again when the ledger changed after the preview, and binds what it writes to the ids it got', async () => {
    const { t, path } = await ledger(ROWS);
    const input = { path, target: 'cases' as const, mapping: MAPPING };
    const pre = await t.call('import.preview', input);
    // Meanwhile 王强 is registered on screen: he takes the id the preview planned for 刘芳, and the import opens his case on him.
    await t.call('residents.save', { householdId: 1, name: '王强', idNumber: ID_C, phone: '13900139000' });
    const insert = vi.spyOn(casesTarget, 'insert');
    const done = await t.call('import.commit', { ...input, previewId: pre.previewId });
    expect(done.counts).toMatchObject({ created: 5 });
    expect(insert.mock.calls.every((c) => c[2] === undefined)).toBe(true);
    const { people, cases } = stored(t);
    expect(people.map((p) => [p.id, p.name, p.intact])).toEqual([
      [1, '张伟', true],
      [2, '王强', true],
      [3, '刘芳', true],
      [4, '赵丽', true],
      [5, '李娜', true],
    ]);
    expect(cases.map((c) => [c.resident_id, c.intact])).toEqual([
      [1, true],
      [3, true],
      [2, true],
      [4, true],
      [5, true],
    ]);
  });
});
