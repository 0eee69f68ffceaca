/** SQL for memorial records, their reporting timeline and the report limit setting. */
import type { ReadDb, WriteDb } from '../db/types';
import { DEFAULT_FIRST_VISIT_DAYS, DEFAULT_REPORT_LIMIT_HOURS, type Recipient, type ReportMoment } from './reporting.shared';
import type { HonoursSettings, MemorialCause, MemorialReport, StaffOption } from './types.shared';
import { writeSetting } from '../settings/queries';

export interface MemorialFields {
  staffId: number | null;
  name: string;
  sex: '男' | '女' | null;
  birthDate: string | null;
  idNumber: string | null;
  post: string;
  communityId: number | null;
  diedAt: string;
  learnedAt: string | null;
  place: string;
  circumstances: string;
  cause: MemorialCause;
  deeds: string;
}

export interface MemorialBase extends MemorialFields {
  id: number;
  communityName: string | null;
  psychSupport: string;
  psychSupportOn: string | null;
}

const BASE_SELECT = `
  SELECT m.id, m.staff_id AS staffId, m.name, m.sex, m.birth_date AS birthDate, m.id_number AS idNumber, m.post,
         m.community_id AS communityId, c.name AS communityName, m.died_at AS diedAt, m.learned_at AS learnedAt, m.place, m.circumstances, m.cause,
         m.deeds, m.psych_support AS psychSupport, m.psych_support_on AS psychSupportOn
  FROM honours_memorials m LEFT JOIN communities c ON c.id = m.community_id`;

export function getMemorialBase(db: ReadDb, id: number): MemorialBase | undefined {
  return db.prepare(`${BASE_SELECT} WHERE m.id = @id`).get({ id }) as MemorialBase | undefined;
}

export function insertMemorial(db: WriteDb, f: MemorialFields, nowIso: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO honours_memorials (staff_id, name, sex, birth_date, id_number, post, community_id, died_at, learned_at, place, circumstances, cause, deeds, created_at, updated_at)
         VALUES (@staffId, @name, @sex, @birthDate, @idNumber, @post, @communityId, @diedAt, @learnedAt, @place, @circumstances, @cause, @deeds, @now, @now)`,
      )
      .run({ ...f, now: nowIso }).lastInsertRowid,
  );
}

export function updateMemorial(db: WriteDb, id: number, f: MemorialFields, nowIso: string): void {
  db.prepare(
    `UPDATE honours_memorials SET staff_id = @staffId, name = @name, sex = @sex, birth_date = @birthDate, id_number = @idNumber, post = @post,
       community_id = @communityId, died_at = @diedAt, learned_at = @learnedAt, place = @place, circumstances = @circumstances, cause = @cause, deeds = @deeds, updated_at = @now
     WHERE id = @id`,
  ).run({ ...f, id, now: nowIso });
}

export function updatePsychSupport(db: WriteDb, id: number, psychSupport: string, psychSupportOn: string | null, nowIso: string): void {
  db.prepare(`UPDATE honours_memorials SET psych_support = @psychSupport, psych_support_on = @psychSupportOn, updated_at = @now WHERE id = @id`).run({
    id,
    psychSupport,
    psychSupportOn,
    now: nowIso,
  });
}

/** The list's rows before the reporting status is worked out (that needs the clock). */
export interface MemorialListRow {
  id: number;
  name: string;
  post: string;
  communityName: string | null;
  diedAt: string;
  learnedAt: string | null;
  cause: MemorialCause;
  commendationStatus: MemorialListRowStatus;
  openDifficulties: number;
  /** JSON array of {recipient, reportedAt}. */
  reportsJson: string;
}
type MemorialListRowStatus = 'drafted' | 'submitted' | 'approved' | 'declined' | null;

export function listMemorials(db: ReadDb, communityId?: number): MemorialListRow[] {
  const where = communityId === undefined ? '' : 'WHERE m.community_id = @communityId';
  return db
    .prepare(
      `SELECT m.id, m.name, m.post, c.name AS communityName, m.died_at AS diedAt, m.learned_at AS learnedAt, m.cause,
              (SELECT k.status FROM honours_commendations k WHERE k.memorial_id = m.id ORDER BY k.id DESC LIMIT 1) AS commendationStatus,
              (SELECT count(*) FROM honours_difficulties d WHERE d.memorial_id = m.id AND d.status <> 'resolved') AS openDifficulties,
              (SELECT json_group_array(json_object('recipient', r.recipient, 'reportedAt', r.reported_at)) FROM honours_reports r WHERE r.memorial_id = m.id) AS reportsJson
       FROM honours_memorials m LEFT JOIN communities c ON c.id = m.community_id
       ${where}
       ORDER BY m.died_at DESC, m.id DESC`,
    )
    .all(communityId === undefined ? {} : { communityId }) as MemorialListRow[];
}

export function parseReportMoments(json: string | null): ReportMoment[] {
  if (!json) return [];
  return (JSON.parse(json) as Array<{ recipient: Recipient; reportedAt: string }>).filter((r) => r.recipient !== null);
}

export function listReports(db: ReadDb, memorialId: number): MemorialReport[] {
  return db
    .prepare(
      `SELECT id, reported_at AS reportedAt, recipient, via, reported_by AS reportedBy, notes
       FROM honours_reports WHERE memorial_id = @memorialId ORDER BY reported_at, id`,
    )
    .all({ memorialId }) as MemorialReport[];
}

export function insertReport(db: WriteDb, r: Omit<MemorialReport, 'id'> & { memorialId: number }, nowIso: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO honours_reports (memorial_id, reported_at, recipient, via, reported_by, notes, created_at)
         VALUES (@memorialId, @reportedAt, @recipient, @via, @reportedBy, @notes, @now)`,
      )
      .run({ ...r, now: nowIso }).lastInsertRowid,
  );
}

