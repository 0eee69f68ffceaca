import type { ReadDb } from '../db/types';
import { badInput, conflict } from '../errors';
import { saveAudited } from '../save-audited';
import type { HandlersOf } from '../handler-types';
import { orgContract } from './contract';
import * as q from './queries';

/**
 * A grid's households, residents, cases and visits carry its community as a copy, and coverage counts them by it: a
 * grid moved once it holds any would drop them from every 入户排查覆盖 line, earlier forms included (S45-A1). As a planned
 * post keeps its community (rota/post-handlers.ts), such a grid keeps its; one that holds nothing may be corrected.
 */
function refuseMovingUsedGrid(db: ReadDb, gridId: number, communityId: number): void {
  const grid = q.getGrid(db, gridId);
  if (!grid || grid.communityId === communityId || !q.gridInUse(db, gridId)) return;
  const to = q.getCommunity(db, communityId)!.name;
  throw conflict(
    `「所属社区」：「${grid.name}」已有住户、个案或零报告记在${grid.communityName}，入户排查和各报表都按它算在${grid.communityName}，不能改到别的社区。请在${to}新建一个网格。`,
    { field: 'communityId' },
  );
}

export const orgHandlers: HandlersOf<typeof orgContract> = {
  'org.communities.list': (db) => q.listCommunities(db),
  'org.communities.save': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    const clash = q.findCommunityByName(db, input.name);
    if (clash && clash.id !== input.id) throw conflict(`已有名为「${input.name}」的社区，不能重名。`);
    const fields = { name: input.name, kind: input.kind, households: input.households, population: input.population };
    return saveAudited(ctx, 'community', input.id, '这个社区', {
      insert: () => q.insertCommunity(db, fields, now),
      update: (id) => q.updateCommunity(db, id, fields, now),
      get: (id) => q.getCommunity(db, id),
    });
  },
  'org.grids.list': (db, input) => q.listGrids(db, input.communityId),
  'org.grids.save': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    if (!q.getCommunity(db, input.communityId)) throw badInput('「社区」不存在，请先在设置中添加社区。', { field: 'communityId' });
    const clash = q.listGrids(db, input.communityId).find((g) => g.name === input.name);
    if (clash && clash.id !== input.id) throw conflict(`这个社区已有名为「${input.name}」的网格。`);
    if (input.id !== undefined) refuseMovingUsedGrid(db, input.id, input.communityId);
    const fields = { communityId: input.communityId, name: input.name, households: input.households, population: input.population };
    return saveAudited(ctx, 'grid', input.id, '这个网格', {
      insert: () => q.insertGrid(db, fields, now),
      update: (id) => q.updateGrid(db, id, fields, now),
      get: (id) => q.getGrid(db, id),
    });
  },
};
