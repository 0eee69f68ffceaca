/**
 * SQL for family care (家属慰问关怀), publicity (事迹宣传) and attachments of a
 * memorial record. Their personal fields are sealed (sealed-records.ts): every
 * read takes the session's sealer, every write seals.
 */
import { createHash } from 'node:crypto';
import { rowDamaged } from '../db/row-binding';
import type { ReadDb, WriteDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import type { SealUpgrade } from '../db/seal-upgrades';
import {
  ATTACHMENT_CONTENT,
  ATTACHMENT_PERSONAL,
  bindPersonal,
  DIFFICULTY_PERSONAL,
  FAMILY_PERSONAL,
  openPersonal,
  personalColumns,
  PUBLICITY_PERSONAL,
  requireSealer,
  sealedParams,
  VISIT_PERSONAL,
} from './sealed-records';
import type { AttachmentMeta, AttachmentMime, FamilyDifficulty, FamilyMember, FamilyVisit, Publicity } from './types.shared';

type Sealed<T> = T & { personalSealed: Buffer | null };

const FAMILY_SELECT = `SELECT f.id, f.memorial_id AS memorialId, ${personalColumns(FAMILY_PERSONAL, 'f')} FROM honours_family_members f`;

export function listFamily(db: ReadDb, sealer: Sealer | null, memorialId: number): FamilyMember[] {
  const rows = db.prepare(`${FAMILY_SELECT} WHERE f.memorial_id = @memorialId ORDER BY f.id`).all({ memorialId }) as Array<
    Sealed<FamilyMember & { memorialId?: number }>
  >;
  return rows.map((r) => {
    const { memorialId: _m, ...f } = openPersonal(db, sealer, FAMILY_PERSONAL, r);
    return f;
  });
}

export function getFamilyMember(db: ReadDb, sealer: Sealer | null, id: number): (FamilyMember & { memorialId: number }) | undefined {
  const row = db.prepare(`${FAMILY_SELECT} WHERE f.id = @id`).get({ id }) as Sealed<FamilyMember & { memorialId: number }> | undefined;
  return row && openPersonal(db, sealer, FAMILY_PERSONAL, row);
}

export function insertFamilyMember(db: WriteDb, sealer: Sealer, memorialId: number, f: Omit<FamilyMember, 'id'>, nowIso: string): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO honours_family_members (memorial_id, name, relation, phone, notes, created_at, updated_at, personal_sealed)
         VALUES (@memorialId, @name, @relation, @phone, @notes, @now, @now, @personalSealed)`,
      )
      .run({ ...sealedParams(sealer, FAMILY_PERSONAL, f), memorialId, now: nowIso }).lastInsertRowid,
  );
  bindPersonal(db, sealer, FAMILY_PERSONAL, id);
  return id;
}

export function updateFamilyMember(db: WriteDb, sealer: Sealer, id: number, f: Omit<FamilyMember, 'id'>, nowIso: string): void {
  db.prepare(
    `UPDATE honours_family_members SET name = @name, relation = @relation, phone = @phone, notes = @notes, personal_sealed = @personalSealed, updated_at = @now WHERE id = @id`,
  ).run({ ...sealedParams(sealer, FAMILY_PERSONAL, f), id, now: nowIso });
  bindPersonal(db, sealer, FAMILY_PERSONAL, id);
}

export function listVisits(db: ReadDb, sealer: Sealer | null, memorialId: number): FamilyVisit[] {
  const rows = db
    .prepare(
      `SELECT v.id, v.visited_on AS visitedOn, ${personalColumns(VISIT_PERSONAL, 'v')}, v.next_visit_on AS nextVisitOn
       FROM honours_visits v WHERE v.memorial_id = @memorialId ORDER BY v.visited_on, v.id`,
    )
    .all({ memorialId }) as Array<Sealed<FamilyVisit>>;
  return rows.map((r) => openPersonal(db, sealer, VISIT_PERSONAL, r));
}

export function insertVisit(db: WriteDb, sealer: Sealer, memorialId: number, v: Omit<FamilyVisit, 'id'>, nowIso: string): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO honours_visits (memorial_id, visited_on, visitors, brought, notes, next_visit_on, created_at, personal_sealed)
         VALUES (@memorialId, @visitedOn, @visitors, @brought, @notes, @nextVisitOn, @now, @personalSealed)`,
      )
      .run({ visitedOn: v.visitedOn, nextVisitOn: v.nextVisitOn, ...sealedParams(sealer, VISIT_PERSONAL, v), memorialId, now: nowIso }).lastInsertRowid,
  );
  bindPersonal(db, sealer, VISIT_PERSONAL, id);
  return id;
}

