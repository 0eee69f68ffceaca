/**
 * A staff member's change of community or kind is kept with its day (migration 072, staff-changes.repo.ts), by the
 * register's save and by the 工作人员 import alike; a save that keeps both keeps no change; the pay reads the changes
 * after the period's first day on staff_changes_by_day. The figures: tests/integration/figures/staff-change-recount.test.ts.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { computeAllowances } from '../../../electron/core/rota/reports';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { recordedPlan, recordedWith, recording } from '../../helpers/recorded-plans';
import { scratch, writeXlsx } from '../import/files';

let t: TestLedger;
let qingsong: number;
let heping: number;
beforeEach(async () => {
  t = await openTestLedger({ now: '2020-03-02T02:00:00.000Z' });
  qingsong = (await t.call('org.communities.save', { name: '青松里社区' })).id;
  heping = (await t.call('org.communities.save', { name: '和平里社区' })).id;
});
afterEach(() => t.close());

const db = () => t.core.services.ledger.handle();
const changes = () =>
  db()
    .prepare(
      `SELECT staff_id AS staffId, changed_on AS day, from_community_id AS fromId, to_community_id AS toId, from_kind AS fromKind, to_kind AS toKind
       FROM staff_changes ORDER BY id`,
    )
    .all();

describe('a staff member’s change of community or kind, kept with its day', () => {
  it('is kept by rota.staff.save when the community (to none as well) or the kind changes, and not for any other edit', async () => {
    const id = (await t.call('rota.staff.save', { name: '张建国', kind: 'community_worker', communityId: qingsong })).id;
    await t.call('rota.staff.save', { id, name: '张建国', kind: 'community_worker', communityId: qingsong, phone: '13800138000' });
    await t.call('rota.staff.save', { id, name: '张建國', kind: 'community_worker' });
    expect(changes()).toEqual([]);
    // 17:30 UTC on the 9th is the 10th in Beijing: the office's day.
    await admitAt(t, '2020-03-09T17:30:00.000Z');
    await t.call('rota.staff.save', { id, name: '张建国', kind: 'community_worker', communityId: heping });
    await admitAt(t, '2020-03-20T02:00:00.000Z');
    await t.call('rota.staff.save', { id, name: '张建国', kind: 'community_worker', communityId: null });
    await t.call('rota.staff.save', { id, name: '张建国', kind: 'volunteer' });
    expect(changes()).toEqual([
      { staffId: id, day: '2020-03-10', fromId: qingsong, toId: heping, fromKind: 'community_worker', toKind: 'community_worker' },
      { staffId: id, day: '2020-03-20', fromId: heping, toId: null, fromKind: 'community_worker', toKind: 'community_worker' },
      { staffId: id, day: '2020-03-20', fromId: null, toId: null, fromKind: 'community_worker', toKind: 'volunteer' },
    ]);
  });

  it('is kept by the 工作人员 import that updates a person into another community, on the day of the import', async () => {
    const ID = makeIdNumber('410102', '1985-03-02', 11);
    const head = ['姓名', '类别', '所属社区', '手机号码', '身份证号码'];
    const dir = scratch();
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const mapping = ['name', 'kind', 'community', 'phone', 'idNumber'];
    const a = await writeXlsx(join(dir, 'a.xlsx'), [{ name: 'S', rows: [head, ['李秀英', '社区工作者', '青松里社区', '13800138000', ID]] }]);
    await t.call('import.commit', { path: a, target: 'staff', mapping });
    await admitAt(t, '2020-03-12T02:00:00.000Z');
    const b = await writeXlsx(join(dir, 'b.xlsx'), [{ name: 'S', rows: [head, ['李秀英', '社区工作者', '和平里社区', '13800138000', ID]] }]);
    expect((await t.call('import.commit', { path: b, target: 'staff', mapping, onDuplicate: 'update' })).counts).toMatchObject({ updated: 1 });
    const id = db().prepare(`SELECT id FROM staff WHERE name = '李秀英'`).pluck().get();
    expect(changes()).toEqual([{ staffId: id, day: '2020-03-12', fromId: qingsong, toId: heping, fromKind: 'community_worker', toKind: 'community_worker' }]);
  });

  it('is read for a period’s pay on staff_changes_by_day', async () => {
    const id = (await t.call('rota.staff.save', { name: '张建国', kind: 'community_worker', communityId: qingsong })).id;
    await t.call('rota.allowances.adjust', { staffId: id, day: '2020-03-02', amountFen: 1000, reason: '交通补贴' });
    await admitAt(t, '2020-03-10T02:00:00.000Z');
    await t.call('rota.staff.save', { id, name: '张建国', kind: 'community_worker', communityId: heping });
    const { spy, seen } = recording(db());
    expect(computeAllowances(spy, '2020-03-01', '2020-03-31').map((r) => [r.communityName, r.totalFen])).toEqual([['青松里社区', 1000]]);
    expect(recordedPlan(db(), recordedWith(seen, 'FROM staff_changes m'))).toContain('staff_changes_by_day');
  });
});
