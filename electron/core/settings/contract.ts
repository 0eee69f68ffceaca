import { z } from 'zod';
import { areaContract, channel, empty, requiredText } from '../contract';
import { isTimeZone } from '../dates.shared';

export interface Settings {
  officeName: string;
  idleLockMinutes: number;
  /** The office's IANA time zone: which calendar day it is for every date the ledger computes. */
  timeZone: string;
}

/** Per grid (by its name on screen), column id → shown; columns not named keep the grid's default. */
export type GridColumnChoices = Record<string, Record<string, boolean>>;

const settingsLabels = {
  officeName: '街道名称',
  idleLockMinutes: '自动锁定',
  timeZone: '办公时区',
  confirmDayBack: '仍然更改',
  grid: '表格',
  shown: '显示列',
};

export const timeZoneInput = z.string().trim().refine(isTimeZone, '不是可识别的时区名称，应为 IANA 时区，例如 Asia/Shanghai（北京时间）、Asia/Urumqi');

export const settingsContract = areaContract(settingsLabels, {
  'settings.get': channel<Settings>()({ input: empty, access: 'viewer', kind: 'read' }),
  'settings.update': channel<Settings>()({
    input: z.strictObject({
      officeName: requiredText(60).optional(),
      idleLockMinutes: z.number({ error: '应为分钟数' }).int('应为整数').min(1, '至少 1 分钟').max(240, '最多 240 分钟').optional(),
      timeZone: timeZoneInput.optional(),
      /** The coordinator has read that the new zone takes the office's day back, and changes it still (settings/handlers.ts). */
      confirmDayBack: z.boolean().optional(),
    }),
    access: 'coordinator',
    kind: 'write',
  }),
  /** The signed-in user's own 「显示列」 choices, every grid at once (a few hundred bytes). */
  'settings.columns.list': channel<GridColumnChoices>()({ input: empty, access: 'viewer', kind: 'read' }),
  'settings.columns.save': channel<GridColumnChoices>()({
    input: z.strictObject({
      grid: requiredText(60),
      // Checked as a whole, so a message names 「显示列」 and never a column's code.
      shown: z
        .custom<Record<string, boolean>>(
          (v) =>
            typeof v === 'object' &&
            v !== null &&
            !Array.isArray(v) &&
            Object.entries(v).every(([k, on]) => k.length > 0 && k.length <= 60 && typeof on === 'boolean'),
          '应为每一列是否显示',
        )
        .refine((m) => Object.keys(m).length <= 80, '最多 80 列'),
    }),
    access: 'viewer',
    kind: 'write',
  }),
});