const DIFFICULTY_SELECT = `
  SELECT d.id, d.memorial_id AS memorialId, d.kind, ${personalColumns(DIFFICULTY_PERSONAL, 'd')}, d.status, d.raised_on AS raisedOn,
         d.follow_up_on AS followUpOn, d.resolved_on AS resolvedOn
  FROM honours_difficulties d`;

export function listDifficulties(db: ReadDb, sealer: Sealer | null, memorialId: number): FamilyDifficulty[] {
  const rows = db.prepare(`${DIFFICULTY_SELECT} WHERE d.memorial_id = @memorialId ORDER BY d.raised_on, d.id`).all({ memorialId }) as Array<
    Sealed<FamilyDifficulty & { memorialId?: number }>
  >;
  return rows.map((r) => {
    const { memorialId: _m, ...d } = openPersonal(db, sealer, DIFFICULTY_PERSONAL, r);
    return d;
  });
}

export function getDifficulty(db: ReadDb, sealer: Sealer | null, id: number): (FamilyDifficulty & { memorialId: number }) | undefined {
  const row = db.prepare(`${DIFFICULTY_SELECT} WHERE d.id = @id`).get({ id }) as Sealed<FamilyDifficulty & { memorialId: number }> | undefined;
  return row && openPersonal(db, sealer, DIFFICULTY_PERSONAL, row);
}

type DifficultyFields = Omit<FamilyDifficulty, 'id'>;
const difficultyParams = (sealer: Sealer, d: DifficultyFields) => ({
  kind: d.kind,
  status: d.status,
  raisedOn: d.raisedOn,
  followUpOn: d.followUpOn,
  resolvedOn: d.resolvedOn,
  ...sealedParams(sealer, DIFFICULTY_PERSONAL, d),
});

export function insertDifficulty(db: WriteDb, sealer: Sealer, memorialId: number, d: DifficultyFields, nowIso: string): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO honours_difficulties (memorial_id, kind, description, owner, actions, status, raised_on, follow_up_on, resolved_on, created_at, updated_at, personal_sealed)
         VALUES (@memorialId, @kind, @description, @owner, @actions, @status, @raisedOn, @followUpOn, @resolvedOn, @now, @now, @personalSealed)`,
      )
      .run({ ...difficultyParams(sealer, d), memorialId, now: nowIso }).lastInsertRowid,
  );
  bindPersonal(db, sealer, DIFFICULTY_PERSONAL, id);
  return id;
}

export function updateDifficulty(db: WriteDb, sealer: Sealer, id: number, d: DifficultyFields, nowIso: string): void {
  db.prepare(
    `UPDATE honours_difficulties SET kind = @kind, description = @description, owner = @owner, actions = @actions, status = @status,
       raised_on = @raisedOn, follow_up_on = @followUpOn, resolved_on = @resolvedOn, personal_sealed = @personalSealed, updated_at = @now WHERE id = @id`,
  ).run({ ...difficultyParams(sealer, d), id, now: nowIso });
  bindPersonal(db, sealer, DIFFICULTY_PERSONAL, id);
}

export function listPublicity(db: ReadDb, sealer: Sealer | null, memorialId: number): Publicity[] {
  const rows = db
    .prepare(
      `SELECT p.id, p.published_on AS publishedOn, ${personalColumns(PUBLICITY_PERSONAL, 'p')} FROM honours_publicity p WHERE p.memorial_id = @memorialId ORDER BY p.published_on, p.id`,
    )
    .all({ memorialId }) as Array<Sealed<Publicity>>;
  return rows.map((r) => openPersonal(db, sealer, PUBLICITY_PERSONAL, r));
}

export function insertPublicity(db: WriteDb, sealer: Sealer, memorialId: number, p: Omit<Publicity, 'id'>, nowIso: string): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO honours_publicity (memorial_id, published_on, outlet, headline, notes, created_at, personal_sealed)
         VALUES (@memorialId, @publishedOn, @outlet, @headline, @notes, @now, @personalSealed)`,
      )
      .run({ publishedOn: p.publishedOn, ...sealedParams(sealer, PUBLICITY_PERSONAL, p), memorialId, now: nowIso }).lastInsertRowid,
  );
  bindPersonal(db, sealer, PUBLICITY_PERSONAL, id);
  return id;
}

const ATTACHMENT_META = `a.id, a.memorial_id AS memorialId, a.mime, a.size_bytes AS sizeBytes, ${personalColumns(ATTACHMENT_PERSONAL, 'a')}, a.added_at AS addedAt, a.added_by AS addedBy,
  coalesce((SELECT u.display_name FROM users u WHERE u.username = a.added_by), a.added_by) AS addedByName`;

