/**
 * 与户主关系 on a resident (migration 049): stored as written with only the common synonyms brought to one word,
 * saved and changed through residents.save (audited), listed with a household's members for every role.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHeadRelation, normaliseRelation } from '../../../electron/core/caseload/relation.shared';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
let household: number;
const db = () => t.core.services.ledger.handle();
beforeEach(async () => {
  t = await openTestLedger();
  const c = await t.call('org.communities.save', { name: '青松里社区' });
  household = (await t.call('households.save', { communityId: c.id, addressText: '青松路9号', headName: '张伟' })).id;
});
afterEach(() => t.close());

describe('与户主关系 as stored', () => {
  it('brings the common synonyms to one word and keeps every other word as written', () => {
    const cases: [string | null, string | null][] = [
      ['本人', '户主'],
      [' 户主（本人） ', '户主'],
      ['妻', '配偶'],
      ['夫', '配偶'],
      ['户主之妻', '配偶'],
      ['儿子', '子'],
      ['女儿', '女'],
      ['父', '父亲'],
      ['母亲', '母亲'],
      ['儿媳妇', '儿媳'],
      ['孙子', '孙子'],
      ['长子', '长子'],
      ['其他', '其他'],
      ['保姆', '保姆'],
      ['外 甥', '外 甥'],
      ['  ', null],
      [null, null],
    ];
    for (const [written, stored] of cases) expect(normaliseRelation(written), String(written)).toBe(stored);
    // Stored words read the same again: an update with what is stored changes nothing.
    for (const [, stored] of cases) expect(normaliseRelation(stored)).toBe(stored);
    expect(isHeadRelation('本人')).toBe(true);
    expect(isHeadRelation('配偶')).toBe(false);
  });

  it('is saved with a resident, listed with the household’s members for a viewer too, and changed alone, audited', async () => {
    const id = makeIdNumber('410105', '1985-03-12', 123);
    const zhang = await t.call('residents.save', { householdId: household, name: '张伟', idNumber: id, phone: '13803711001', relation: '本人' });
    expect(zhang.relation).toBe('户主');
    const li = await t.call('residents.save', { householdId: household, name: '李娜', relation: '妻' });
    await t.call('residents.save', { householdId: household, name: '张小明', relation: '侄孙' });
    await t.call('residents.save', { householdId: household, name: '王五' });
    const viewer = await t.sessionAs('viewer');
    const seen = await t.call('residents.list', { filter: { householdId: household }, offset: 0, limit: 50 }, viewer);
    expect(seen.rows.map((r) => [r.name, r.relation])).toEqual([
      ['张伟', '户主'],
      ['张小明', '侄孙'],
      ['李娜', '配偶'],
      ['王五', null],
    ]);
    expect(seen.rows[0]!.idNumber).toContain('*');

    const changed = await t.call('residents.save', { id: li.id, name: '李娜', relation: '其他' });
    expect(changed).toMatchObject({ relation: '其他', householdId: household });
    const audit = db()
      .prepare(`SELECT before_json AS before, after_json AS after FROM audit_log WHERE entity = 'resident' AND entity_id = ? ORDER BY id DESC LIMIT 1`)
      .get(String(li.id)) as {
      before: string;
      after: string;
    };
    expect(JSON.parse(audit.before)).toMatchObject({ relation: '配偶' });
    expect(JSON.parse(audit.after)).toMatchObject({ relation: '其他' });
    // Only the relation changed: the ID number, phone and tags stay as they were.
    const kept = await t.call('residents.save', { id: zhang.id, name: '张伟', relation: '户主' });
    expect(kept).toMatchObject({ relation: '户主', idNumber: zhang.idNumber, phone: zhang.phone });
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true });
  });

  it('refuses a relation longer than the column, naming the field', async () => {
    const e = await t.fail('residents.save', { householdId: household, name: '李娜', relation: '户主的表姐的丈夫的弟弟的妻子的妹妹的大女儿' });
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain('与户主关系');
  });
});
