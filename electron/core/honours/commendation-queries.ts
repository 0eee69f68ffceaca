/** SQL for commendations: 追授 for the deceased and 表扬 for the living. */
import type { ReadDb, WriteDb } from '../db/types';
import type { Commendation, CommendationStatus, SubjectKind } from './types.shared';

const SELECT = `
  SELECT k.id, k.memorial_id AS memorialId, k.subject_kind AS subjectKind, k.subject_name AS subjectName, k.staff_id AS staffId,
         k.community_id AS communityId, c.name AS communityName, k.proposed_title AS proposedTitle, k.deeds, k.proposer, k.status,
         k.approving_body AS approvingBody, k.conferred_title AS conferredTitle, k.drafted_on AS draftedOn, k.submitted_on AS submittedOn,
         k.decided_on AS decidedOn, k.decision_notes AS decisionNotes
  FROM honours_commendations k LEFT JOIN communities c ON c.id = k.community_id`;

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
  return db.prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY k.drafted_on DESC, k.id DESC`).all(params) as Commendation[];
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

export function listCommendationsForMemorial(db: ReadDb, memorialId: number): Commendation[] {
  return db.prepare(`${SELECT} WHERE k.memorial_id = @memorialId ORDER BY k.id`).all({ memorialId }) as Commendation[];
}

export function getCommendation(db: ReadDb, id: number): Commendation | undefined {
  return db.prepare(`${SELECT} WHERE k.id = @id`).get({ id }) as Commendation | undefined;
}

export type CommendationFields = Pick<
  Commendation,
  'memorialId' | 'subjectKind' | 'subjectName' | 'staffId' | 'communityId' | 'proposedTitle' | 'deeds' | 'proposer'
>;

export function insertCommendation(db: WriteDb, f: CommendationFields, draftedOn: string, nowIso: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO honours_commendations (memorial_id, subject_kind, subject_name, staff_id, community_id, proposed_title, deeds, proposer, status, drafted_on, created_at, updated_at)
         VALUES (@memorialId, @subjectKind, @subjectName, @staffId, @communityId, @proposedTitle, @deeds, @proposer, 'drafted', @draftedOn, @now, @now)`,
      )
      .run({ ...f, draftedOn, now: nowIso }).lastInsertRowid,
  );
}

export function updateCommendation(db: WriteDb, id: number, f: CommendationFields, nowIso: string): void {
  db.prepare(
    `UPDATE honours_commendations SET memorial_id = @memorialId, subject_kind = @subjectKind, subject_name = @subjectName, staff_id = @staffId,
       community_id = @communityId, proposed_title = @proposedTitle, deeds = @deeds, proposer = @proposer, updated_at = @now WHERE id = @id`,
  ).run({ ...f, id, now: nowIso });
}

export function updateCommendationStatus(
  db: WriteDb,
  id: number,
  s: { status: CommendationStatus; submittedOn: string | null; decidedOn: string | null; approvingBody: string; conferredTitle: string; decisionNotes: string },
  nowIso: string,
): void {
  db.prepare(
    `UPDATE honours_commendations SET status = @status, submitted_on = @submittedOn, decided_on = @decidedOn, approving_body = @approvingBody,
       conferred_title = @conferredTitle, decision_notes = @decisionNotes, updated_at = @now WHERE id = @id`,
  ).run({ ...s, id, now: nowIso });
}
