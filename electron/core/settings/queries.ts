import type { ReadDb, WriteDb } from '../db/types';
import type { Settings } from './contract';

export const DEFAULT_SETTINGS: Settings = { officeName: '', idleLockMinutes: 15 };

export function readSettings(db: ReadDb): Settings {
  const rows = db.prepare(`SELECT key, value FROM settings WHERE key IN ('officeName', 'idleLockMinutes')`).all() as Array<{ key: string; value: string }>;
  const s: Settings = { ...DEFAULT_SETTINGS };
  for (const r of rows) {
    if (r.key === 'officeName') s.officeName = r.value;
    if (r.key === 'idleLockMinutes') s.idleLockMinutes = Number(r.value);
  }
  return s;
}

export function writeSetting(db: WriteDb, key: string, value: string): void {
  db.prepare(`INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run({ key, value });
}
