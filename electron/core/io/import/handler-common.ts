/**
 * What the import's handlers share (handlers.ts, and sheets.ts for a workbook imported one sheet per community):
 * opening the source, auditing a preview's matches, stopping a commit whose window ended.
 */
import type { WriteDb } from '../../db/types';
import type { AuditInput, TaskContext } from '../../handler-types';
import type { Applied } from './apply';
import type { DuplicateMode } from './contract';
import * as q from './queries';
import { requireSealer } from './staging-seal';
import { windowEnded, windowGone } from './jobs';
import type { TargetId } from './fields.shared';
import { analyse, type Plan } from './pipeline';
import { loadLookups } from './plan-inputs';
import { openSource, type OpenedSource, type OpenOptions } from './source';
import { IMPORT_TARGETS } from './targets';
import type { Built, MatchTally, WriteCtx } from './targets/types';
import type { batchedAudit } from './batched-audit';

export const reasonText = (reasons: { field: string; message: string }[]): string =>
  reasons.map((r) => (r.field ? `「${r.field}」${r.message}` : r.message)).join('；');

export function open(
  input: { path?: string | undefined; text?: string | undefined; sheet?: string | undefined; encoding: OpenOptions['encoding'] },
  ctx: TaskContext,
) {
  // A file reaches the core as the handle of the user's choice; pasted text as itself.
  return openSource(
    { path: input.path === undefined ? undefined : ctx.files.open(input.path), text: input.text },
    { sheet: input.sheet, encoding: input.encoding },
  );
}

/**
 * What a commit keeps of its file while it writes: its name, hash and how it was read, not the source itself,
 * whose reader holds the file's bytes (11 MB for the bench's CSV) for as long as it is referenced
 * (tests/unit/import/commit-file-bytes.test.ts).
 */
export function described(s: OpenedSource): Pick<OpenedSource, 'fileName' | 'hash' | 'format' | 'sheet' | 'encoding'> {
  return { fileName: s.fileName, hash: s.hash, format: s.format, sheet: s.sheet, encoding: s.encoding };
}

/** What a plan is built from besides its source: the target, the columns and the whole-file values. */
export interface PlanChoices {
  target: TargetId;
  mapping: (string | null)[];
  constants: Record<string, string>;
}

/** The rows of one source (a file, one of its sheets, a paste) read as the target's records, with the preview's ledger checks. */
export async function planOf(
  source: OpenedSource,
  input: PlanChoices,
  ctx: TaskContext,
  signal: AbortSignal,
  /** A further check of each built record after the ledger's (sheets.ts: a person on an earlier sheet); none for one sheet. */
  also?: (record: Record<string, unknown>) => Built<Record<string, unknown>>,
): Promise<{ plan: Plan; tally: MatchTally }> {
  const target = IMPORT_TARGETS[input.target];
  const tally: MatchTally = { found: 0 };
  const ledger = target.ledgerCheck?.(ctx.read, ctx.clock.today(), ctx.sealer, tally);
  const checked = !also
    ? ledger
    : (r: Record<string, unknown>): Built<Record<string, unknown>> => {
        const b = ledger ? ledger(r) : ({ ok: true, record: r } as const);
        return b.ok ? also(b.record) : b;
      };
  const plan = await analyse(source, target, input.mapping, input.constants, loadLookups(ctx.read, ctx.clock.today()), signal, ctx.progress, checked);
  target.completePlan?.(plan.planned.map((r) => r.record));
  return { plan, tally };
}

/**
 * A preview says which of the file's rows are people the ledger has, matched by whole ID number (or name and
 * phone): a file of candidate numbers for one person would tell a clerk the real one. As an audited digit search,
 * a preview that matched anyone leaves a row: the file, its hash and how many matched (fourth attack run).
 */
