/** A small street office for the rota tests: two communities, posts, staff of every kind. */
import type { Post } from '../../../electron/core/rota/contract';
import type { TestLedger } from '../../helpers/ledger';

export interface RotaFixture {
  c1: number;
  c2: number;
  checkpoint: number;
  screening: number;
  doctor: number;
  workers: number[];
  leader: number;
  volunteer: number;
  shifts: { day: number; evening: number; night: number };
}

export async function rotaFixture(t: TestLedger): Promise<RotaFixture> {
  const c1 = (await t.call('org.communities.save', { name: '幸福社区' })).id;
  const c2 = (await t.call('org.communities.save', { name: '和平社区' })).id;
  const [day, evening, night] = (await t.call('rota.shifts.list', {})).map((s) => s.id) as [number, number, number];
  const checkpoint = (
    await t.call('rota.posts.save', {
      communityId: c1,
      name: '北门卡点',
      kind: 'checkpoint',
      location: '幸福小区北门',
      requirements: [
        { shiftId: day, headcount: 1 },
        { shiftId: evening, headcount: 1 },
      ],
    })
  ).id;
  const screening = (
    await t.call('rota.posts.save', { communityId: c1, name: '入户排查组', kind: 'screening', requirements: [{ shiftId: day, headcount: 1 }] })
  ).id;
  const doctor = (await t.call('rota.staff.save', { name: '李医生', kind: 'medical', communityId: c1, phone: '13800000001' })).id;
  const workers: number[] = [];
  for (const name of ['张伟', '王芳', '刘洋', '陈静'])
    workers.push((await t.call('rota.staff.save', { name, kind: 'community_worker', communityId: c1, phone: '13900000000' })).id);
  const leader = (await t.call('rota.staff.save', { name: '赵书记', kind: 'community_worker', communityId: c1, isLeader: true, phone: '13700000000' })).id;
  const volunteer = (await t.call('rota.staff.save', { name: '孙志愿', kind: 'volunteer', communityId: c2 })).id;
  return { c1, c2, checkpoint, screening, doctor, workers, leader, volunteer, shifts: { day, evening, night } };
}

/** A post as rota.posts.list shows it. */
export async function postOf(t: TestLedger, id: number): Promise<Post> {
  return (await t.call('rota.posts.list', {})).find((p) => p.id === id)!;
}

/** rota.posts.save's input for an existing post with some fields changed (the list's names left out). */
export const postSaveOf = ({ communityName: _c, leaderName: _l, ...p }: Post, change: Partial<Post>) => ({ ...p, ...change });
