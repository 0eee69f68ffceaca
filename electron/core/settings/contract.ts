import { z } from 'zod';
import { areaContract, channel, empty, requiredText } from '../contract';
import { isTimeZone } from '../dates.shared';

export interface Settings {
  officeName: string;
  idleLockMinutes: number;
  /** The office's IANA time zone: which calendar day it is for every date the ledger computes. */
  timeZone: string;
}

const settingsLabels = {
  officeName: '街道名称',
  idleLockMinutes: '自动锁定',
  timeZone: '办公时区',
};

export const timeZoneInput = z
  .string()
  .trim()
  .refine(isTimeZone, '不是可识别的时区名称，应为 IANA 时区，例如 Asia/Shanghai（北京时间）、Asia/Urumqi');

export const settingsContract = areaContract(settingsLabels, {
  'settings.get': channel<Settings>()({ input: empty, access: 'viewer', kind: 'read' }),
  'settings.update': channel<Settings>()({
    input: z.strictObject({
      officeName: requiredText(60).optional(),
      idleLockMinutes: z.number({ error: '应为分钟数' }).int('应为整数').min(1, '至少 1 分钟').max(240, '最多 240 分钟').optional(),
      timeZone: timeZoneInput.optional(),
    }),
    access: 'coordinator',
    kind: 'write',
  }),
});
