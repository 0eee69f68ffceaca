import { it } from 'vitest';
import { generateRota } from '../../../electron/core/rota/generator';
import { smallInstance } from './instances';
it('diag', () => {
  const inst = smallInstance(9);
  console.log(JSON.stringify({ rules: inst.rules, posts: inst.posts, shifts: inst.shifts.map((s) => s.id), staff: inst.staff.map((s) => ({ id: s.id, kind: s.kind, c: s.communityId, sk: s.skills, un: [...s.unavailable.keys()] })), demands: inst.demands.map((d) => `${d.day.slice(8)}/${d.postId}/${d.shiftId}x${d.headcount}`) }));
  const r = generateRota(inst);
  console.log(r.assignments.map((a) => `${a.day.slice(8)}/${a.postId}/${a.shiftId}:${a.staffId}`).join(' '));
  console.log(r.unfilled.map((u) => `${u.demand.day.slice(8)}/${u.demand.postId}/${u.demand.shiftId} ${JSON.stringify(u.blocked)}`).join('\n'));
});
