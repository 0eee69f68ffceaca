/**
 * 007_export on a ledger made by 006 and in use: earlier rows untouched; the
 * office's keys, report schedules, the export log, district keys and the one
 * row of backup settings are new, with their rules.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CASELOAD_TABLES,
  FOUNDATION_TABLES,
  ledgerBefore,
  MIGRATION_NOW,
  seedCaseload,
  seedFoundation,
  type LedgerBefore,
  upgradeKeepingRows,
} from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(7);
  seedFoundation(l.db);
  seedCaseload(l.db);
});
afterEach(() => l.close());

describe('007_export on an existing ledger', () => {
  it('adds the export tables and keeps every earlier row', () => {
    const added = upgradeKeepingRows(l, 7, [...FOUNDATION_TABLES, ...CASELOAD_TABLES]);
    expect(Object.keys(added.tables).sort()).toEqual(['backup_settings', 'district_keys', 'export_log', 'office_keys', 'report_schedules']);
  });

  it('keeps its rules: due times as HH:MM, one backup settings row, an export logged against an existing user and schedule', () => {
    l.upgrade();
    const { db } = l;
    const now = { now: MIGRATION_NOW };
    const schedule = db.prepare(
      `INSERT INTO report_schedules (title, recipient, weekday, due_time, created_at, updated_at) VALUES ('每日报表', '区防控办', 1, @due, @now, @now)`,
    );
    const { lastInsertRowid: scheduleId } = schedule.run({ due: '16:00', ...now });
    expect(() => schedule.run({ due: '4pm', ...now })).toThrow(/CHECK/);
    db.prepare(
      `INSERT INTO export_log (at, user_id, username, period_from, period_to, form_ids, destination, file_name, sha256, bytes, fingerprint, schedule_id, due_day)
       VALUES (@now, 1, 'admin', '2020-02-10', '2020-02-16', '[]', 'E:/', '上报包.zip', 'x', 10, 'fp', @scheduleId, '2020-02-17')`,
    ).run({ scheduleId, ...now });
    const backup = db.prepare(`INSERT INTO backup_settings (id, updated_at) VALUES (@id, @now)`);
    backup.run({ id: 1, ...now });
    expect(() => backup.run({ id: 2, ...now })).toThrow(/CHECK/);
    expect(db.prepare(`SELECT auto_daily AS daily, keep_last AS keep FROM backup_settings`).get()).toEqual({ daily: 0, keep: 7 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
