/**
 * A small street office built day by day through the channels, so every
 * figure on 工作台 can be counted by hand. Today is Monday 2020-02-17.
 *
 *   幸福社区: 第一网格 (4 households, 2 screened), 第二网格 (1 household, screened)
 *   和平社区: 第一网格 (3 households: 1 screened, 1 refused, 1 not visited)
 *
 *   Observations (start – planned end, released):
 *     D 和平  居家观察 01-20 – 02-02, never checked, never released  -> overdue, not observing today
 *     E 幸福  居家观察 02-01 – 02-14, released 02-10
 *     A 幸福  居家观察 02-10 – 02-23, checked 02-10 … 02-16 (02-16 cough, dismissed)
 *     B 幸福  居家观察 02-15 – 02-28, checked 02-15 at 38.0 °C (escalation open), 02-16 missed -> overdue
 *     C 和平  医学观察 02-17 – 03-01, checked today
 *   Care: 和平's solitary elder (care case), visited 02-17 with one open need.
 *   Supplies: 幸福 received 700 masks 02-10, issued 600 on 02-16; 和平 received 100 suits, issued 14;
 *     街道仓库 received 500 masks.
 *   Rota: 幸福 东门卡点 早班 ×2 every day; 和平 和平路卡点 早班 ×1 Monday–Friday;
 *     assigned: 02-17 幸福 ×2, 和平 ×1; 02-18 幸福 ×1.
 *   Honours: 李卫东 (和平) died 02-15 10:00Z, unreported, family visit promised for 02-16;
 *     张红 (幸福) died 02-17 00:30Z, within the 24 h limit.
 *   Reports: 日报 due today 17:00, 周报 due today 00:30 (overdue), 物资周报 due Sunday.
 */
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';

export interface Office {
  t: TestLedger;
  xingfu: number;
  heping: number;
  grid1: number;
  grid2: number;
  hepingGrid: number;
  memorialOverdue: number;
}

const idOf = (n: number) => makeIdNumber('410102', '1980-01-01', 100 + n);

