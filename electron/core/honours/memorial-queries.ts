/** SQL for memorial records, their reporting timeline and the report limit setting. */
import type { ReadDb, WriteDb } from '../db/types';
import { DEFAULT_FIRST_VISIT_DAYS, DEFAULT_REPORT_LIMIT_HOURS, type Recipient, type ReportMoment } from './reporting.shared';
import type { HonoursSettings, MemorialCause, MemorialReport, StaffOption } from './types.shared';
import { writeSetting } from '../settings/queries';
import type { Sealer } from '../db/sealer';
import { bindPersonal, MEMORIAL_PERSONAL, openPersonal, personalColumns, REPORT_PERSONAL, sealedParams } from './sealed-records';

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
  SELECT m.id, m.staff_id AS staffId, ${personalColumns(MEMORIAL_PERSONAL, 'm')},
         m.community_id AS communityId, c.name AS communityName, m.died_at AS diedAt, m.learned_at AS learnedAt, m.psych_support_on AS psychSupportOn
  FROM honours_memorials m LEFT JOIN communities c ON c.id = m.community_id`;

type StoredBase = Omit<MemorialBase, 'psychSupport'> & { psychSupport: string | null; personalSealed: Buffer | null };

/** The record with its personal fields opened: only a session holding the sensitive key reads a sealed one. */
export function getMemorialBase(db: ReadDb, sealer: Sealer | null, id: number): MemorialBase | undefined {
  const row = db.prepare(`${BASE_SELECT} WHERE m.id = @id`).get({ id }) as StoredBase | undefined;
  if (!row) return undefined;
  const m = openPersonal(db, sealer, MEMORIAL_PERSONAL, row);
  return { ...m, deeds: m.deeds ?? '', psychSupport: m.psychSupport ?? '' } as MemorialBase;
}

/** Whether the record exists, without opening it. */
export function memorialExists(db: ReadDb, id: number): { diedAt: string } | undefined {
  return db.prepare(`SELECT died_at AS diedAt FROM honours_memorials WHERE id = @id`).get({ id }) as { diedAt: string } | undefined;
}

const personalOf = (f: MemorialFields, psychSupport: string) => ({
  name: f.name,
  sex: f.sex,
  birthDate: f.birthDate,
  idNumber: f.idNumber,
  post: f.post,
  place: f.place,
  circumstances: f.circumstances,
  cause: f.cause,
  deeds: f.deeds,
  psychSupport,
});

const CLEAR = ['staffId', 'communityId', 'diedAt', 'learnedAt'] as const;
const clearOf = (f: MemorialFields) => Object.fromEntries(CLEAR.map((k) => [k, f[k]]));

export function insertMemorial(db: WriteDb, sealer: Sealer, f: MemorialFields, nowIso: string): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO honours_memorials (staff_id, name, sex, birth_date, id_number, post, community_id, died_at, learned_at, place, circumstances, cause, deeds, psych_support, created_at, updated_at, personal_sealed)
         VALUES (@staffId, @name, @sex, @birthDate, @idNumber, @post, @communityId, @diedAt, @learnedAt, @place, @circumstances, @cause, @deeds, @psychSupport, @now, @now, @personalSealed)`,
      )
      .run({ ...clearOf(f), ...sealedParams(sealer, MEMORIAL_PERSONAL, personalOf(f, '')), now: nowIso }).lastInsertRowid,
  );
  bindPersonal(db, sealer, MEMORIAL_PERSONAL, id);
  return id;
}

const UPDATE = `UPDATE honours_memorials SET staff_id = @staffId, name = @name, sex = @sex, birth_date = @birthDate, id_number = @idNumber, post = @post,
       community_id = @communityId, died_at = @diedAt, learned_at = @learnedAt, place = @place, circumstances = @circumstances, cause = @cause, deeds = @deeds,
       psych_support = @psychSupport, psych_support_on = @psychSupportOn, personal_sealed = @personalSealed, updated_at = @now
     WHERE id = @id`;