export function listAttachments(db: ReadDb, sealer: Sealer | null, memorialId: number): AttachmentMeta[] {
  const rows = db.prepare(`SELECT ${ATTACHMENT_META} FROM honours_attachments a WHERE a.memorial_id = @memorialId ORDER BY a.id`).all({ memorialId }) as Array<
    Sealed<AttachmentMeta & { memorialId?: number }>
  >;
  return rows.map((r) => {
    const { memorialId: _m, ...a } = openPersonal(db, sealer, ATTACHMENT_PERSONAL, r);
    return a;
  });
}

export function getAttachmentMeta(db: ReadDb, sealer: Sealer | null, id: number): (AttachmentMeta & { memorialId: number }) | undefined {
  const row = db.prepare(`SELECT ${ATTACHMENT_META} FROM honours_attachments a WHERE a.id = @id`).get({ id }) as
    Sealed<AttachmentMeta & { memorialId: number }> | undefined;
  return row && openPersonal(db, sealer, ATTACHMENT_PERSONAL, row);
}

/**
 * The attachment's bytes, opened (a row from before the upgrade is read as it was stored). The bytes are not in
 * the row's MAC (an attachment may be 10 MB): they are held to the SHA-256 in the row's bound record instead, so
 * bytes swapped in from another attachment are refused like a swapped record (db/row-binding.ts).
 */
export function getAttachmentContent(db: ReadDb, sealer: Sealer | null, id: number): Buffer | undefined {
  const row = db.prepare(`SELECT content, content_sealed AS sealed FROM honours_attachments WHERE id = @id`).get({ id }) as
    { content: Buffer; sealed: Buffer | null } | undefined;
  if (!row) return undefined;
  if (!row.sealed) return row.content;
  const key = requireSealer(sealer);
  const meta = getAttachmentMeta(db, key, id);
  const bytes = key.openBytes(ATTACHMENT_CONTENT, row.sealed);
  if (meta && meta.sha256 && createHash('sha256').update(bytes).digest('hex') !== meta.sha256) throw rowDamaged(ATTACHMENT_PERSONAL.binding, id);
  return bytes;
}

export function insertAttachment(
  db: WriteDb,
  sealer: Sealer,
  a: { memorialId: number; fileName: string; mime: AttachmentMime; sizeBytes: number; sha256: string; caption: string; content: Buffer; addedBy: string },
  nowIso: string,
): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO honours_attachments (memorial_id, file_name, mime, size_bytes, sha256, caption, content, added_at, added_by, personal_sealed, content_sealed)
         VALUES (@memorialId, @fileName, @mime, @sizeBytes, @sha256, @caption, x'', @now, @addedBy, @personalSealed, @contentSealed)`,
      )
      .run({
        memorialId: a.memorialId,
        mime: a.mime,
        sizeBytes: a.sizeBytes,
        addedBy: a.addedBy,
        ...sealedParams(sealer, ATTACHMENT_PERSONAL, a),
        contentSealed: sealer.sealBytes(ATTACHMENT_CONTENT, a.content),
        now: nowIso,
      }).lastInsertRowid,
  );
  bindPersonal(db, sealer, ATTACHMENT_PERSONAL, id);
  return id;
}

/** Attachments stored in clear by an older version: the bytes sealed, the plain blob emptied (a sealing upgrade). */
export const attachmentContentUpgrade: SealUpgrade = {
  name: ATTACHMENT_CONTENT,
  pending: (db) => (db.prepare(`SELECT count(*) AS n FROM honours_attachments WHERE content_sealed IS NULL`).get() as { n: number }).n,
  run(db, sealer) {
    // One at a time: an attachment may be 10 MB, and the ledger need not hold them all in memory at once.
    const ids = (db.prepare(`SELECT id FROM honours_attachments WHERE content_sealed IS NULL`).all() as Array<{ id: number }>).map((r) => r.id);
    const read = db.prepare(`SELECT content FROM honours_attachments WHERE id = @id`);
    const set = db.prepare(`UPDATE honours_attachments SET content = x'', content_sealed = @sealed WHERE id = @id`);
    for (const id of ids) {
      const { content } = read.get({ id }) as { content: Buffer };
      set.run({ id, sealed: sealer.sealBytes(ATTACHMENT_CONTENT, content) });
    }
    return ids.length;
  },
};

export function deleteAttachment(db: WriteDb, id: number): void {
  db.prepare(`DELETE FROM honours_attachments WHERE id = @id`).run({ id });
}
