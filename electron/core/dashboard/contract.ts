/** The dashboard area's channel: every tile and chart of 工作台 in one read. */
import { z } from 'zod';
import { channel, id } from '../contract';
import { registerFieldLabels } from '../field-labels';
import type { DashboardSummary } from './types';

export type * from './types';

registerFieldLabels({ communityId: '社区' });

export const dashboardContract = {
  'dashboard.summary': channel<DashboardSummary>()({ input: z.strictObject({ communityId: id.optional() }), access: 'viewer', kind: 'read' }),
} as const;
