/**
 * A small office's supplies, rota and honours, entered through the areas' own
 * channels, with figures the area-forms test checks by hand (each seed says
 * what it expects the form to show).
 */
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { ADMIN, admitAt, type TestLedger } from '../../helpers/ledger';

export const WORKER_PHONE = '13987654321';
export const VOLUNTEER_PHONE = '13600001234';
export const FALLEN_ID = makeIdNumber('410105', '1968-06-01', 13);

export async function seedSupplies(t: TestLedger, communityId: number): Promise<void> {
  const items = await t.call('supplies.items.list', {});
  const item = (name: string) => items.find((i) => i.name === name)!.id;
  // 幸福社区 masks: 500 in, 50 a day through the period's 7 days -> 150 left, 3 days of cover,
  // safety 7 days needs 350 -> 200 short; runs out 02-19, before the delivery of 02-20.
  await t.call('supplies.receive', {
    storeId: communityId,
    itemId: item('口罩'),
    day: '2020-02-05',
    quantity: 500,
    sourceKind: 'upstream',
    sourceName: '区卫健委',
  });
  for (const day of ['2020-02-10', '2020-02-11', '2020-02-12', '2020-02-13', '2020-02-14', '2020-02-15', '2020-02-16']) {
    await t.call('supplies.issue', { storeId: communityId, itemId: item('口罩'), day, quantity: 50, recipient: '东门卡点' });
  }
  // Recorded on the period's last day: expected at its end, so the form lists it (one recorded later would not be).
  await admitAt(t, '2020-02-16T10:00:00.000Z');
  await t.call('supplies.deliveries.save', { storeId: communityId, itemId: item('口罩'), expectedDay: '2020-02-20', quantity: 500, source: '区卫健委' });
  await admitAt(t, '2020-02-17T01:00:00.000Z');
  // Booked the day after the period: the form states the stock at the period's end, so this does not count.
  await t.call('supplies.receive', {
    storeId: communityId,
    itemId: item('口罩'),
    day: '2020-02-17',
    quantity: 1000,
    sourceKind: 'donation',
    sourceName: '爱心企业',
  });
  // Office store disinfectant: 120 in, 24 used in the week -> 3.4 a day, 96 left = 28 days against 10: not short.
  await t.call('supplies.receive', { storeId: 0, itemId: item('消毒液'), day: '2020-02-08', quantity: 120, sourceKind: 'donation', sourceName: '爱心企业' });
  await t.call('supplies.issue', { storeId: 0, itemId: item('消毒液'), day: '2020-02-10', quantity: 12, recipient: '环境消杀组' });
  await t.call('supplies.issue', { storeId: 0, itemId: item('消毒液'), day: '2020-02-12', quantity: 12, recipient: '环境消杀组' });
}

export async function seedRota(t: TestLedger, communityId: number): Promise<void> {
  const shifts = await t.call('rota.shifts.list', {});
  const early = shifts.find((s) => s.name.startsWith('早班'))!.id;
  const post = await t.call('rota.posts.save', {
    communityId,
    name: '东门卡点',
    kind: 'checkpoint',
    location: '幸福路东口',
    requirements: [{ shiftId: early, headcount: 2 }],
  });
  const worker = await t.call('rota.staff.save', { name: '张伟', kind: 'community_worker', communityId, phone: WORKER_PHONE });
  const volunteer = await t.call('rota.staff.save', { name: '李娜', kind: 'volunteer', communityId, phone: VOLUNTEER_PHONE });
  const assigned: number[] = [];
  const assign = async (staffId: number, day: string) => assigned.push((await t.call('rota.assign', { day, postId: post.id, shiftId: early, staffId })).id);
  // The office's own rates (the notice sets none): 100 元 a day, 30 元 a shift.
  await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: 10000, label: '临时性工作补助' });
  await t.call('rota.rates.save', { staffKind: 'volunteer', basis: 'shift', amountFen: 3000, label: '志愿者补贴' });
  // 张伟: 3 days in the period (and one before it) at 100 元 a day, plus 50 元 for night work.
  for (const day of ['2020-02-09', '2020-02-10', '2020-02-11', '2020-02-12']) await assign(worker.id, day);
  await t.call('rota.allowances.adjust', { staffId: worker.id, day: '2020-02-12', amountFen: 5000, reason: '夜间加班' });
  // 李娜: 2 shifts in the period at 30 元 a shift; the one after the period does not count.
  for (const day of ['2020-02-10', '2020-02-11', '2020-02-17']) await assign(volunteer.id, day);
  // Every shift was worked and confirmed by the coordinator: allowances are paid on confirmed attendance.
  await t.call('rota.attendance.confirm', { entries: assigned.map((assignmentId) => ({ assignmentId, status: 'present' as const })) });
}

export async function seedHonours(t: TestLedger, communityId: number): Promise<void> {
  const fallen = await t.call('honours.memorials.save', {
    name: '刘志强',
    idNumber: FALLEN_ID,
    post: '社区党委书记',
    communityId,
    diedAt: '2020-02-12T10:00:00+08:00',
    place: '幸福社区东门卡点',
    circumstances: '连续值守多日后突发疾病，经抢救无效不幸殉职。',
    cause: '过度劳累',
  });
  const report = (recipient: '党委' | '政府', reportedAt: string) =>
    t.call('honours.reports.add', { memorialId: fallen.id, recipient, reportedAt, via: '电话报告', reportedBy: '王建国' });
  await report('党委', '2020-02-12T12:00:00+08:00');
  await report('政府', '2020-02-12T13:00:00+08:00');
  await t.call('honours.visits.add', { memorialId: fallen.id, visitedOn: '2020-02-14', visitors: '街道党工委书记', brought: '慰问金' });
  await t.call('honours.difficulties.save', {
    memorialId: fallen.id,
    kind: '就学',
    description: '子女返校后的学习照顾',
    owner: '街道民政科',
    raisedOn: '2020-02-14',
  });
  await t.call('honours.commendations.save', {
    memorialId: fallen.id,
    subjectKind: 'person',
    subjectName: '刘志强',
    proposedTitle: '抗疫先进个人',
    deeds: '坚守卡点，以身殉职。',
    proposer: '东风街道党工委',
  });
  // A death before the period stays out of this period's form.
  await t.call('honours.memorials.save', {
    name: '赵某',
    post: '网格员',
    communityId,
    diedAt: '2020-02-03T09:00:00+08:00',
    place: '社区',
    circumstances: '入户排查途中遭遇车祸。',
    cause: '交通事故',
  });
  // A commendation of the living, drafted and sent up within the period.
  t.clock.set('2020-02-14T02:00:00.000Z');
  const team = await t.call('honours.commendations.save', {
    subjectKind: 'volunteer_team',
    subjectName: '幸福社区志愿服务队',
    communityId,
    proposedTitle: '优秀志愿服务集体',
    deeds: '配送物资三千余户次。',
    proposer: '幸福社区党委',
  });
  await t.call('honours.commendations.advance', { id: team.id, status: 'submitted', on: '2020-02-14', approvingBody: '区委宣传部' });
  // Days passing lock an idle ledger: the coordinator unlocks again to export.
  t.clock.set('2020-02-17T01:00:00.000Z');
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
}
