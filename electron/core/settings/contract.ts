import { z } from 'zod';
import { areaContract, channel, empty, requiredText } from '../contract';

export interface Settings {
  officeName: string;
  idleLockMinutes: number;
}

const settingsLabels = {
  officeName: '街道名称',
  idleLockMinutes: '自动锁定',
};

export const settingsContract = areaContract(settingsLabels, {
  'settings.get': channel<Settings>()({ input: empty, access: 'viewer', kind: 'read' }),
  'settings.update': channel<Settings>()({
    input: z.strictObject({
      officeName: requiredText(60).optional(),
      idleLockMinutes: z.number({ error: '应为分钟数' }).int('应为整数').min(1, '至少 1 分钟').max(240, '最多 240 分钟').optional(),
    }),
    access: 'coordinator',
    kind: 'write',
  }),
});
