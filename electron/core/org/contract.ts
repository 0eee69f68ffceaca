import { z } from 'zod';
import { areaContract, channel, empty, id, requiredText } from '../contract';

export const COMMUNITY_KINDS = ['社区', '村'] as const;

export interface Community {
  id: number;
  name: string;
  kind: (typeof COMMUNITY_KINDS)[number];
  households: number;
  population: number;
  gridCount: number;
}

export interface Grid {
  id: number;
  communityId: number;
  communityName: string;
  name: string;
  households: number;
  population: number;
}

const count = z.number({ error: '应为数字' }).int('应为整数').min(0, '不能为负数').max(10_000_000, '数字过大');

const orgLabels = {
  name: '名称',
  kind: '类别',
  households: '户数',
  population: '人口数',
};

export const orgContract = areaContract(orgLabels, {
  'org.communities.list': channel<Community[]>()({ input: empty, access: 'viewer', kind: 'read' }),
  'org.communities.save': channel<Community>()({
    input: z.strictObject({
      id: id.optional(),
      name: requiredText(40),
      kind: z.enum(COMMUNITY_KINDS).default('社区'),
      households: count.default(0),
      population: count.default(0),
    }),
    access: 'coordinator',
    kind: 'write',
  }),
  'org.grids.list': channel<Grid[]>()({ input: z.strictObject({ communityId: id.optional() }), access: 'viewer', kind: 'read' }),
  'org.grids.save': channel<Grid>()({
    input: z.strictObject({ id: id.optional(), communityId: id, name: requiredText(40), households: count.default(0), population: count.default(0) }),
    access: 'coordinator',
    kind: 'write',
  }),
});
