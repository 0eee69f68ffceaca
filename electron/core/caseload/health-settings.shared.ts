/**
 * The fever line and the usual length of observation, as the settings screen
 * shows them (the renderer loads this file; health-settings.ts reads and
 * writes them). Neither comes from 豫民文〔2020〕14号: 37.3 °C and 14 days are
 * the health authorities' guidance of early 2020, kept as office settings
 * with those defaults.
 */
export interface HealthSettings {
  /** A temperature at or above this (°C) opens an escalation. */
  feverThreshold: number;
  /** Days of observation when a case does not say otherwise. */
  observationDays: number;
  /**
   * A returnee or observation row imported with 返程日期 and no 开始日期 starts on the day of return (true) or on the
   * day of the import (false). The office's own rule, not notice 2020-14's (it says nothing on when observation
   * starts). On by default: the import day is only the day the sheet reached the office, and counting from it kept a
   * person back two weeks ago under observation (and on the daily checks) for two weeks more; the preview says the
   * date came from 返程日期, and an office whose health authority counts otherwise turns it off.
   */
  startFromArrival: boolean;
}

/** The settings that are numbers, each with its range. */
export type HealthNumberSetting = 'feverThreshold' | 'observationDays';

export const DEFAULT_HEALTH_SETTINGS: HealthSettings = { feverThreshold: 37.3, observationDays: 14, startFromArrival: true };

export const HEALTH_SETTINGS_SOURCE = '卫生健康部门 2020 年初的防控指引（非本通知规定，可按当地现行要求修改）';

interface SettingRange {
  min: number;
  max: number;
  /** Digits after the point when the range is said (37.0, not 37). */
  decimals: number;
  /** After a space: 「37.0–38.5 °C」, 「1–60 天」. */
  unit: string;
  /** A Latin unit (°C) keeps a space before the Chinese that follows it; 天 joins it: 「°C 之间」, 「天之间」. */
  spaceAfterUnit: boolean;
}

/**
 * The one rule for each number of 设置 › 监测标准 (and a case's 观察天数): the
 * core's contract checks it and names the field, the screen says the range
 * from it and sets no min/max of its own (the browser's bubble would speak
 * first, without the range).
 */
export const HEALTH_SETTING_RANGES: Record<HealthNumberSetting, SettingRange> = {
  feverThreshold: { min: 37, max: 38.5, decimals: 1, unit: '°C', spaceAfterUnit: true },
  observationDays: { min: 1, max: 60, decimals: 0, unit: '天', spaceAfterUnit: false },
};

/** 「37.0–38.5 °C」: the allowed range in words, the one place it is spelled. */
export function rangeText(key: HealthNumberSetting): string {
  const r = HEALTH_SETTING_RANGES[key];
  return `${r.min.toFixed(r.decimals)}–${r.max.toFixed(r.decimals)} ${r.unit}`;
}

/** What the core says of a number outside the range (after the field's name): 「应在 37.0–38.5 °C 之间」, 「应在 1–60 天之间」. */
export function outOfRangeText(key: HealthNumberSetting): string {
  return `应在 ${rangeText(key)}${HEALTH_SETTING_RANGES[key].spaceAfterUnit ? ' ' : ''}之间`;
}