/** Rewrites the record (sealed again whole: its personal fields are one sealed value). */
export function updateMemorial(
  db: WriteDb,
  sealer: Sealer,
  id: number,
  f: MemorialFields & { psychSupport: string; psychSupportOn: string | null },
  nowIso: string,
): void {
  db.prepare(UPDATE).run({
    ...clearOf(f),
    ...sealedParams(sealer, MEMORIAL_PERSONAL, personalOf(f, f.psychSupport)),
    psychSupportOn: f.psychSupportOn,
    id,
    now: nowIso,
  });
  bindPersonal(db, sealer, MEMORIAL_PERSONAL, id);
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

export function listMemorials(db: ReadDb, sealer: Sealer | null, communityId?: number): MemorialListRow[] {
  const where = communityId === undefined ? '' : 'WHERE m.community_id = @communityId';
  const rows = db
    .prepare(
      `SELECT m.id, ${personalColumns(MEMORIAL_PERSONAL, 'm')}, c.name AS communityName, m.died_at AS diedAt, m.learned_at AS learnedAt,
              (SELECT k.status FROM honours_commendations k WHERE k.memorial_id = m.id ORDER BY k.id DESC LIMIT 1) AS commendationStatus,
              (SELECT count(*) FROM honours_difficulties d WHERE d.memorial_id = m.id AND d.status <> 'resolved') AS openDifficulties,
              (SELECT json_group_array(json_object('recipient', r.recipient, 'reportedAt', r.reported_at)) FROM honours_reports r WHERE r.memorial_id = m.id) AS reportsJson
       FROM honours_memorials m LEFT JOIN communities c ON c.id = m.community_id
       ${where}
       ORDER BY m.died_at DESC, m.id DESC`,
    )
    .all(communityId === undefined ? {} : { communityId }) as Array<MemorialListRow & { personalSealed: Buffer | null }>;
  // The list shows name, post and cause only: the rest of what was opened is left out.
  return rows.map((r) => {
    const m = openPersonal(db, sealer, MEMORIAL_PERSONAL, r) as MemorialListRow & Partial<Record<keyof typeof MEMORIAL_PERSONAL.fields, unknown>>;
    const { sex: _s, birthDate: _b, idNumber: _i, place: _p, circumstances: _c, deeds: _d, psychSupport: _ps, ...row } = m;
    return row;
  });
}

export function parseReportMoments(json: string | null): ReportMoment[] {
  if (!json) return [];
  return (JSON.parse(json) as Array<{ recipient: Recipient; reportedAt: string }>).filter((r) => r.recipient !== null);
}

export function listReports(db: ReadDb, sealer: Sealer | null, memorialId: number): MemorialReport[] {
  const rows = db
    .prepare(
      `SELECT r.id, r.reported_at AS reportedAt, r.recipient, ${personalColumns(REPORT_PERSONAL, 'r')}
       FROM honours_reports r WHERE r.memorial_id = @memorialId ORDER BY r.reported_at, r.id`,
    )
    .all({ memorialId }) as Array<MemorialReport & { personalSealed: Buffer | null }>;
  return rows.map((r) => openPersonal(db, sealer, REPORT_PERSONAL, r));
}

export function insertReport(db: WriteDb, sealer: Sealer, r: Omit<MemorialReport, 'id'> & { memorialId: number }, nowIso: string): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO honours_reports (memorial_id, reported_at, recipient, via, reported_by, notes, created_at, personal_sealed)
         VALUES (@memorialId, @reportedAt, @recipient, @via, @reportedBy, @notes, @now, @personalSealed)`,
      )
      .run({ memorialId: r.memorialId, reportedAt: r.reportedAt, recipient: r.recipient, ...sealedParams(sealer, REPORT_PERSONAL, r), now: nowIso })
      .lastInsertRowid,
  );
  bindPersonal(db, sealer, REPORT_PERSONAL, id);
  return id;
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
