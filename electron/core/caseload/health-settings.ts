/**
 * The fever line and the usual length of observation. Neither comes from
 * 豫民文〔2020〕14号: 37.3 °C and 14 days are the health authorities' guidance
 * of early 2020, kept as office settings with those defaults.
 */
import type { ReadDb, WriteDb } from '../db/types';
import { cached } from '../db/stmt-cache';
import { DEFAULT_HEALTH_SETTINGS, type HealthSettings } from './health-settings.shared';
import { writeSetting } from '../settings/queries';

const KEYS: Record<keyof HealthSettings, string> = {
  feverThreshold: 'caseload.feverThreshold',
  observationDays: 'caseload.observationDays',
  startFromArrival: 'caseload.startFromArrival',
};

export function readHealthSettings(db: ReadDb): HealthSettings {
  const rows = cached(db, `SELECT key, value FROM settings WHERE key IN (@a, @b, @c)`).all({
    a: KEYS.feverThreshold,
    b: KEYS.observationDays,
    c: KEYS.startFromArrival,
  }) as Array<{
    key: string;
    value: string;
  }>;
  const s = { ...DEFAULT_HEALTH_SETTINGS };
  for (const r of rows) {
    if (r.key === KEYS.startFromArrival) s.startFromArrival = r.value === 'true';
    const n = Number(r.value);
    if (!Number.isFinite(n)) continue;
    if (r.key === KEYS.feverThreshold) s.feverThreshold = n;
    if (r.key === KEYS.observationDays) s.observationDays = n;
  }
  return s;
}

export function writeHealthSettings(db: WriteDb, s: Partial<HealthSettings>): void {
  for (const k of Object.keys(KEYS) as Array<keyof HealthSettings>) if (s[k] !== undefined) writeSetting(db, KEYS[k], String(s[k]));
}