export async function buildOffice(): Promise<Office> {
  const t = await openTestLedger({ now: '2020-01-20T01:00:00.000Z' });
  const at = async (day: string, time = '01:00:00.000') => {
    t.clock.set(`${day}T${time}Z`);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  };
  const call = t.call;
  const xingfu = (await call('org.communities.save', { name: '幸福社区' })).id;
  const heping = (await call('org.communities.save', { name: '和平社区' })).id;
  const grid1 = (await call('org.grids.save', { communityId: xingfu, name: '第一网格' })).id;
  const grid2 = (await call('org.grids.save', { communityId: xingfu, name: '第二网格' })).id;
  const hepingGrid = (await call('org.grids.save', { communityId: heping, name: '第一网格' })).id;

  const house = (communityId: number, gridId: number, addressText: string, screeningStatus: 'screened' | 'not_home' | 'refused' | 'unscreened') =>
    call('households.save', { communityId, gridId, addressText, screeningStatus });
  const h1 = (await house(xingfu, grid1, '幸福路1号', 'screened')).id;
  const h2 = (await house(xingfu, grid1, '幸福路2号', 'screened')).id;
  await house(xingfu, grid1, '幸福路3号', 'not_home');
  await house(xingfu, grid1, '幸福路4号', 'unscreened');
  await house(xingfu, grid2, '幸福路5号', 'screened');
  const h6 = (await house(heping, hepingGrid, '和平路1号', 'unscreened')).id;
  const h7 = (await house(heping, hepingGrid, '和平路2号', 'screened')).id;
  await house(heping, hepingGrid, '和平路3号', 'refused');
  const person = (householdId: number, name: string, n: number) => call('residents.save', { householdId, name, idNumber: idOf(n) });
  const a = await person(h1, '赵一', 1);
  const b = await person(h1, '赵二', 2);
  const e = await person(h2, '钱三', 3);
  const c = await person(h6, '孙四', 4);
  const d = await person(h6, '孙五', 5);
  const elder = await person(h7, '周奶奶', 6);
  const observe = (residentId: number, category: 'home_observation' | 'medical_observation', obsStartOn: string) =>
    call('cases.open', { residentId, category, obsStartOn, openedOn: obsStartOn });
  const check = (caseId: number, checkDate: string, temperature: number, symptoms?: string) =>
    call('checks.record', { caseId, checkDate, temperature, method: 'phone', checkedBy: '刘晓燕', ...(symptoms ? { symptoms } : {}) });

  await observe(d.id, 'home_observation', '2020-01-20');
  await at('2020-02-01');
  const caseE = await observe(e.id, 'home_observation', '2020-02-01');
  await at('2020-02-10');
  const caseA = await observe(a.id, 'home_observation', '2020-02-10');
  await call('cases.transition', { caseId: caseE.id, to: 'released', reason: '核酸阴性，提前解除' });
  await call('supplies.receive', { storeId: xingfu, itemId: 1, day: '2020-02-10', quantity: 700, sourceKind: 'upstream', sourceName: '区卫健委' });
  await call('supplies.receive', { storeId: heping, itemId: 2, day: '2020-02-10', quantity: 100, sourceKind: 'upstream', sourceName: '区卫健委' });
  await call('supplies.receive', { storeId: 0, itemId: 1, day: '2020-02-10', quantity: 500, sourceKind: 'donation', sourceName: '爱心企业' });
  await at('2020-02-15');
  const caseB = await observe(b.id, 'home_observation', '2020-02-15');
  await check(caseB.id, '2020-02-15', 38.0);
  await at('2020-02-16');
  for (const day of ['2020-02-10', '2020-02-11', '2020-02-12', '2020-02-13', '2020-02-14', '2020-02-15']) await check(caseA.id, day, 36.5);
  const cough = await check(caseA.id, '2020-02-16', 36.8, '咳嗽');
  await call('checks.dismiss', { checkId: cough.check.id, note: '复测正常，系慢性咽炎' });
  await call('supplies.issue', { storeId: xingfu, itemId: 1, day: '2020-02-16', quantity: 600, recipient: '东门卡点' });
  await call('supplies.issue', { storeId: heping, itemId: 2, day: '2020-02-16', quantity: 14, recipient: '和平路卡点' });

  await at('2020-02-17');
  const caseC = await observe(c.id, 'medical_observation', '2020-02-17');
  await check(caseC.id, '2020-02-17', 36.6);
  await call('cases.open', { residentId: elder.id, category: 'solitary_elderly' });
  const task = (await call('today.list', {})).items.find((i) => i.kind === 'care_visit_due');
  if (task?.kind !== 'care_visit_due') throw new Error('the elder has no care task');
  await call('care.visits.record', { careTaskId: task.careTaskId, visitDate: '2020-02-17', visitedBy: '刘晓燕', needs: '降压药快吃完了', needsOpen: true });

  const early = (await call('rota.shifts.list', {})).find((s) => s.name.startsWith('早班'))!;
  const gate = await call('rota.posts.save', {
    communityId: xingfu,
    name: '东门卡点',
    kind: 'checkpoint',
    location: '幸福路东口',
    requirements: [{ shiftId: early.id, headcount: 2, weekdays: '1111111' }],
  });
  const road = await call('rota.posts.save', {
    communityId: heping,
    name: '和平路卡点',
    kind: 'checkpoint',
    location: '和平路北口',
    requirements: [{ shiftId: early.id, headcount: 1, weekdays: '1111100' }],
  });
  const staff = async (name: string, communityId: number) => (await call('rota.staff.save', { name, kind: 'community_worker', communityId })).id;
  const s1 = await staff('吴强', xingfu);
  const s2 = await staff('郑丽', xingfu);
  const s3 = await staff('冯军', heping);
  const assign = (day: string, postId: number, staffId: number) => call('rota.assign', { day, postId, shiftId: early.id, staffId });
  await assign('2020-02-17', gate.id, s1);
  await assign('2020-02-17', gate.id, s2);
  await assign('2020-02-18', gate.id, s1);
  await assign('2020-02-17', road.id, s3);
  await assign('2020-03-05', road.id, s3); // outside the 14 days

  const memorial = (name: string, communityId: number, diedAt: string) =>
    call('honours.memorials.save', { name, post: '社区网格员', communityId, diedAt, place: '卡点', circumstances: '连续值守后突发疾病', cause: '过度劳累' });
  const li = await memorial('李卫东', heping, '2020-02-15T10:00:00.000Z');
  await call('honours.visits.add', { memorialId: li.id, visitedOn: '2020-02-15', visitors: '街道党工委书记', nextVisitOn: '2020-02-16' });
  await memorial('张红', xingfu, '2020-02-17T00:30:00.000Z');

  const schedule = (title: string, weekday: number, dueTime: string) =>
    call('export.schedules.save', { title, recipient: '区疫情防控指挥部', formIds: ['caseload-summary'], weekday, dueTime });
  await schedule('疫情防控日报', 0, '17:00');
  await schedule('重点人员周报', 0, '00:30');
  await schedule('物资周报', 6, '12:00');

  return { t, xingfu, heping, grid1, grid2, hepingGrid, memorialOverdue: li.id };
}
