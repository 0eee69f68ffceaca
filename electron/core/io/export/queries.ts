/** SQL for the export log, the reporting calendar and the district's known keys. */
import type { ReadDb, WriteDb } from '../../db/types';
import type { AuditHead } from '../../audit/contract';
import type { ExportLogRow, ReportSchedule } from './contract';
import type { DistrictKey } from './district.shared';

interface LogDbRow extends Omit<ExportLogRow, 'formIds' | 'isCorrection'> {
  formIds: string;
  isCorrection: number;
}

// The report a package answers is named by its schedule's title as it reads now (a renamed report shows its new name).
const LOG_SELECT = `
  SELECT l.id, l.at, l.username, l.period_from AS periodFrom, l.period_to AS periodTo, l.form_ids AS formIds, l.destination, l.file_name AS fileName,
         l.sha256, l.bytes, l.is_correction AS isCorrection, l.schedule_id AS scheduleId, l.due_day AS dueDay, s.title AS scheduleTitle
  FROM export_log l LEFT JOIN report_schedules s ON s.id = l.schedule_id`;

const toLog = (r: LogDbRow): ExportLogRow => ({ ...r, formIds: JSON.parse(r.formIds) as string[], isCorrection: r.isCorrection === 1 });

export function listExportLog(db: ReadDb, offset: number, limit: number): { rows: ExportLogRow[]; total: number } {
  const total = (db.prepare('SELECT count(*) AS n FROM export_log').get() as { n: number }).n;
  const rows = db.prepare(`${LOG_SELECT} ORDER BY l.at DESC, l.id DESC LIMIT @limit OFFSET @offset`).all({ limit, offset }) as LogDbRow[];
  return { rows: rows.map(toLog), total };
}

export function getExportLog(db: ReadDb, id: number): ExportLogRow | undefined {
  const r = db.prepare(`${LOG_SELECT} WHERE l.id = @id`).get({ id }) as LogDbRow | undefined;
  return r ? toLog(r) : undefined;
}

/** A period already sent makes the next export of it a correction (更正). */
export function periodWasSent(db: ReadDb, from: string, to: string): boolean {
  return db.prepare('SELECT 1 FROM export_log WHERE period_from = @from AND period_to = @to LIMIT 1').get({ from, to }) !== undefined;
}

export interface NewLogRow {
  at: string;
  userId: number;
  username: string;
  periodFrom: string;
  periodTo: string;
  formIds: string[];
  destination: string;
  fileName: string;
  sha256: string;
  bytes: number;
  fingerprint: string;
  isCorrection: boolean;
  scheduleId: number | null;
  dueDay: string | null;
  /** The audit head the package carries (export-witness.ts holds the log against it); null for a ledger with no log. */
  auditHead: AuditHead | null;
}

export function insertExportLog(db: WriteDb, r: NewLogRow): number {
  const { auditHead, ...row } = r;
  return Number(
    db
      .prepare(
        `INSERT INTO export_log (at, user_id, username, period_from, period_to, form_ids, destination, file_name, sha256, bytes, fingerprint, is_correction, schedule_id, due_day,
                                 audit_last_id, audit_last_hash, audit_row_count)
         VALUES (@at, @userId, @username, @periodFrom, @periodTo, @formIds, @destination, @fileName, @sha256, @bytes, @fingerprint, @isCorrection, @scheduleId, @dueDay,
                 @auditLastId, @auditLastHash, @auditRows)`,
      )
      .run({
        ...row,
        formIds: JSON.stringify(r.formIds),
        isCorrection: r.isCorrection ? 1 : 0,
        auditLastId: auditHead?.lastId ?? null,
        auditLastHash: auditHead?.lastHash ?? null,
        auditRows: auditHead?.rows ?? null,
      }).lastInsertRowid,
  );
}

