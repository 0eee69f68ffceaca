import type { ReadDb, WriteDb } from '../../db/types';
import type { BackupSettings } from './contract';

export function readBackupSettings(db: ReadDb): BackupSettings {
  const r = db
    .prepare(
      `SELECT auto_daily AS autoDaily, folder, keep_last AS keepLast, last_backup_at AS lastBackupAt, last_backup_path AS lastBackupPath FROM backup_settings WHERE id = 1`,
    )
    .get() as (Omit<BackupSettings, 'autoDaily'> & { autoDaily: number }) | undefined;
  return r ? { ...r, autoDaily: r.autoDaily === 1 } : { autoDaily: false, folder: '', keepLast: 7, lastBackupAt: null, lastBackupPath: null };
}

export function saveBackupSettings(db: WriteDb, s: { autoDaily: boolean; folder: string; keepLast: number }, nowIso: string): void {
  db.prepare(
    `INSERT INTO backup_settings (id, auto_daily, folder, keep_last, updated_at) VALUES (1, @autoDaily, @folder, @keepLast, @now)
     ON CONFLICT (id) DO UPDATE SET auto_daily = excluded.auto_daily, folder = excluded.folder, keep_last = excluded.keep_last, updated_at = excluded.updated_at`,
  ).run({ autoDaily: s.autoDaily ? 1 : 0, folder: s.folder, keepLast: s.keepLast, now: nowIso });
}

export function recordBackup(db: WriteDb, at: string, path: string): void {
  db.prepare(
    `INSERT INTO backup_settings (id, last_backup_at, last_backup_path, updated_at) VALUES (1, @at, @path, @at)
     ON CONFLICT (id) DO UPDATE SET last_backup_at = excluded.last_backup_at, last_backup_path = excluded.last_backup_path`,
  ).run({ at, path });
}
