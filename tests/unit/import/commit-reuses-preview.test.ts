/**
 * The commit of a residents import reuses what its preview found in the ledger
 * for each row (a lookup per row, 100,000 at a time) while the ledger has not
 * changed since, and looks every row up again when it has.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ledgerStamp } from '../../../electron/core/io/import/apply';
import { residentsTarget } from '../../../electron/core/io/import/targets/residents';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { residentsOf } from '../../helpers/sealed-residents';
import { scratch, seedOrg, writeCsv } from './files';

let t: TestLedger;
let dir: string;
let org: { dongfeng: number; xingfu: number };
beforeEach(async () => {
  t = await openTestLedger();
  org = await seedOrg(t);
  dir = scratch();
});
afterEach(() => {
  vi.restoreAllMocks();
  t.close();
});

const ID_A = makeIdNumber('420106', '1956-11-08', 31);
const ID_B = makeIdNumber('420106', '1958-01-20', 42);
const MAPPING = ['community', 'name', 'idNumber', 'phone', 'address'];
const db = () => t.core.services.ledger.handle();

function sheet(): string {
  return writeCsv(
    join(dir, '居民.csv'),
    [
      ['社区', '姓名', '身份证号', '电话', '住址'],
      ['东风社区', '张伟', ID_A, '13800138000', '幸福小区3栋2单元101室'],
      ['东风社区', '刘芳', ID_B, '13900139000', '幸福小区3栋2单元102室'],
    ],
    'utf-8-bom',
  );
}

describe('commit after preview', () => {
  it("writes by the preview's matches when nothing changed in between, without looking a row up again", async () => {
    const path = sheet();
    const matcher = vi.spyOn(residentsTarget, 'matcher');
    const pre = await t.call('import.preview', { path, target: 'residents', mapping: MAPPING });
    expect(pre.counts).toMatchObject({ created: 2 });
    expect(matcher).toHaveBeenCalledTimes(1);
    const done = await t.call('import.commit', { path, target: 'residents', mapping: MAPPING, previewId: pre.previewId });
    expect(done.counts).toMatchObject({ created: 2 });
    expect(matcher).toHaveBeenCalledTimes(1);
    expect(db().prepare('SELECT name FROM residents ORDER BY id').pluck().all()).toEqual(['张伟', '刘芳']);
  });

  it('looks every row up again when the ledger changed since the preview, and acts on the ledger as it is', async () => {
    const path = sheet();
    const matcher = vi.spyOn(residentsTarget, 'matcher');
    const pre = await t.call('import.preview', { path, target: 'residents', mapping: MAPPING });
    expect(pre.counts).toMatchObject({ created: 2 });
    // Meanwhile 张伟 is registered on screen, with another phone.
    const household = await t.call('households.save', { communityId: org.dongfeng, addressText: '幸福路1号' });
    await t.call('residents.save', { householdId: household.id, name: '张伟', idNumber: ID_A, phone: '13700137000' });
    const done = await t.call('import.commit', { path, target: 'residents', mapping: MAPPING, previewId: pre.previewId });
    expect(matcher).toHaveBeenCalledTimes(2);
    expect(done.counts).toMatchObject({ created: 1, skipped: 1 });
    expect(residentsOf(t).map((r) => ({ name: r.name, phone: r.phone }))).toEqual([
      { name: '张伟', phone: '13700137000' },
      { name: '刘芳', phone: '13900139000' },
    ]);
  });

  it("the ledger's stamp moves with every row written and stays with reads and refused writes", async () => {
    const before = ledgerStamp(db());
    await t.call('org.communities.list', {});
    expect(ledgerStamp(db())).toBe(before);
    await t.call('org.grids.save', { communityId: org.xingfu, name: '一组' });
    const after = ledgerStamp(db());
    expect(after).not.toBe(before);
    // A refused write changed no row: the stamp stays, and a preview before it still stands.
    await t.fail('org.grids.save', { communityId: 999, name: '第一网格' });
    expect(ledgerStamp(db())).toBe(after);
  });
});
