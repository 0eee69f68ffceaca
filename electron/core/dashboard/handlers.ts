import type { HandlersOf } from '../handler-types';
import { dashboardContract } from './contract';
import { firstSteps } from './first-steps';
import { dashboardSummary } from './summary';

export const dashboardHandlers: HandlersOf<typeof dashboardContract> = {
  'dashboard.summary': (db, input, ctx) => dashboardSummary(db, ctx.clock, ctx.session.role, input.communityId, ctx.sealer),
  'dashboard.firstSteps': (db) => firstSteps(db),
};
