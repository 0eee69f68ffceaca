/** SQL for the district templates kept in the ledger (a copy of each file, its header and mapping). */
import type { ReadDb, WriteDb } from '../../../db/types';
import type { MappingSource, TemplateColumnView } from './contract';

export interface TemplateRecord {
  id: number;
  name: string;
  fileName: string;
  sheet: string;
  fingerprint: string;
  headerFirst: number;
  headerLast: number;
  baseForm: string;
  columns: TemplateColumnView[];
  mapping: MappingSource[];
  sha256: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

interface DbRow extends Omit<TemplateRecord, 'columns' | 'mapping'> {
  mappingJson: string;
}

/** The mapping is stored with the columns it was made for, so a summary needs no re-reading of the file. */
interface StoredMapping {
  columns: TemplateColumnView[];
  mapping: MappingSource[];
}

const SELECT = `SELECT id, name, file_name AS fileName, sheet, fingerprint, header_first AS headerFirst, header_last AS headerLast, base_form AS baseForm,
       mapping_json AS mappingJson, sha256, created_by AS createdBy, created_at AS createdAt, updated_at AS updatedAt
  FROM export_templates`;

function toRecord(r: DbRow): TemplateRecord {
  const { mappingJson, ...rest } = r;
  const stored = JSON.parse(mappingJson) as StoredMapping;
  return { ...rest, columns: stored.columns, mapping: stored.mapping };
}

export function listTemplates(db: ReadDb): TemplateRecord[] {
  return (db.prepare(`${SELECT} WHERE active = 1 ORDER BY name, id`).all() as DbRow[]).map(toRecord);
}

export function getTemplate(db: ReadDb, id: number): TemplateRecord | undefined {
  const r = db.prepare(`${SELECT} WHERE id = @id AND active = 1`).get({ id }) as DbRow | undefined;
  return r ? toRecord(r) : undefined;
}

export function templateByFingerprint(db: ReadDb, fingerprint: string): TemplateRecord | undefined {
  const r = db.prepare(`${SELECT} WHERE fingerprint = @fingerprint AND active = 1`).get({ fingerprint }) as DbRow | undefined;
  return r ? toRecord(r) : undefined;
}

export function templateBytes(db: ReadDb, id: number): Buffer {
  return (db.prepare(`SELECT bytes FROM export_templates WHERE id = @id`).get({ id }) as { bytes: Buffer }).bytes;
}

export interface TemplateWrite extends Pick<
  TemplateRecord,
  'name' | 'fileName' | 'sheet' | 'fingerprint' | 'headerFirst' | 'headerLast' | 'baseForm' | 'columns' | 'mapping' | 'sha256'
> {
  bytes: Buffer;
  by: string;
  now: string;
}

/** A template with the same header replaces the earlier one's file and mapping but keeps its id (and so its policy and schedules). */
export function saveTemplate(db: WriteDb, t: TemplateWrite, existingId: number | null): number {
  const params = {
    name: t.name,
    fileName: t.fileName,
    sheet: t.sheet,
    fingerprint: t.fingerprint,
    headerFirst: t.headerFirst,
    headerLast: t.headerLast,
    baseForm: t.baseForm,
    mappingJson: JSON.stringify({ columns: t.columns, mapping: t.mapping } satisfies StoredMapping),
    bytes: t.bytes,
    sha256: t.sha256,
    by: t.by,
    now: t.now,
  };
  if (existingId !== null) {
    db.prepare(
      `UPDATE export_templates SET name = @name, file_name = @fileName, sheet = @sheet, header_first = @headerFirst, header_last = @headerLast, base_form = @baseForm,
              mapping_json = @mappingJson, bytes = @bytes, sha256 = @sha256, updated_at = @now WHERE id = @id`,
    ).run({ ...params, id: existingId });
    return existingId;
  }
  return Number(
    db
      .prepare(
        `INSERT INTO export_templates (name, file_name, sheet, fingerprint, header_first, header_last, base_form, mapping_json, bytes, sha256, created_by, created_at, updated_at)
         VALUES (@name, @fileName, @sheet, @fingerprint, @headerFirst, @headerLast, @baseForm, @mappingJson, @bytes, @sha256, @by, @now, @now)`,
      )
      .run(params).lastInsertRowid,
  );
}

/** Kept (inactive) rather than deleted: the export log may name it. */
export function retireTemplate(db: WriteDb, id: number, now: string): void {
  db.prepare(`UPDATE export_templates SET active = 0, updated_at = @now WHERE id = @id`).run({ id, now });
}
