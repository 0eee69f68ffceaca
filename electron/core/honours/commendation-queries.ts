/** SQL for commendations: 追授 for the deceased and 表扬 for the living. */
import type { ReadDb, WriteDb } from '../db/types';
import type { Commendation, CommendationStatus, SubjectKind } from './types.shared';
import type { Sealer } from '../db/sealer';
import { bindPersonal, COMMENDATION_PERSONAL, openPersonal, personalColumns, requireSealer, sealedParams } from './sealed-records';

const SELECT = `
  SELECT k.id, k.memorial_id AS memorialId, k.subject_kind AS subjectKind, k.staff_id AS staffId,
         k.community_id AS communityId, c.name AS communityName, k.proposed_title AS proposedTitle, k.proposer, k.status,
         k.approving_body AS approvingBody, k.conferred_title AS conferredTitle, k.drafted_on AS draftedOn, k.submitted_on AS submittedOn,
         k.decided_on AS decidedOn, ${personalColumns(COMMENDATION_PERSONAL, 'k')}
  FROM honours_commendations k LEFT JOIN communities c ON c.id = k.community_id`;

type Stored = Commendation & { personalSealed: Buffer | null };
/** A posthumous commendation's subject, deeds and decision notes are sealed like the memorial record it belongs to. */
const opened = (db: ReadDb, sealer: Sealer | null, r: Stored): Commendation => openPersonal(db, sealer, COMMENDATION_PERSONAL, r);

/** The values to write: sealed for a posthumous one, in clear for one of the living (viewers list those). */
function personalParams(sealer: Sealer | null, memorialId: number | null, v: { subjectName: string; deeds: string; decisionNotes: string }) {
  return memorialId === null ? { ...v, personalSealed: null } : sealedParams(requireSealer(sealer), COMMENDATION_PERSONAL, v);
}

export interface CommendationFilter {
  communityId?: number | undefined;
  subjectKind?: SubjectKind | undefined;
  status?: CommendationStatus | undefined;
}

/**
 * Commendations of the living only: posthumous ones belong to a memorial
 * record, which only coordinators open. The community and kind filters each
 * have an index that leads with them.
 */
export function listCommendations(db: ReadDb, f: CommendationFilter): Commendation[] {
  const where = ['k.memorial_id IS NULL'];
  if (f.communityId !== undefined) where.push('k.community_id = @communityId');
  if (f.subjectKind !== undefined) where.push('k.subject_kind = @subjectKind');
  if (f.status !== undefined) where.push('k.status = @status');
  const params: Record<string, string | number> = {};
  if (f.communityId !== undefined) params.communityId = f.communityId;
  if (f.subjectKind !== undefined) params.subjectKind = f.subjectKind;
  if (f.status !== undefined) params.status = f.status;
  return (db.prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY k.drafted_on DESC, k.id DESC`).all(params) as Stored[]).map((r) => opened(db, null, r));
}

export function explainListCommendations(db: ReadDb, f: CommendationFilter): string {
  const where = ['k.memorial_id IS NULL'];
  if (f.communityId !== undefined) where.push('k.community_id = @communityId');
  if (f.subjectKind !== undefined) where.push('k.subject_kind = @subjectKind');
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${SELECT} WHERE ${where.join(' AND ')} ORDER BY k.drafted_on DESC, k.id DESC`).all({
    ...(f.communityId !== undefined ? { communityId: f.communityId } : {}),
    ...(f.subjectKind !== undefined ? { subjectKind: f.subjectKind } : {}),
  }) as Array<{ detail: string }>;
  return rows.map((r) => r.detail).join('\n');
}

export function listCommendationsForMemorial(db: ReadDb, sealer: Sealer | null, memorialId: number): Commendation[] {
  return (db.prepare(`${SELECT} WHERE k.memorial_id = @memorialId ORDER BY k.id`).all({ memorialId }) as Stored[]).map((r) => opened(db, sealer, r));
}

