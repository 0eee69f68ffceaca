/** The dashboard area's channel: every tile and chart of 工作台 in one read. */
import { z } from 'zod';
import { areaContract, channel, empty, id } from '../contract';
import type { DashboardSummary } from './types.shared';

export type * from './types.shared';

/** What a new ledger holds yet, for 工作台's first-run checklist (see first-steps.ts). */
export interface FirstSteps {
  /** 社区与网格: at least one community and one grid. */
  communities: boolean;
  grids: boolean;
  /** 导入或入户登记: households (or residents) in the ledger. */
  households: boolean;
  /** 人员与岗位: staff registered and posts set up. */
  staff: boolean;
  posts: boolean;
  /** 报送日历: a recurring report scheduled. */
  schedules: boolean;
}

const dashboardLabels = { communityId: '社区' };

export const dashboardContract = areaContract(dashboardLabels, {
  'dashboard.summary': channel<DashboardSummary>()({ input: z.strictObject({ communityId: id.optional() }), access: 'viewer', kind: 'read' }),
  /** The first-run checklist on 工作台: what the ledger holds yet (yes or no per step). */
  'dashboard.firstSteps': channel<FirstSteps>()({ input: empty, access: 'viewer', kind: 'read' }),
});
