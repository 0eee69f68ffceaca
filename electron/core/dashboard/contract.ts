/** The dashboard area's channel: every tile and chart of 工作台 in one read. */
import { z } from 'zod';
import { areaContract, channel, id } from '../contract';
import type { DashboardSummary } from './types.shared';

export type * from './types.shared';

const dashboardLabels = { communityId: '社区' };

export const dashboardContract = areaContract(dashboardLabels, {
  'dashboard.summary': channel<DashboardSummary>()({ input: z.strictObject({ communityId: id.optional() }), access: 'viewer', kind: 'read' }),
});