/** Whether it is posthumous, without opening it (the role check comes before any opening). */
export function commendationMemorialId(db: ReadDb, id: number): { memorialId: number | null } | undefined {
  return db.prepare(`SELECT memorial_id AS memorialId FROM honours_commendations WHERE id = @id`).get({ id }) as { memorialId: number | null } | undefined;
}

export function getCommendation(db: ReadDb, sealer: Sealer | null, id: number): Commendation | undefined {
  const row = db.prepare(`${SELECT} WHERE k.id = @id`).get({ id }) as Stored | undefined;
  return row && opened(db, sealer, row);
}

export type CommendationFields = Pick<
  Commendation,
  'memorialId' | 'subjectKind' | 'subjectName' | 'staffId' | 'communityId' | 'proposedTitle' | 'deeds' | 'proposer'
>;

const clearFields = (f: CommendationFields) => ({
  memorialId: f.memorialId,
  subjectKind: f.subjectKind,
  staffId: f.staffId,
  communityId: f.communityId,
  proposedTitle: f.proposedTitle,
  proposer: f.proposer,
});

export function insertCommendation(db: WriteDb, sealer: Sealer | null, f: CommendationFields, draftedOn: string, nowIso: string): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO honours_commendations (memorial_id, subject_kind, subject_name, staff_id, community_id, proposed_title, deeds, proposer, status, drafted_on, decision_notes, created_at, updated_at, personal_sealed)
         VALUES (@memorialId, @subjectKind, @subjectName, @staffId, @communityId, @proposedTitle, @deeds, @proposer, 'drafted', @draftedOn, @decisionNotes, @now, @now, @personalSealed)`,
      )
      .run({
        ...clearFields(f),
        ...personalParams(sealer, f.memorialId, { subjectName: f.subjectName, deeds: f.deeds, decisionNotes: '' }),
        draftedOn,
        now: nowIso,
      }).lastInsertRowid,
  );
  bindPersonal(db, sealer, COMMENDATION_PERSONAL, id);
  return id;
}

/** Rewrites a draft; the decision notes are kept (a draft has none yet, but they are sealed with the rest). */
export function updateCommendation(db: WriteDb, sealer: Sealer | null, id: number, f: CommendationFields, decisionNotes: string, nowIso: string): void {
  db.prepare(
    `UPDATE honours_commendations SET memorial_id = @memorialId, subject_kind = @subjectKind, subject_name = @subjectName, staff_id = @staffId,
       community_id = @communityId, proposed_title = @proposedTitle, deeds = @deeds, proposer = @proposer, decision_notes = @decisionNotes,
       personal_sealed = @personalSealed, updated_at = @now WHERE id = @id`,
  ).run({ ...clearFields(f), ...personalParams(sealer, f.memorialId, { subjectName: f.subjectName, deeds: f.deeds, decisionNotes }), id, now: nowIso });
  bindPersonal(db, sealer, COMMENDATION_PERSONAL, id);
}

export function updateCommendationStatus(
  db: WriteDb,
  sealer: Sealer | null,
  c: Pick<Commendation, 'id' | 'memorialId' | 'subjectName' | 'deeds'>,
  s: { status: CommendationStatus; submittedOn: string | null; decidedOn: string | null; approvingBody: string; conferredTitle: string; decisionNotes: string },
  nowIso: string,
): void {
  db.prepare(
    `UPDATE honours_commendations SET status = @status, submitted_on = @submittedOn, decided_on = @decidedOn, approving_body = @approvingBody,
       conferred_title = @conferredTitle, subject_name = @subjectName, deeds = @deeds, decision_notes = @decisionNotes, personal_sealed = @personalSealed,
       updated_at = @now WHERE id = @id`,
  ).run({
    status: s.status,
    submittedOn: s.submittedOn,
    decidedOn: s.decidedOn,
    approvingBody: s.approvingBody,
    conferredTitle: s.conferredTitle,
    ...personalParams(sealer, c.memorialId, { subjectName: c.subjectName, deeds: c.deeds, decisionNotes: s.decisionNotes }),
    id: c.id,
    now: nowIso,
  });
  bindPersonal(db, sealer, COMMENDATION_PERSONAL, c.id);
}
