/**
 * Rows bound to what they hold (issue 19, second attack run). A sealed value's
 * additional data is its purpose ('residents.phone'), not its row, and every
 * clear column can be edited by anyone holding the database key (a viewer,
 * offline with the files). So two rows' sealed phones, or their names, or
 * their ids, could be swapped and a clerk would read, export and sign B's
 * number as A's.
 *
 * Each bound table has a `row_mac` column: a keyed MAC (the sealer's keyed
 * index, HMAC-SHA-256 under a subkey of the sensitive key, purpose
 * 'row:<table>', 16 bytes) over the row id, its identifying clear columns and
 * every sealed value it holds. The table's one writer module writes it; every
 * clerk/coordinator read that opens a sealed value checks it first
 * (`requireBound`) and refuses with LEDGER_DAMAGED, which the router audits.
 * A viewer holds no sensitive key: nothing is checked for them, and they open
 * nothing.
 *
 * `row_mac` NULL is allowed on a row holding no sealed value (nothing to move,
 * and a session without the key may write such a row). On a row holding one,
 * NULL means "not bound yet" only until the binding upgrade has run on this
 * ledger (`meta.rows_bound`, written by a key holder: by the upgrade, or at
 * setup on a new ledger); after it, NULL is damage like a wrong MAC. A marker
 * deleted to have swapped rows bound again is put back before any upgrade asks
 * it, from the audit log, which still records the first binding
 * (row-binding-upgrades.ts).
 */
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors';
import { writeMeta } from './ledger-files';
import { cached } from './stmt-cache';
import type { Sealer } from './sealer';
import type { ReadDb, WriteDb } from './types';

/**
 * When a group of bindings began: the binding upgrade that bound the rows of an older ledger (and, on a new ledger,
 * setup) writes its marker to meta; from then on an unbound row of the group is damage. Tables bound later than
 * migration 036 (cases, 043) have a stage of their own, so an older ledger's first rows stay unbound until theirs runs.
 */
export interface BindingStage {
  /** The meta key of its marker. */
  key: string;
  /** The name its upgrade is audited under (`sealed`). */
  name: string;
  /** What a new ledger's setup audit row says (`rowsBound: true`). */
  setupFlag: string;
  /** The marker's text (MAC'd with the sensitive key, so only a key holder writes one that matches). */
  text: string;
}

/** Migration 036's tables: residents, households, staff, honours, office keys. */
export const ROWS_STAGE: BindingStage = { key: 'rows_bound', name: 'rows.bound', setupFlag: 'rowsBound', text: 'rows bound v1' };

export interface RowBinding {
  table: string;
  /** The row in the user's words, for the damage message: '居民', '工作人员'… */
  label: string;
  /** The bound columns after the row id, in order: the identifying clear ones and every sealed column of the table. */
  columns: readonly string[];
  /** The sealed columns among them. */
  sealed: readonly string[];
  /**
   * Every row carries a MAC, whether or not it holds a sealed value (a case holds none, but says whose it is);
   * otherwise a row holding nothing sealed may stay unbound.
   */
  everyRow?: true;
  /** When its rows began to be bound; ROWS_STAGE when absent. */
  stage?: BindingStage;
}

export const ROW_MAC_COLUMN = 'row_mac';
/** The name the first binding upgrade is audited under (`sealed`); a new ledger's setup row says `rowsBound: true`. */
export const ROWS_BOUND = ROWS_STAGE.name;
const MARKER_PURPOSE = 'row:marker';
export const stageOf = (b: RowBinding): BindingStage => b.stage ?? ROWS_STAGE;

/** Every stage among `bindings`, in their order (ROWS_STAGE first when present). */
export function stagesOf(bindings: readonly RowBinding[]): BindingStage[] {
  return [...new Map(bindings.map((b) => [stageOf(b).key, stageOf(b)])).values()];
}

const purposeOf = (b: RowBinding): string => `row:${b.table}`;

