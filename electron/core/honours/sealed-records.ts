/**
 * Memorial records at rest (issue 19 item 2). What a record says about the
 * person who died and their family (name, ID number, circumstances, family
 * names and phones, visit notes, difficulties, attachments...) is sealed with
 * the sensitive key, which a viewer's slot never carries: a viewer who copies
 * the ledger and opens it with their own password reads none of it.
 *
 * One sealed value per row, not per column: `personal_sealed` holds the row's
 * personal fields as JSON under the table's purpose (the AAD). Nothing in
 * these tables is searched by its text, only listed by dates, statuses and
 * kinds (kept in clear), so a keyed index is not needed, and one value per row
 * keeps the writes to one seal each. The plain columns stay in the schema,
 * always empty: NULL where allowed, '' where NOT NULL (migration 023).
 * Attachments' bytes are sealed on their own (`content_sealed`, sealBytes).
 */
import type { ReadDb, WriteDb } from '../db/types';
import { AppError } from '../errors';
import type { SealUpgrade } from '../db/seal-upgrades';
import type { Sealer } from '../db/sealer';
import { bindRow, requireBound, sealClearInPlace, type RowBinding } from '../db/row-binding';

/** A personal field: its key in the record (camelCase, as the screens name it), its plain column, and whether that column is NOT NULL. */
type FieldSpec = readonly [column: string, notNull: boolean];

export interface PersonalSpec<K extends string> {
  table: string;
  /** The seal purpose: '<table>.personal'. */
  purpose: string;
  fields: Readonly<Record<K, FieldSpec>>;
  /** Which rows hold personal data (SQL on the table's own columns); every row when absent. */
  only?: string;
  /** The row bound to its record (db/row-binding.ts): its id, the memorial it hangs on, its sealed values. */
  binding: RowBinding;
}

const LABELS: Record<string, string> = {
  honours_memorials: '牺牲人员记录',
  honours_reports: '牺牲人员上报记录',
  honours_family_members: '牺牲人员家属',
  honours_visits: '家属走访记录',
  honours_difficulties: '家属困难诉求',
  honours_publicity: '宣传报道',
  honours_steps: '褒扬办理步骤',
  honours_commendations: '追授表彰',
  honours_attachments: '牺牲人员记录附件',
};

/**
 * Swapped between two rows, or moved to another memorial, a record does not open (second attack run, issue 19).
 * An attachment's bytes are held to the SHA-256 in its bound record instead (care-queries.ts getAttachmentContent).
 */
function bindingOf(table: string): RowBinding {
  return {
    table,
    label: LABELS[table] ?? table,
    columns: [...(table === 'honours_memorials' ? [] : ['memorial_id']), 'personal_sealed'],
    sealed: ['personal_sealed'],
  };
}

const spec = <K extends string>(table: string, fields: Record<K, FieldSpec>, only?: string): PersonalSpec<K> => ({
  table,
  purpose: `${table}.personal`,
  fields,
  ...(only ? { only } : {}),
  binding: bindingOf(table),
});

export const MEMORIAL_PERSONAL = spec('honours_memorials', {
  name: ['name', false],
  sex: ['sex', false],
  birthDate: ['birth_date', false],
  idNumber: ['id_number', false],
  post: ['post', false],
  place: ['place', false],
  circumstances: ['circumstances', false],
  cause: ['cause', false],
  deeds: ['deeds', false],
  psychSupport: ['psych_support', false],
});
export const REPORT_PERSONAL = spec('honours_reports', { via: ['via', true], reportedBy: ['reported_by', true], notes: ['notes', true] });
export const FAMILY_PERSONAL = spec('honours_family_members', {
  name: ['name', true],
  relation: ['relation', true],
  phone: ['phone', false],
  notes: ['notes', true],
});
export const VISIT_PERSONAL = spec('honours_visits', { visitors: ['visitors', true], brought: ['brought', true], notes: ['notes', true] });
export const DIFFICULTY_PERSONAL = spec('honours_difficulties', { description: ['description', true], owner: ['owner', true], actions: ['actions', true] });
export const PUBLICITY_PERSONAL = spec('honours_publicity', { outlet: ['outlet', true], headline: ['headline', true], notes: ['notes', true] });
export const STEP_PERSONAL = spec('honours_steps', { appliedTo: ['applied_to', true], outcome: ['outcome', true], notes: ['notes', true] });
/** Posthumous commendations only: those of the living are listed to viewers as before. */
export const COMMENDATION_PERSONAL = spec(
  'honours_commendations',
  { subjectName: ['subject_name', true], deeds: ['deeds', true], decisionNotes: ['decision_notes', true] },
  'memorial_id IS NOT NULL',
);
export const ATTACHMENT_PERSONAL = spec('honours_attachments', { fileName: ['file_name', true], caption: ['caption', true], sha256: ['sha256', true] });
/** The attachment's bytes, sealed on their own. */
export const ATTACHMENT_CONTENT = 'honours_attachments.content';

export const PERSONAL_SPECS: readonly PersonalSpec<string>[] = [
  MEMORIAL_PERSONAL,
  REPORT_PERSONAL,
  FAMILY_PERSONAL,
  VISIT_PERSONAL,
  DIFFICULTY_PERSONAL,
  PUBLICITY_PERSONAL,
  STEP_PERSONAL,
  COMMENDATION_PERSONAL,
  ATTACHMENT_PERSONAL,
];

