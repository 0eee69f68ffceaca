/**
 * A street office's rota at a chosen size, for the bench and the planner tests: plain generator input (staff of every
 * kind over ten communities, some on leave, posts of each kind, three shifts), and the same office made in a ledger
 * through the channels a coordinator uses.
 */
import { addDays } from '../../electron/core/dates.shared';
import { Rng } from '../../electron/core/demo-kit/random';
import type { Demand, GenerateInput } from '../../electron/core/rota/generator';
import type { PostDef, StaffDef } from '../../electron/core/rota/rules';
import { DEFAULT_RULES, type StaffKind } from '../../electron/core/rota/types.shared';

const KINDS: StaffKind[] = [
  'community_worker',
  'community_worker',
  'community_worker',
  'medical',
  'police',
  'property',
  'social_worker',
  'volunteer',
  'volunteer',
  'agency_cadre',
];
const POST_KINDS = ['checkpoint', 'screening', 'duty', 'followup'] as const;

export interface OfficeSize {
  staff: number;
  posts: number;
  /** Headcount of every post's every shift. */
  perShift: number;
  days: number;
}

export const THREE_SHIFTS = [
  { id: 1, startMinute: 480, endMinute: 960 },
  { id: 2, startMinute: 960, endMinute: 1440 },
  { id: 3, startMinute: 0, endMinute: 480 },
];

export function officeInstance(size: OfficeSize, from = '2020-02-17', seed = 7): GenerateInput {
  const rng = new Rng(seed);
  const staff: StaffDef[] = Array.from({ length: size.staff }, (_, i) => {
    const kind = KINDS[i % KINDS.length]!;
    const unavailable = new Map<string, 'leave'>();
    if (rng.chance(0.1)) for (let d = rng.int(0, size.days - 8), n = rng.int(1, 5); n > 0; n--, d++) unavailable.set(addDays(from, d), 'leave');
    return {
      id: i + 1,
      name: `员${i + 1}`,
      kind,
      isMedical: kind === 'medical',
      skills: rng.chance(0.3) ? ['驾驶'] : [],
      communityId: kind === 'agency_cadre' ? null : (i % 10) + 1,
      unavailable,
    };
  });
  const posts: PostDef[] = Array.from({ length: size.posts }, (_, i) => ({
    id: i + 1,
    communityId: (i % 10) + 1,
    kind: POST_KINDS[Math.floor((i * POST_KINDS.length) / size.posts)]!,
    requiredSkills: [],
  }));
  const demands: Demand[] = [];
  for (let d = 0; d < size.days; d++)
    for (const p of posts) for (const s of THREE_SHIFTS) demands.push({ postId: p.id, shiftId: s.id, day: addDays(from, d), headcount: size.perShift });
  return { from, to: addDays(from, size.days - 1), staff, posts, shifts: THREE_SHIFTS, demands, rules: DEFAULT_RULES, fixed: [] };
}

type Call = (channel: string, input: unknown) => Promise<unknown>;

/** The same shape of office in a ledger (ten communities, staff, posts on the ledger's three shifts), through `call`. */
export async function makeOffice(call: Call, size: Omit<OfficeSize, 'days'>): Promise<void> {
  const communities: number[] = [];
  for (let c = 1; c <= 10; c++) communities.push(((await call('org.communities.save', { name: `第${c}社区` })) as { id: number }).id);
  const shifts = ((await call('rota.shifts.list', {})) as Array<{ id: number }>).map((s) => s.id);
  for (let i = 0; i < size.posts; i++)
    await call('rota.posts.save', {
      communityId: communities[i % 10],
      name: `岗位${i + 1}`,
      location: `第${(i % 10) + 1}社区${i + 1}号门`,
      kind: POST_KINDS[Math.floor((i * POST_KINDS.length) / size.posts)],
      requirements: shifts.map((shiftId) => ({ shiftId, headcount: size.perShift })),
    });
  for (let i = 0; i < size.staff; i++) {
    const kind = KINDS[i % KINDS.length]!;
    const cadre = kind === 'agency_cadre';
    await call('rota.staff.save', { name: `员${i + 1}`, kind, communityId: cadre ? null : communities[i % 10], ...(cadre ? { agency: '区司法局' } : {}) });
  }
}