/** The MAC of a row from its id and its bound values (in `b.columns` order). */
export function rowMac(sealer: Sealer, b: RowBinding, id: number, values: readonly unknown[]): Buffer {
  // JSON of [id, ...values], blobs as base64 strings: unambiguous, since every position of a table has one type. Written
  // out element by element (the same text as JSON.stringify of the array, tested): an import MACs 100,000 rows.
  let text = `[${JSON.stringify(id)}`;
  for (const v of values) text += `,${Buffer.isBuffer(v) ? `"${v.toString('base64')}"` : (JSON.stringify(v ?? null) ?? 'null')}`;
  return sealer.index(purposeOf(b), `${text}]`);
}

const selectRow = (b: RowBinding) => `SELECT id, ${b.columns.join(', ')}, ${ROW_MAC_COLUMN} FROM ${b.table} WHERE id = ?`;

type StoredRow = Record<string, unknown> & { id: number; row_mac: Buffer | null };

const markerRow = (db: ReadDb, stage: BindingStage) => cached(db, `SELECT value FROM meta WHERE key = '${stage.key}'`).get() as { value: string } | undefined;

/**
 * Whether an unbound row that must be bound is damage: once its stage's rows are bound (the marker a key holder
 * wrote), and also when a marker is there that no key holder wrote (put in to keep the binding upgrade from running).
 * Only a marker that is absent means "not bound yet".
 */
export function bindingDone(db: ReadDb, stage: BindingStage = ROWS_STAGE): boolean {
  return markerRow(db, stage) !== undefined;
}

export function writeBindingMarker(db: WriteDb, sealer: Sealer, stage: BindingStage = ROWS_STAGE): void {
  writeMeta(db, stage.key, sealer.index(MARKER_PURPOSE, stage.text).toString('hex'));
}

const mustBeBound = (b: RowBinding, row: Record<string, unknown>): boolean =>
  b.everyRow === true || b.sealed.some((c) => row[c] !== null && row[c] !== undefined);

/** Whether a stored row is as a key holder wrote it; `done`: bindingDone for its stage, asked only when needed. */
function isBound(sealer: Sealer, b: RowBinding, row: StoredRow, done: () => boolean): boolean {
  if (row.row_mac === null || row.row_mac === undefined) return !mustBeBound(b, row) || !done();
  const want = rowMac(
    sealer,
    b,
    row.id,
    b.columns.map((c) => row[c]),
  );
  return row.row_mac.length === want.length && timingSafeEqual(row.row_mac, want);
}

/** The error a damaged row gives; its details let the router audit it (router.ts). */
export function rowDamaged(b: RowBinding, id: number): AppError {
  return new AppError(
    'LEDGER_DAMAGED',
    `这条记录在本程序之外被改动过（${b.label}，编号 ${id}）：其中的号码或姓名可能已被换成别人的，本程序不会打开、导出或上报它。请从备份恢复，并在「审计日志」中查看这次发现。`,
    { damagedRow: { table: b.table, id, label: b.label } },
  );
}

/** Checks one row before any of its sealed values is opened; throws rowDamaged when it was altered outside the program. */
export function requireBound(db: ReadDb, sealer: Sealer, b: RowBinding, id: number): void {
  const row = cached(db, selectRow(b)).get(id) as StoredRow | undefined;
  if (row && !isBound(sealer, b, row, () => bindingDone(db, stageOf(b)))) throw rowDamaged(b, id);
}

/** Whether one row is intact, for lists that leave a damaged row's values closed instead of failing the page. */
export function rowIntact(db: ReadDb, sealer: Sealer, b: RowBinding, id: number): boolean {
  const row = cached(db, selectRow(b)).get(id) as StoredRow | undefined;
  return !row || isBound(sealer, b, row, () => bindingDone(db, stageOf(b)));
}

/** (Re)writes one row's MAC from what it holds now: the writer calls it after writing the row. Without a key the row may hold nothing sealed. */
export function bindRow(db: WriteDb, sealer: Sealer | null, b: RowBinding, id: number): void {
  const row = cached(db, selectRow(b)).get(id) as StoredRow | undefined;
  if (!row) return;
  if (!sealer && mustBeBound(b, row))
    throw new AppError('FORBIDDEN', '这次登录没有打开敏感信息密钥，不能保存加密的内容。请用录入员或统筹负责人的密码重新解锁。');
  const mac = sealer
    ? rowMac(
        sealer,
        b,
        id,
        b.columns.map((c) => row[c]),
      )
    : null;
  cached(db, `UPDATE ${b.table} SET ${ROW_MAC_COLUMN} = ? WHERE id = ?`).run(mac, id);
}