export function findStaff(db: ReadDb, query: string): StaffOption[] {
  return db
    .prepare(
      `SELECT s.id, s.name, s.kind, s.community_id AS communityId, c.name AS communityName
       FROM staff s LEFT JOIN communities c ON c.id = s.community_id
       WHERE s.name LIKE @pattern ORDER BY s.name, s.id LIMIT 50`,
    )
    .all({ pattern: `%${query.replace(/[%_]/g, '')}%` }) as StaffOption[];
}

export function getStaffName(db: ReadDb, id: number): { id: number; name: string; status: string } | undefined {
  return db.prepare(`SELECT id, name, status FROM staff WHERE id = @id`).get({ id }) as { id: number; name: string; status: string } | undefined;
}

export function communityExists(db: ReadDb, id: number): boolean {
  return db.prepare(`SELECT 1 FROM communities WHERE id = @id`).get({ id }) !== undefined;
}

const SETTING_KEYS: Record<keyof HonoursSettings, string> = { reportLimitHours: 'honours.reportLimitHours', firstVisitDays: 'honours.firstVisitDays' };
const DEFAULTS: HonoursSettings = { reportLimitHours: DEFAULT_REPORT_LIMIT_HOURS, firstVisitDays: DEFAULT_FIRST_VISIT_DAYS };

/** The office's limits for reporting a death and for the first family visit (its own settings: the notice says 第一时间). */
export function readHonoursSettings(db: ReadDb): HonoursSettings {
  const out = { ...DEFAULTS };
  for (const k of Object.keys(SETTING_KEYS) as Array<keyof HonoursSettings>) {
    const row = db.prepare(`SELECT value FROM settings WHERE key = @key`).get({ key: SETTING_KEYS[k] }) as { value: string } | undefined;
    const n = row ? Number(row.value) : NaN;
    if (Number.isInteger(n) && n > 0) out[k] = n;
  }
  return out;
}

export function readReportLimitHours(db: ReadDb): number {
  return readHonoursSettings(db).reportLimitHours;
}

export function writeHonoursSettings(db: WriteDb, s: Partial<HonoursSettings>): void {
  for (const k of Object.keys(SETTING_KEYS) as Array<keyof HonoursSettings>) if (s[k] !== undefined) writeSetting(db, SETTING_KEYS[k], String(s[k]));
}
