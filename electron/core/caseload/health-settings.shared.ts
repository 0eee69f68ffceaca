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
}

export const DEFAULT_HEALTH_SETTINGS: HealthSettings = { feverThreshold: 37.3, observationDays: 14 };
export const HEALTH_SETTINGS_SOURCE = '卫生健康部门 2020 年初的防控指引（非本通知规定，可按当地现行要求修改）';
