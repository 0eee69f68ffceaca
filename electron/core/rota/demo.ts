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

/** Staff per community (22 each) plus 20 agency cadres, four posts per community, and this week and next generated. */
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
    MIX.forEach((kind, i) => {
      const f = base(kind, c.id);
      const id = insertStaff(
        db,
        sealer,
        {
          ...f,
          isLeader: i === 0,
          insurancePolicy: f.insurer ? `PA${rng.int(100000, 999999)}` : null,
          insuranceFrom: f.insurer ? '2020-02-01' : null,
          insuranceTo: f.insurer ? '2020-12-31' : null,
        },
        now,
      );
      if (rng.chance(0.08)) insertLeave(db, { staffId: id, from: clock.today(), to: addDays(clock.today(), rng.int(0, 4)), reason: '病假' }, now);
    });
    const posts: Array<{ name: string; kind: PostKind; location: string; req: Array<[number, number]> }> = [
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
    ];
    for (const p of posts)
      savePost(
        db,
        {
          communityId: c.id,
          name: p.name,
          kind: p.kind,
          location: p.location,
          requiredSkills: [],
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
  confirmAllBefore(db, clock.today(), '演示数据', now);
};