export function auditMatches(
  ctx: TaskContext,
  target: string,
  source: { fileName: string; hash: string },
  decisions: ReadonlyArray<{ existing?: unknown }>,
  tally: MatchTally,
): void {
  let matchedInLedger = 0;
  for (const d of decisions) if (d.existing) matchedInLedger++;
  // People the ledger check found count too: a case or health-check row found and then rejected (no open observation,
  // another name) told the clerk the number was a ledger person's as plainly as a match (sixth attack run, O1).
  const peopleFound = tally.found;
  if (matchedInLedger === 0 && peopleFound === 0) return;
  ctx.write((_db, audit) =>
    audit({ entity: 'import', entityId: null, after: { fileName: source.fileName, fileHash: source.hash, target, matchedInLedger, peopleFound } }),
  );
}

/**
 * After the plan's awaits, before the first write: a commit whose window was ended meanwhile stops there (jobs.ts
 * windowEnded), as a cancelled one does (nothing written), and the stop is audited once, under the user whose import
 * it was (it is theirs to see in 操作日志). A ledger closed by the last lock takes no row at all.
 */
export function stopIfWindowEnded(ctx: TaskContext, target: string, source: { fileName: string; hash: string }): void {
  if (!windowEnded(ctx)) return;
  ctx.writeStop({ entity: 'import', entityId: null, after: { fileName: source.fileName, fileHash: source.hash, target, stopped: 'windowEnded' } });
  throw windowGone();
}

/**
 * Inside the commit's transaction, after its rows are written: the 导入记录 (one per sheet in an import by sheets), the
 * rows sent back and the suspected duplicates with it (sealed), and its audit row. Returns the record's id.
 */
export function recordImport(
  db: WriteDb,
  audit: (e: AuditInput) => void,
  ctx: TaskContext,
  r: {
    target: TargetId;
    file: Pick<OpenedSource, 'fileName' | 'hash' | 'format' | 'encoding'>;
    sheet: string | null;
    /** An import by sheets names the sheet in its audit row too. */
    bySheet: boolean;
    constants: Record<string, string>;
    onDuplicate: DuplicateMode;
    plan: Plan;
    applied: Applied;
    now: string;
  },
): number {
  const { file, plan, applied } = r;
  const importId = q.insertLog(db, {
    ...applied.counts,
    target: r.target,
    fileName: file.fileName,
    fileHash: file.hash,
    fileFormat: file.format,
    constants: r.constants,
    sheet: r.sheet,
    encoding: file.encoding,
    onDuplicate: r.onDuplicate,
    headers: plan.headers,
    merged: plan.merged ?? 0,
    userId: ctx.session.userId,
    username: ctx.session.username,
    at: r.now,
  });
  // Raw cells and incoming records carry full numbers: sealed (io/import/staging-seal.ts), so only with the key.
  if (plan.rejected.length > 0) {
    const reject = q.insertRejected(db, requireSealer(ctx.sealer));
    for (const x of plan.rejected) reject(importId, x.rowNumber, x.cells, reasonText(x.reasons));
  }
  const flag = applied.flags.length > 0 ? q.insertFlag(db, requireSealer(ctx.sealer)) : () => undefined;
  for (const f of applied.flags)
    flag({
      importId,
      rowNumber: f.rowNumber,
      entity: r.target,
      entityId: f.entityId,
      existingId: f.existingId,
      incoming: f.incoming,
      reason: '与台账中已有记录疑似重复，待核实',
    });
  const where = r.bySheet ? { sheet: r.sheet } : {};
  audit({
    entity: 'import',
    entityId: importId,
    // A 接龙's repeats merged are in no count: said here, or the audit's total is the file's rows less them, unexplained (S50-A4).
    after: {
      fileName: file.fileName,
      fileHash: file.hash,
      target: r.target,
      ...where,
      constants: r.constants,
      counts: applied.counts,
      ...(plan.merged ? { merged: plan.merged } : {}),
    },
  });
  return importId;
}

/** The write context of one plan's rows inside the commit's transaction, its audit batched (batched-audit.ts). */
export function writeCtxOf(db: WriteDb, batch: ReturnType<typeof batchedAudit>, ctx: TaskContext, now: string, fileName: string): WriteCtx {
  return {
    db,
    now,
    today: ctx.clock.dayOf(now),
    audit: batch.audit,
    auditAsPlanned: batch.asPlanned,
    followAudit: batch.follow,
    cache: new Map(),
    context: ctx,
    fileName,
  };
}
