/** What every import target provides to the one pipeline. */
import type { AuditInput, HandlerContext } from '../../../handler-types';
import type { ReadDb, WriteDb } from '../../../db/types';
import type { Sealer } from '../../../db/sealer';
import type { TargetDef } from '../fields.shared';
import type { Lookups, Reason, Values } from '../values';
import type { PlannedAudit } from '../batched-audit';

/** A household's address as the import records carry it (see caseload/address.ts), with its 户主. */
export interface AddressFields {
  estate: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  addressText: string | null;
  headName: string | null;
}

/** A resident the import creates: the writer's input (resident-bulk.ts), planned ahead by resident-prepare.ts. */
export interface NewResident extends AddressFields {
  communityId: number;
  gridId: number | null;
  name: string;
  idNumber: string | null;
  /** Written with 15 digits in the file (idNumber is the 18-digit form). */
  idNumberWas15?: boolean;
  phone: string | null;
  tags: string[];
  /** 与户主关系 as caseload/relation.shared.ts stores it; absent or null when the file has none. */
  relation?: string | null;
}

/** `warning`: the row is taken, but the preview should say something of it (a 包保责任人 kept whole: team-cell.ts). */
export type Built<R> = { ok: true; record: R; warning?: string } | { ok: false; reasons: Reason[] };

/** A record already in the ledger that an incoming row matches. */
export interface Existing {
  id: number;
  /** What the ledger holds, in the record's own shape, for "unchanged" and for side-by-side display. */
  current: Record<string, unknown>;
}

export interface WriteCtx {
  db: WriteDb;
  now: string;
  /** The office's day of `now`, once per commit (the clock's time zone lookup is not free on 100,000 rows). */
  today: string;
  audit: (e: AuditInput) => void;
  /**
   * The commit's batched audit (batched-audit.ts): whether this record is the next one the preview planned (its
   * entity, id and household), counted so; false: audit it with `audit`. Absent or false without a plan.
   */
  auditAsPlanned?: (entity: string, id: number, householdId: number | null) => boolean;
  /** Follows the audit the preview planned for its prepared rows (apply.ts, when it uses them). */
  followAudit?: (plan: PlannedAudit) => void;
  /** Per-commit memory of a target (e.g. households already written for an address). */
  cache: Map<string, number>;
  /** The commit's own context (clock, user), for write functions of other areas that take one (e.g. supplies' count). */
  context: HandlerContext;
  /** The file (or pasted list) being imported, as a change's reason names it: 「东风社区返程人员.xlsx」. */
  fileName: string;
}

/**
 * What a target computed at preview for the rows the commit will create (sealed values, masks, indexes,
 * row MACs over planned ids: targets/resident-prepare.ts), one entry per planned row (undefined for rows
 * it does not create). Used by the commit only while the ledger is unchanged and the same sealer is open
 * (apply.ts); wiped when the staged plan is dropped (staging.ts), so nothing sealed outlives it.
 */
export interface PreparedRows<P> {
  sealer: Sealer;
  rows: readonly (P | undefined)[];
  /** The audit records the commit would make for these rows, batched already (resident-audit-plan.ts). */
  audit?: PlannedAudit | undefined;
  /** Zeroes every buffer the rows hold. */
  wipe(): void;
}

export interface ImportTarget<R extends Record<string, unknown>, P = unknown> {
  def: TargetDef;
  /** Turns a row's field values into a record, or says what is wrong with the row as a whole. */
  build(values: Values, lookups: Lookups): Built<R>;
  /**
   * Checks against the ledger after the row's own checks, in preview and commit alike: a row the
   * ledger cannot take (no such resident, no open observation, unknown item) is rejected here with
   * reasons naming the column. Prepared once per reading of a file; may remember earlier rows. A check that finds
   * people counts them in `tally` (the preview's audit).
   */
  ledgerCheck?(db: ReadDb, today: string, sealer: Sealer | null, tally?: MatchTally): (record: R) => Built<R>;
  /** The identity of the person: ID number, else name plus phone. */
  keyOf(record: R): string;
  /** The reason given to a second row with the same key but other content (default: "the same person"). */
  sameKeyMessage?(firstRowNumber: number): string;
  /** A lookup into the ledger prepared once per preview or commit (people are found by the keyed index of their ID number: `sealer`). */
  matcher(db: ReadDb, sealer: Sealer | null): (record: R) => Existing | null;
  /** True when writing the record would change nothing. */
  same(existing: Existing, record: R): boolean;
  /**
   * True when a row's match depends only on the ledger as it was before the commit, never on rows
   * written earlier in the same commit (each identity appears once per file, and no write changes
   * another row's identity): the commit then reuses the preview's matches if the ledger is unchanged.
   * 'whenPrepared': only when the preview's `prepare` returned its rows for the duplicate mode committed
   * (it returns none when it finds the file's rows could depend on each other: case-prepare.ts).
   */
  matchesIndependentOfEarlierRows?: boolean | 'whenPrepared';
  /** Whether the ledger can hold a second record with this identity ("keep both"). */
  canKeepBoth(record: R): boolean;
  /**
   * Computes at preview what the commit will store for each row it creates (`decisions` in plan order),
   * so the commit, inside the ledger's lock, only writes. The commit checks what it depends on (`today`: the preview's).
   */
  prepare?(db: ReadDb, sealer: Sealer | null, decisions: readonly PreparedFor<R>[], today: string): PreparedRows<P> | undefined;
  /** After every row is read, before the preview decides: lets rows of one file complete each other (a household's 户主 named on a later row). */
  completePlan?(records: readonly R[]): void;
  /** Writes a new record; `prepared`: what the preview computed for it, when the ledger has not changed since. */
  insert(w: WriteCtx, record: R, prepared?: P): number;
  update(w: WriteCtx, existing: Existing, record: R): void;
  /** The record as a coordinator reads it in a preview, personal data masked. */
  show(record: Record<string, unknown>): Record<string, string>;
}

/** A row as `prepare` sees it: its record and whether the commit will insert it (created, or flagged and kept beside). */
export interface PreparedFor<R> {
  record: R;
  inserts: boolean;
  /** Whether the commit updates a record the row matches (it may add the row's household). */
  updates: boolean;
}

// Targets are stored in one registry regardless of their record shape.
export type AnyTarget = ImportTarget<Record<string, unknown>, unknown>;

/**
 * How many of a file's rows found somebody in the ledger (a whole ID number, or a name and phone), whatever was
 * decided about the row after: a case or health-check row rejected as 「没有进行中的观察个案」 or 「姓名不一致」 says as
 * plainly as a match that the number is a ledger person's. The preview is audited when this is not zero.
 */
export interface MatchTally {
  found: number;
}
