/**
 * 值守人员及补助统计表 as the district receives it: a member of staff who belongs to no community (a cadre sent down
 * to the office, deployed where hands are short) is named 「（机动）」 in 所属社区, as 投保人员名单 names them, not left
 * blank as if the cell had been forgotten.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffAllowancesForm } from '../../../electron/core/io/export/forms/staff-allowances';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { PERIOD } from './fixture';

let t: TestLedger;
beforeAll(async () => {
  t = await openTestLedger();
  const community = (await t.call('org.communities.save', { name: '幸福社区' })).id;
  const early = (await t.call('rota.shifts.list', {})).find((s) => s.name.startsWith('早班'))!.id;
  const post = await t.call('rota.posts.save', {
    communityId: community,
    name: '东门卡点',
    kind: 'checkpoint',
    location: '幸福路东口',
    requirements: [{ shiftId: early, headcount: 2 }],
  });
  const cadre = await t.call('rota.staff.save', { name: '王强', kind: 'agency_cadre', agency: '区民政局', phone: '13900001111' });
  const worker = await t.call('rota.staff.save', { name: '张伟', kind: 'community_worker', communityId: community, phone: '13900002222' });
  const ids: number[] = [];
  for (const staffId of [cadre.id, worker.id]) ids.push((await t.call('rota.assign', { day: '2020-02-11', postId: post.id, shiftId: early, staffId })).id);
  await t.call('rota.attendance.confirm', { entries: ids.map((assignmentId) => ({ assignmentId, status: 'present' as const })) });
});
afterAll(() => t?.close());

describe('值守人员及补助统计表: staff of no community', () => {
  it('reads 「（机动）」 in 所属社区, beside the community of the others and the 合计 line', () => {
    const rows = staffAllowancesForm.read(
      t.core.services.ledger.handle(),
      { from: PERIOD.from, to: PERIOD.to, today: '2020-02-17' },
      t.core.services.ledger.sealer(),
    );
    expect(rows.map((r) => [r['community'], r['name']])).toEqual(
      expect.arrayContaining([
        ['（机动）', '王强'],
        ['幸福社区', '张伟'],
        ['合计', '2 人'],
      ]),
    );
  });
});