/**
 * A sealing upgrade rewrites a row in place (its clear value sealed): the row is bound again afterwards only if it
 * was intact before, so an upgrade never makes a row altered outside the program look as written.
 */
export function sealInPlace(db: WriteDb, sealer: Sealer, b: RowBinding, id: number, write: () => void): void {
  const intact = rowIntact(db, sealer, b, id);
  write();
  if (intact) bindRow(db, sealer, b, id);
}

/**
 * sealInPlace for a value an older version stored in a clear column (migrations 019, 023, 025, 027): never bound again
 * once the row's stage is bound. The clear columns are not in the MAC, and each of them is older than the binding,
 * whose upgrade runs after the sealing ones: a bound ledger holds none an older version wrote. One there now was
 * written outside the program, with the database key alone (a viewer's password): sealed over the real value and bound
 * again, the viewer's number was read, exported and signed as the person's (eighteenth attack run, S32-A4). Sealed and
 * left unbound, the row is damage: refused with rowDamaged's words, naming it, at its next opening.
 */
export function sealClearInPlace(db: WriteDb, sealer: Sealer, b: RowBinding, id: number, write: () => void): void {
  if (bindingDone(db, stageOf(b))) return write();
  sealInPlace(db, sealer, b, id, write);
}

const STEP = 5000;

/** Every row of the bound tables, in steps of ids. */
function eachRow(db: ReadDb, b: RowBinding, visit: (row: StoredRow) => void): void {
  const select = db.prepare(`SELECT id, ${b.columns.join(', ')}, ${ROW_MAC_COLUMN} FROM ${b.table} WHERE id > ? ORDER BY id LIMIT ?`);
  for (let after = Number.MIN_SAFE_INTEGER; ;) {
    const rows = select.all(after, STEP) as StoredRow[];
    if (rows.length === 0) return;
    for (const r of rows) visit(r);
    after = rows[rows.length - 1]!.id;
  }
}

/** Rows whose MAC does not hold under `sealer` (altered outside the program), per table; `done` overrides each stage's marker. */
export function damagedRows(db: ReadDb, sealer: Sealer, bindings: readonly RowBinding[], done?: boolean): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const b of bindings) {
    const ids = new Set<number>();
    const stageDone = done ?? bindingDone(db, stageOf(b));
    eachRow(db, b, (r) => {
      if (!isBound(sealer, b, r, () => stageDone)) ids.add(r.id);
    });
    if (ids.size > 0) out.set(b.table, ids);
  }
  return out;
}

/**
 * Binds every row under `sealer` (the binding upgrade; key rotation after re-sealing), except rows known
 * damaged, which keep no MAC: with their stage's marker written they stay damage. The markers already written are
 * written again under `sealer` (a rotation); a stage not bound yet gets its marker from its upgrade only, which
 * audits it. Returns how many rows it bound.
 */
export function bindAllRows(db: WriteDb, sealer: Sealer, bindings: readonly RowBinding[], damaged: Map<string, Set<number>> = new Map()): number {
  let count = 0;
  for (const b of bindings) {
    const skip = damaged.get(b.table);
    const set = db.prepare(`UPDATE ${b.table} SET ${ROW_MAC_COLUMN} = ? WHERE id = ?`);
    const macs: Array<[Buffer | null, number]> = [];
    eachRow(db, b, (r) => {
      if (skip?.has(r.id)) macs.push([null, r.id]);
      else {
        macs.push([
          rowMac(
            sealer,
            b,
            r.id,
            b.columns.map((c) => r[c]),
          ),
          r.id,
        ]);
        count++;
      }
    });
    for (const [mac, id] of macs) set.run(mac, id);
  }
  for (const stage of stagesOf(bindings)) if (bindingDone(db, stage)) writeBindingMarker(db, sealer, stage);
  return count;
}

/** A damaged-row map as an audit note: `{ residents: [3, 4] }`. */
export const damagedNote = (damaged: Map<string, Set<number>>): Record<string, number[]> =>
  Object.fromEntries([...damaged].map(([table, ids]) => [table, [...ids].sort((a, b) => a - b)]));
