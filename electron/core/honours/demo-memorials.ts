/**
 * Demo memorial records (demo.ts seeds them first, then the commendations of the living). Written with care:
 * neutral generated names, factual circumstances, no jokes, no placeholder names. Three records show the states a
 * coordinator meets: one fully handled, one with care still under way, one recent death not yet reported to every
 * recipient. Each person is a staff member of that kind marked deceased (a generated name where the rota has none).
 */
import { saveStep } from './steps';
import { addDays } from '../dates.shared';
import { chineseName, mobile, type Rng } from '../demo-kit/random';
import type { WriteDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import * as care from './care-queries';
import * as k from './commendation-queries';
import { insertMemorial, insertReport, type MemorialFields } from './memorial-queries';
import { seedHandledCare } from './demo-care';
import { markStaffDeceased } from '../rota/staff.repo';
import type { Recipient } from './reporting.shared';

interface StaffPick {
  id: number;
  name: string;
  communityId: number | null;
}

function pickStaff(db: WriteDb, kind: string, rng: Rng): StaffPick | null {
  const rows = db
    .prepare(`SELECT id, name, community_id AS communityId FROM staff WHERE kind = @kind AND status = 'active' ORDER BY id LIMIT 200`)
    .all({ kind }) as StaffPick[];
  return rows.length ? rng.pick(rows) : null;
}

const hoursBefore = (nowIso: string, h: number) => new Date(Date.parse(nowIso) - h * 3_600_000).toISOString();

/** What the honours demo seeds with: the ledger, its sealer and random source, the clock's reading, the communities, the office. */
export interface HonoursDemoCtx {
  db: WriteDb;
  sealer: Sealer;
  rng: Rng;
  now: string;
  today: string;
  places: ReadonlyArray<{ id: number; name: string }>;
  office: string;
}

export function seedDemoMemorials({ db, sealer, rng, now, today, places, office }: HonoursDemoCtx): void {
  const reportAll = (memorialId: number, diedAt: string, within: number[], recipients: readonly Recipient[], by: string) =>
    recipients.forEach((recipient, i) =>
      insertReport(
        db,
        sealer,
        {
          memorialId,
          recipient,
          reportedAt: new Date(Date.parse(diedAt) + within[i]! * 60_000).toISOString(),
          via: i < 2 ? '电话报告' : '书面报告',
          reportedBy: by,
          notes: '',
        },
        now,
      ),
    );
  const person = (kind: string, fallbackCommunity: number | null) => {
    const s = pickStaff(db, kind, rng);
    if (s) markStaffDeceased(db, s.id, now);
    return { staffId: s?.id ?? null, name: s?.name ?? chineseName(rng), communityId: s?.communityId ?? fallbackCommunity };
  };
  const coordinator = chineseName(rng);

  // 1. A community worker, 18 days ago: reported within hours, commended, family cared for.
  const c1 = places[1] ?? null;
  const p1 = person('community_worker', c1?.id ?? null);
  const died1 = hoursBefore(now, 18 * 24 + 5);
  const m1Fields: MemorialFields = {
    ...p1,
    sex: '女',
    birthDate: '1976-09-12',
    idNumber: null,
    post: '专职社区工作者、网格员',
    diedAt: died1,
    learnedAt: null,
    place: `${c1?.name ?? '社区'}居民小区出入口卡点`,
    circumstances: '疫情防控期间连续二十余天坚守岗位，白天入户排查返程人员，夜间在小区卡点值守。当日凌晨在卡点值守时突发疾病，经送医抢救无效，不幸去世。',
    cause: '突发疾病',
    deeds:
      '疫情发生后，她主动放弃春节休假，第一时间返回岗位，负责网格内六百余户居民的排查登记。\n她逐户上门核实返程人员信息，为居家观察的住户代购生活物资、送药上门，坚持每天两次电话询问体温情况。\n她熟悉网格内每一位独居老人，在封闭管理期间为他们建立了联系卡，确保“有事能找到人”。',
  };
  const m1 = insertMemorial(db, sealer, m1Fields, now);
  reportAll(m1, died1, [40, 55, 150, 170], ['党委', '政府', '上级民政部门', '上级卫生健康部门'], coordinator);
  seedHandledCare(db, sealer, rng, m1, m1Fields, today, now);
  const k1 = k.insertCommendation(
    db,
    sealer,
    {
      memorialId: m1,
      subjectKind: 'person',
      subjectName: p1.name,
      staffId: p1.staffId,
      communityId: p1.communityId,
      proposedTitle: '抗击疫情先进个人（追授）',
      deeds: m1Fields.deeds,
      proposer: office,
    },
    addDays(today, -15),
    now,
  );
  // The applications after a death, tracked as they stand; their outcomes are for others to decide.
  saveStep(
    db,
    sealer,
    {
      memorialId: m1,
      kind: '工伤认定',
      status: 'applied',
      appliedOn: addDays(today, -12),
      appliedTo: '区人力资源和社会保障局',
      decidedOn: null,
      outcome: '',
      notes: '',
    },
    today,
    now,
  );
  saveStep(
    db,
    sealer,
    { memorialId: m1, kind: '抚恤', status: 'preparing', appliedOn: null, appliedTo: '', decidedOn: null, outcome: '', notes: '等待工伤认定结论后申请' },
    today,
    now,
  );
  k.updateCommendationStatus(
    db,
    sealer,
    { id: k1, memorialId: m1, subjectName: p1.name, deeds: m1Fields.deeds },
    {
      status: 'approved',
      submittedOn: addDays(today, -14),
      decidedOn: addDays(today, -6),
      approvingBody: '区委、区人民政府',
      conferredTitle: '抗击疫情先进个人',
      decisionNotes: '',
    },
    now,
  );

  // 2. A community doctor, 9 days ago: reported, commendation submitted, care under way.
  const c2 = places[4] ?? null;
  const p2 = person('medical', c2?.id ?? null);
  const died2 = hoursBefore(now, 9 * 24 + 11);
  const m2Fields: MemorialFields = {
    ...p2,
    sex: '男',
    birthDate: '1968-03-27',
    idNumber: null,
    post: '社区卫生服务站医生',
    diedAt: died2,
    learnedAt: null,
    place: '区人民医院',
    circumstances: '在社区发热筛查分诊和居家观察人员随访工作中不幸感染，经全力救治无效，不幸去世。',
    cause: '防控工作中感染',
    deeds:
      '他在社区卫生服务站工作二十余年，疫情期间承担发热筛查分诊和居家观察人员健康随访，每天随访三十余人次。\n他坚持为行动不便的老人上门测量体温、讲解防护知识，深受居民信赖。',
  };
  const m2 = insertMemorial(db, sealer, m2Fields, now);
  reportAll(m2, died2, [30, 45, 200, 210], ['党委', '政府', '上级民政部门', '上级卫生健康部门'], coordinator);
  care.insertFamilyMember(db, sealer, m2, { name: chineseName(rng), relation: '母亲', phone: mobile(rng), notes: '年逾八旬，独自居住' }, now);
  care.insertVisit(
    db,
    sealer,
    m2,
    {
      visitedOn: addDays(today, -7),
      visitors: '街道办事处主任、卫生服务中心负责人',
      brought: '慰问金',
      notes: '老人身体较弱，需定期上门看望。',
      nextVisitOn: today,
    },
    now,
  );
  care.insertDifficulty(
    db,
    sealer,
    m2,
    {
      kind: '就医',
      description: '母亲患慢性病，需要定期复查取药',
      owner: '社区卫生服务站站长',
      actions: '安排家庭医生签约，每两周上门一次。',
      status: 'in_progress',
      raisedOn: addDays(today, -7),
      followUpOn: addDays(today, 1),
      resolvedOn: null,
    },
    now,
  );
  const k2 = k.insertCommendation(
    db,
    sealer,
    {
      memorialId: m2,
      subjectKind: 'person',
      subjectName: p2.name,
      staffId: p2.staffId,
      communityId: p2.communityId,
      proposedTitle: '抗击疫情先进个人（追授）',
      deeds: m2Fields.deeds,
      proposer: office,
    },
    addDays(today, -5),
    now,
  );
  k.updateCommendationStatus(
    db,
    sealer,
    { id: k2, memorialId: m2, subjectName: p2.name, deeds: m2Fields.deeds },
    { status: 'submitted', submittedOn: addDays(today, -4), decidedOn: null, approvingBody: '区委、区人民政府', conferredTitle: '', decisionNotes: '' },
    now,
  );

  // 3. A volunteer, 30 hours ago, on a supply delivery: reported to two recipients so far, so it shows as overdue.
  const c3 = places[7] ?? null;
  const p3 = person('volunteer', c3?.id ?? null);
  const died3 = hoursBefore(now, 30);
  const m3 = insertMemorial(
    db,
    sealer,
    {
      ...p3,
      sex: '男',
      birthDate: '1985-11-02',
      idNumber: null,
      post: '志愿者（物资配送）',
      diedAt: died3,
      learnedAt: null,
      place: '辖区主干道与环路交叉口',
      circumstances: '为封闭管理小区配送生活物资途中遭遇交通事故，经抢救无效不幸去世。',
      cause: '交通事故',
      deeds: '',
    },
    now,
  );
  reportAll(m3, died3, [50, 65], ['党委', '政府'], coordinator);
  care.insertFamilyMember(db, sealer, m3, { name: chineseName(rng), relation: '配偶', phone: mobile(rng), notes: '' }, now);
}