type Values<K extends string> = Record<K, string | null>;

/** A session that writes or reads memorial records must hold the sensitive key. */
export function requireSealer(sealer: Sealer | null): Sealer {
  if (!sealer) throw new AppError('FORBIDDEN', '牺牲人员记录加密保存，需要统筹负责人用自己的密码解锁后才能查看和办理。');
  return sealer;
}

/** The row's plain columns as stored once sealed: NULL, or '' where the column is NOT NULL. */
export function emptied<K extends string>(s: PersonalSpec<K>): Values<K> {
  return Object.fromEntries(Object.entries<FieldSpec>(s.fields).map(([k, [, notNull]]) => [k, notNull ? '' : null])) as Values<K>;
}

export function sealPersonal<K extends string>(sealer: Sealer, s: PersonalSpec<K>, values: Values<K>): Buffer {
  const picked = Object.fromEntries(Object.keys(s.fields).map((k) => [k, values[k as K] ?? null]));
  return sealer.seal(s.purpose, JSON.stringify(picked));
}

/** What to write for a row: the plain columns emptied and the sealed value (`personalSealed`). */
export function sealedParams<K extends string>(sealer: Sealer, s: PersonalSpec<K>, values: Values<K>): Values<K> & { personalSealed: Buffer } {
  return { ...emptied(s), personalSealed: sealPersonal(sealer, s, values) };
}

/**
 * A row as read (its plain columns under their keys, and `personalSealed`) with
 * the personal fields opened. A row not yet sealed (before the upgrade ran) is
 * read from its plain columns.
 */
export function openPersonal<K extends string, R extends { personalSealed?: Buffer | null; boundRowId?: number }>(
  db: ReadDb,
  sealer: Sealer | null,
  s: PersonalSpec<K>,
  row: R,
): Omit<R, 'personalSealed' | 'boundRowId'> {
  const { personalSealed, boundRowId, ...rest } = row;
  if (!personalSealed) return rest;
  const key = requireSealer(sealer);
  // The row is checked before its record is opened: a record moved here from another row is refused, not shown.
  if (boundRowId !== undefined) requireBound(db, key, s.binding, boundRowId);
  const opened = JSON.parse(key.open(s.purpose, personalSealed)) as Values<K>;
  return { ...rest, ...opened };
}

/** The SQL to select a spec's personal columns under their keys, the sealed value and the row's id (for the binding check), from alias `a`. */
export function personalColumns<K extends string>(s: PersonalSpec<K>, a: string): string {
  return [
    ...Object.entries<FieldSpec>(s.fields).map(([k, [column]]) => `${a}.${column} AS "${k}"`),
    `${a}.personal_sealed AS personalSealed`,
    `${a}.id AS boundRowId`,
  ].join(', ');
}

/** After a writer stored a row's record: the row's MAC from what it holds now. */
export function bindPersonal(db: WriteDb, sealer: Sealer | null, s: PersonalSpec<string>, id: number): void {
  bindRow(db, sealer, s.binding, id);
}

/**
 * How personal values appear in an audit row: sealed with the same key, so a
 * coordinator can still read what changed, a viewer reading audit_log offline
 * cannot. The shape is the audit log's own for sealed values ({ masked, sealed }).
 */
export function auditPersonal<K extends string>(sealer: Sealer, s: PersonalSpec<K>, values: Values<K>): { masked: string; sealed: string } {
  return { masked: '（已加密保存）', sealed: sealPersonal(sealer, { ...s, purpose: auditPurpose(s) }, values).toString('base64') };
}

/** The purpose a spec's values are sealed under in an audit payload: audit.reveal tries each (seal-registry.ts). */
export const auditPurpose = (s: PersonalSpec<string>): string => `${s.purpose}.audit`;

const pendingWhere = (s: PersonalSpec<string>) => `personal_sealed IS NULL${s.only ? ` AND ${s.only}` : ''}`;

/** Seals what an older version stored in clear, row by row, and empties the plain columns. */
export function personalUpgrade<K extends string>(s: PersonalSpec<K>): SealUpgrade {
  const entries = Object.entries<FieldSpec>(s.fields);
  return {
    name: s.purpose,
    pending: (db: ReadDb) => (db.prepare(`SELECT count(*) AS n FROM ${s.table} WHERE ${pendingWhere(s)}`).get() as { n: number }).n,
    run(db: WriteDb, sealer: Sealer) {
      const rows = db.prepare(`SELECT rowid AS rowId, ${personalColumns(s, s.table)} FROM ${s.table} WHERE ${pendingWhere(s)}`).all() as Array<
        Values<K> & { rowId: number }
      >;
      const set = db.prepare(
        `UPDATE ${s.table} SET ${entries.map(([k, [column]]) => `${column} = @${k}`).join(', ')}, personal_sealed = @personalSealed WHERE rowid = @rowId`,
      );
      for (const r of rows) sealClearInPlace(db, sealer, s.binding, r.rowId, () => set.run({ rowId: r.rowId, ...sealedParams(sealer, s, r) }));
      return rows.length;
    },
  };
}
