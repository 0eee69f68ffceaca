import { badInput, conflict } from '../errors';
import { saveAudited } from '../save-audited';
import type { HandlersOf } from '../handler-types';
import { orgContract } from './contract';
import * as q from './queries';

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
    const fields = { communityId: input.communityId, name: input.name, households: input.households, population: input.population };
    return saveAudited(ctx, 'grid', input.id, '这个网格', {
      insert: () => q.insertGrid(db, fields, now),
      update: (id) => q.updateGrid(db, id, fields, now),
      get: (id) => q.getGrid(db, id),
    });
  },
};