/** The audit heads the packages that left carried, newest first (exports made before migration 039 kept none). */
export function exportedHeads(db: ReadDb): Array<{ at: string; fileName: string; lastId: number; lastHash: string; rows: number }> {
  return db
    .prepare(
      `SELECT at, file_name AS fileName, audit_last_id AS lastId, audit_last_hash AS lastHash, audit_row_count AS rows
       FROM export_log WHERE audit_last_id IS NOT NULL ORDER BY id DESC`,
    )
    .all() as Array<{ at: string; fileName: string; lastId: number; lastHash: string; rows: number }>;
}

/**
 * The latest export that answered a schedule's report of the week `monday`–`sunday`. By the week, not the due day: a
 * schedule's 上报日 changed in a week whose report has gone would otherwise read that week's report as not sent
 * (S46-A3), and the next export of its forms be recorded as answering it again.
 */
export function sentInWeek(db: ReadDb, scheduleId: number, monday: string, sunday: string): { id: number; at: string } | undefined {
  return db
    .prepare('SELECT id, at FROM export_log WHERE schedule_id = @scheduleId AND due_day BETWEEN @monday AND @sunday ORDER BY id DESC LIMIT 1')
    .get({ scheduleId, monday, sunday }) as { id: number; at: string } | undefined;
}

interface ScheduleDbRow extends Omit<ReportSchedule, 'formIds'> {
  formIds: string;
}

const SCHEDULE_SELECT = `SELECT id, title, recipient, form_ids AS formIds, weekday, due_time AS dueTime FROM report_schedules`;
const toSchedule = (r: ScheduleDbRow): ReportSchedule => ({ ...r, formIds: JSON.parse(r.formIds) as string[] });

export function listActiveSchedules(db: ReadDb): ReportSchedule[] {
  return (db.prepare(`${SCHEDULE_SELECT} WHERE active = 1 ORDER BY weekday, due_time, id`).all() as ScheduleDbRow[]).map(toSchedule);
}

export function getSchedule(db: ReadDb, id: number): ReportSchedule | undefined {
  const r = db.prepare(`${SCHEDULE_SELECT} WHERE id = @id AND active = 1`).get({ id }) as ScheduleDbRow | undefined;
  return r ? toSchedule(r) : undefined;
}

export function saveSchedule(db: WriteDb, s: Omit<ReportSchedule, 'id'> & { id?: number | undefined }, nowIso: string): number {
  const params = { title: s.title, recipient: s.recipient, formIds: JSON.stringify(s.formIds), weekday: s.weekday, dueTime: s.dueTime, now: nowIso };
  if (s.id === undefined) {
    return Number(
      db
        .prepare(
          `INSERT INTO report_schedules (title, recipient, form_ids, weekday, due_time, created_at, updated_at) VALUES (@title, @recipient, @formIds, @weekday, @dueTime, @now, @now)`,
        )
        .run(params).lastInsertRowid,
    );
  }
  db.prepare(
    `UPDATE report_schedules SET title = @title, recipient = @recipient, form_ids = @formIds, weekday = @weekday, due_time = @dueTime, updated_at = @now WHERE id = @id`,
  ).run({
    ...params,
    id: s.id,
  });
  return s.id;
}

/** Kept (inactive) rather than deleted: the export log still points at it. */
export function retireSchedule(db: WriteDb, id: number, nowIso: string): void {
  db.prepare(`UPDATE report_schedules SET active = 0, updated_at = @now WHERE id = @id`).run({ id, now: nowIso });
}

export function listDistrictKeys(db: ReadDb): Array<DistrictKey & { publicKeyPem: string }> {
  return db
    .prepare(
      `SELECT id, office_name AS officeName, fingerprint, public_key_pem AS publicKeyPem, added_at AS addedAt FROM district_keys ORDER BY office_name, id`,
    )
    .all() as Array<DistrictKey & { publicKeyPem: string }>;
}

export function insertDistrictKey(db: WriteDb, k: { officeName: string; fingerprint: string; publicKeyPem: string }, nowIso: string): number {
  return Number(
    db
      .prepare(`INSERT INTO district_keys (office_name, public_key_pem, fingerprint, added_at) VALUES (@officeName, @publicKeyPem, @fingerprint, @nowIso)`)
      .run({ ...k, nowIso }).lastInsertRowid,
  );
}
