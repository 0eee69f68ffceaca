import { DEFAULT_OFFICE_TIME_ZONE, isTimeZone } from '../dates.shared';
import { cached } from '../db/stmt-cache';
import type { ReadDb, WriteDb } from '../db/types';
import type { GridColumnChoices, Settings } from './contract';

export const DEFAULT_SETTINGS: Settings = { officeName: '', idleLockMinutes: 15, timeZone: DEFAULT_OFFICE_TIME_ZONE };

export function readSettings(db: ReadDb): Settings {
  const rows = db.prepare(`SELECT key, value FROM settings WHERE key IN ('officeName', 'idleLockMinutes', 'timeZone')`).all() as Array<{
    key: string;
    value: string;
  }>;
  const s: Settings = { ...DEFAULT_SETTINGS };
  for (const r of rows) {
    if (r.key === 'officeName') s.officeName = r.value;
    if (r.key === 'idleLockMinutes') s.idleLockMinutes = Number(r.value);
    // A zone this machine's Intl does not know (an older ICU) falls back to the default rather than stopping the ledger.
    if (r.key === 'timeZone' && isTimeZone(r.value)) s.timeZone = r.value;
  }
  return s;
}

/** The one writer of the `settings` table: every area's settings (rota rules, health, honours limits) are keys here. */
export function writeSetting(db: WriteDb, key: string, value: string): void {
  cached(db, `INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run({ key, value });
}

export function readColumnChoices(db: ReadDb, userId: number): GridColumnChoices {
  const rows = db.prepare(`SELECT grid, shown_json AS shown FROM user_grid_columns WHERE user_id = @userId`).all({ userId }) as Array<{
    grid: string;
    shown: string;
  }>;
  return Object.fromEntries(rows.map((r) => [r.grid, JSON.parse(r.shown) as Record<string, boolean>]));
}

export function writeColumnChoices(db: WriteDb, userId: number, grid: string, shown: Record<string, boolean>, now: string): void {
  db.prepare(
    `INSERT INTO user_grid_columns (user_id, grid, shown_json, updated_at) VALUES (@userId, @grid, @shown, @now)
     ON CONFLICT (user_id, grid) DO UPDATE SET shown_json = excluded.shown_json, updated_at = excluded.updated_at`,
  ).run({ userId, grid, shown: JSON.stringify(shown), now });
}
