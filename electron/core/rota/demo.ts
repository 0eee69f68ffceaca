import { addDays, weekdayMon0 } from '../dates.shared';
import type { DemoSeed } from '../demo-kit/types';
import { chineseName, mobile } from '../demo-kit/random';
import { insertAssignment } from './assignment-queries';
import { confirmAllBefore } from './attendance';
import { generateRota } from './generator';
import { demandsFor, loadWorld } from './planning';
import { listShifts, savePost } from './post-queries';
import { insertLeave } from './staff-queries';
import { insertStaff, type StaffFields } from './staff.repo';
import type { PostKind, StaffKind } from './types.shared';

const AGENCIES = ['区民政局', '区卫健委', '区城管局', '区教体局', '区司法局'];
const MIX: StaffKind[] = [
  'community_worker',
  'community_worker',
  'community_worker',
  'community_worker',
  'community_worker',
  'community_worker',
  'medical',
  'medical',
  'police',
  'property',
  'property',
  'social_worker',
  'volunteer',
  'volunteer',
  'volunteer',
  'volunteer',
  'volunteer',
  'volunteer',
  'volunteer',
  'volunteer',
  'volunteer',
  'volunteer',
];

/**
 * A year's cover that holds on the day the demo is built (it was fixed to 2020 and a demo built later showed every
 * insured worker as uninsured), begun 30–360 days before it, so a few end within the month and show on 专属保险's
 * 「即将到期」. Taken from the policy number, not a draw of its own: the demo's other values stay as they were.
 */
function coverAround(today: string, policy: number | null): { insuranceFrom: string | null; insuranceTo: string | null } {
  if (policy === null) return { insuranceFrom: null, insuranceTo: null };
  const from = addDays(today, -(30 + (policy % 331)));
  return { insuranceFrom: from, insuranceTo: addDays(from, 364) };
}

/**
 * A community's 带班领导 (the 书记 and the 主任: the first two of its workers), who take 社区带班 in turn, so the printed
 * roster names a 带班领导 on every day. With one leader a community had none on the days that leader rested (about half
 * of them: the roster hid nobody).
 */
const LEADERS = 2;
const LEAD_SKILL = '带班';

/** Staff per community (22 each) plus 20 agency cadres, five posts per community, and this week and next generated. */
export const seedRotaDemo: DemoSeed = (db, { rng, clock, sealer }) => {
  const now = clock.nowIso();
  const communities = db.prepare(`SELECT id, name FROM communities ORDER BY id`).all() as Array<{ id: number; name: string }>;
  const [early, late, night] = listShifts(db).map((s) => s.id) as [number, number, number];
  const base = (kind: StaffKind, communityId: number | null): StaffFields => ({
    name: chineseName(rng),
    kind,
    communityId,
    agency: kind === 'agency_cadre' ? rng.pick(AGENCIES) : null,
    phone: mobile(rng),
    idNumber: null,
    idNumberWas15: false,
    skills: kind === 'medical' ? ['测温', '医疗'] : rng.chance(0.2) ? ['驾驶'] : [],
    isMedical: kind === 'medical',
    isLeader: false,
    status: 'active',
    insurer: rng.chance(0.7) ? '中国人寿' : null,
    insurancePolicy: null,
    insuranceFrom: null,
    insuranceTo: null,
  });
  for (const c of communities) {
    let leaderAway = false;
    MIX.forEach((kind, i) => {
      const f = base(kind, c.id);
      const policy = f.insurer ? rng.int(100000, 999999) : null;
      const id = insertStaff(
        db,
        sealer,
        {
          ...f,
          isLeader: i < LEADERS,
          skills: i < LEADERS ? [...f.skills, LEAD_SKILL] : f.skills,
          insurancePolicy: policy === null ? null : `PA${policy}`,
          ...coverAround(clock.today(), policy),
        },
        now,
      );
      if (rng.chance(0.08)) {
        const to = addDays(clock.today(), rng.int(0, 4));
        // The community's two leaders are not both on leave today (the same draws, so the rest of the demo is as it was).
        if (i >= LEADERS || !leaderAway) insertLeave(db, { staffId: id, from: clock.today(), to, reason: '病假' }, now);
        if (i < LEADERS) leaderAway = true;
      }
    });
    const posts: Array<{ name: string; kind: PostKind; location: string; req: Array<[number, number]>; skills?: string[] }> = [
      {
        name: '小区北门卡点',
        kind: 'checkpoint',
        location: `${c.name}北门`,
        req: [
          [early, 2],
          [late, 2],
          [night, 1],
        ],
      },
      { name: '入户排查组', kind: 'screening', location: '', req: [[early, 2]] },
      {
        name: '社区值班室',
        kind: 'duty',
        location: '社区服务中心',
        req: [
          [early, 1],
          [late, 1],
          [night, 1],
        ],
      },
      { name: '居家观察随访', kind: 'followup', location: '', req: [[early, 1]] },
      // One leader a day, taken by the community's 带班领导 only (the skill), every day of the week.
      { name: '社区带班', kind: 'duty', location: '社区服务中心', req: [[early, 1]], skills: [LEAD_SKILL] },
    ];
    for (const p of posts)
      savePost(
        db,
        {
          communityId: c.id,
          name: p.name,
          kind: p.kind,
          location: p.location,
          requiredSkills: p.skills ?? [],
          active: true,
          requirements: p.req.map(([shiftId, headcount]) => ({ shiftId, headcount, weekdays: '1111111' })),
        },
        now,
      );
  }
  for (let i = 0; i < 20; i++) insertStaff(db, sealer, base('agency_cadre', null), now);
  const from = addDays(clock.today(), -weekdayMon0(clock.today()));
  const to = addDays(from, 13);
  const world = loadWorld(db, from, to);
  const out = generateRota({
    from,
    to,
    staff: world.staff,
    posts: [...world.postDefs.values()],
    shifts: world.shifts,
    demands: demandsFor(world.posts, from, to),
    rules: world.rules,
    fixed: [],
  });
  for (const a of out.assignments) insertAssignment(db, { ...a, source: 'auto', overrideReason: null }, now);
  // The days already past were worked and confirmed by the community's leader; today's wait for confirmation.
  // No allowance rates are set: the office enters its own (the notice sets no amounts).
  confirmAllBefore(db, sealer, clock.today(), '演示数据', now);
};
