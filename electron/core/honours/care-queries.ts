/** SQL for family care (家属慰问关怀), publicity (事迹宣传) and attachments of a memorial record. */
import type { ReadDb, WriteDb } from '../db/types';
import type { AttachmentMeta, AttachmentMime, FamilyDifficulty, FamilyMember, FamilyVisit, Publicity } from './types.shared';

export function listFamily(db: ReadDb, memorialId: number): FamilyMember[] {
  return db
    .prepare(`SELECT id, name, relation, phone, notes FROM honours_family_members WHERE memorial_id = @memorialId ORDER BY id`)
    .all({ memorialId }) as FamilyMember[];
}

export function getFamilyMember(db: ReadDb, id: number): (FamilyMember & { memorialId: number }) | undefined {
  return db.prepare(`SELECT id, memorial_id AS memorialId, name, relation, phone, notes FROM honours_family_members WHERE id = @id`).get({ id }) as
    (FamilyMember & { memorialId: number }) | undefined;
}

export function insertFamilyMember(db: WriteDb, memorialId: number, f: Omit<FamilyMember, 'id'>, nowIso: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO honours_family_members (memorial_id, name, relation, phone, notes, created_at, updated_at) VALUES (@memorialId, @name, @relation, @phone, @notes, @now, @now)`,
      )
      .run({ ...f, memorialId, now: nowIso }).lastInsertRowid,
  );
}

export function updateFamilyMember(db: WriteDb, id: number, f: Omit<FamilyMember, 'id'>, nowIso: string): void {
  db.prepare(`UPDATE honours_family_members SET name = @name, relation = @relation, phone = @phone, notes = @notes, updated_at = @now WHERE id = @id`).run({
    ...f,
    id,
    now: nowIso,
  });
}

export function listVisits(db: ReadDb, memorialId: number): FamilyVisit[] {
  return db
    .prepare(
      `SELECT id, visited_on AS visitedOn, visitors, brought, notes, next_visit_on AS nextVisitOn
       FROM honours_visits WHERE memorial_id = @memorialId ORDER BY visited_on, id`,
    )
    .all({ memorialId }) as FamilyVisit[];
}

export function insertVisit(db: WriteDb, memorialId: number, v: Omit<FamilyVisit, 'id'>, nowIso: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO honours_visits (memorial_id, visited_on, visitors, brought, notes, next_visit_on, created_at)
         VALUES (@memorialId, @visitedOn, @visitors, @brought, @notes, @nextVisitOn, @now)`,
      )
      .run({ ...v, memorialId, now: nowIso }).lastInsertRowid,
  );
}

const DIFFICULTY_SELECT = `
  SELECT id, memorial_id AS memorialId, kind, description, owner, actions, status, raised_on AS raisedOn,
         follow_up_on AS followUpOn, resolved_on AS resolvedOn
  FROM honours_difficulties`;

export function listDifficulties(db: ReadDb, memorialId: number): FamilyDifficulty[] {
  return (
    db.prepare(`${DIFFICULTY_SELECT} WHERE memorial_id = @memorialId ORDER BY raised_on, id`).all({ memorialId }) as Array<
      FamilyDifficulty & { memorialId?: number }
    >
  ).map(({ memorialId: _m, ...d }) => d);
}

export function getDifficulty(db: ReadDb, id: number): (FamilyDifficulty & { memorialId: number }) | undefined {
  return db.prepare(`${DIFFICULTY_SELECT} WHERE id = @id`).get({ id }) as (FamilyDifficulty & { memorialId: number }) | undefined;
}

type DifficultyFields = Omit<FamilyDifficulty, 'id'>;

export function insertDifficulty(db: WriteDb, memorialId: number, d: DifficultyFields, nowIso: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO honours_difficulties (memorial_id, kind, description, owner, actions, status, raised_on, follow_up_on, resolved_on, created_at, updated_at)
         VALUES (@memorialId, @kind, @description, @owner, @actions, @status, @raisedOn, @followUpOn, @resolvedOn, @now, @now)`,
      )
      .run({ ...d, memorialId, now: nowIso }).lastInsertRowid,
  );
}

export function updateDifficulty(db: WriteDb, id: number, d: DifficultyFields, nowIso: string): void {
  db.prepare(
    `UPDATE honours_difficulties SET kind = @kind, description = @description, owner = @owner, actions = @actions, status = @status,
       raised_on = @raisedOn, follow_up_on = @followUpOn, resolved_on = @resolvedOn, updated_at = @now WHERE id = @id`,
  ).run({ ...d, id, now: nowIso });
}

export function listPublicity(db: ReadDb, memorialId: number): Publicity[] {
  return db
    .prepare(`SELECT id, published_on AS publishedOn, outlet, headline, notes FROM honours_publicity WHERE memorial_id = @memorialId ORDER BY published_on, id`)
    .all({ memorialId }) as Publicity[];
}

export function insertPublicity(db: WriteDb, memorialId: number, p: Omit<Publicity, 'id'>, nowIso: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO honours_publicity (memorial_id, published_on, outlet, headline, notes, created_at) VALUES (@memorialId, @publishedOn, @outlet, @headline, @notes, @now)`,
      )
      .run({ ...p, memorialId, now: nowIso }).lastInsertRowid,
  );
}

const ATTACHMENT_META = `id, file_name AS fileName, mime, size_bytes AS sizeBytes, sha256, caption, added_at AS addedAt, added_by AS addedBy`;

export function listAttachments(db: ReadDb, memorialId: number): AttachmentMeta[] {
  return db.prepare(`SELECT ${ATTACHMENT_META} FROM honours_attachments WHERE memorial_id = @memorialId ORDER BY id`).all({ memorialId }) as AttachmentMeta[];
}

export function getAttachmentMeta(db: ReadDb, id: number): (AttachmentMeta & { memorialId: number }) | undefined {
  return db.prepare(`SELECT ${ATTACHMENT_META}, memorial_id AS memorialId FROM honours_attachments WHERE id = @id`).get({ id }) as
    (AttachmentMeta & { memorialId: number }) | undefined;
}

export function getAttachmentContent(db: ReadDb, id: number): Buffer | undefined {
  const row = db.prepare(`SELECT content FROM honours_attachments WHERE id = @id`).get({ id }) as { content: Buffer } | undefined;
  return row?.content;
}

export function insertAttachment(
  db: WriteDb,
  a: { memorialId: number; fileName: string; mime: AttachmentMime; sizeBytes: number; sha256: string; caption: string; content: Buffer; addedBy: string },
  nowIso: string,
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO honours_attachments (memorial_id, file_name, mime, size_bytes, sha256, caption, content, added_at, added_by)
         VALUES (@memorialId, @fileName, @mime, @sizeBytes, @sha256, @caption, @content, @now, @addedBy)`,
      )
      .run({ ...a, now: nowIso }).lastInsertRowid,
  );
}

export function deleteAttachment(db: WriteDb, id: number): void {
  db.prepare(`DELETE FROM honours_attachments WHERE id = @id`).run({ id });
}
