import { batchedAudit } from './batched-audit';
import { AppError, badInput, notFound } from '../../errors';
import type { HandlersOf, TaskContext } from '../../handler-types';
import { applyDecisions, classifyAll, conflictView, emptyCounts, ledgerStamp, prepareAll } from './apply';
import { importContract, type CommitResult, type PreviewResult } from './contract';
import { headerSignature } from './header';
import { inspectSource, likeliestSheet } from './inspect';
import { importedBefore } from './earlier-imports';
import { commitSheets, previewSheets } from './sheets';
import { auditMatches, described, open, planOf, recordImport, stopIfWindowEnded, writeCtxOf } from './handler-common';
import { cancelJob, startJob, throwIfCancelled, windowEnded, windowGone } from './jobs';
import type { Plan } from './pipeline';
import * as q from './queries';
import { requireSealer } from './staging-seal';
import { writeRejectedWorkbook } from './rejected-workbook';
import type { OpenedSource } from './source';
import { dropStaged, fingerprintOf, notePreviewed, refuseIfChangedSincePreview, stage, takeStaged } from './staging';
import { IMPORT_TARGETS } from './targets';
import type { MatchTally } from './targets/types';
import { rollbackJournalWhenLarge } from '../../db/bulk-journal';
import { placeAudited } from '../../task-write';

const PREVIEW_REJECTED_LIMIT = 500;
const PREVIEW_CONFLICT_LIMIT = 200;
const PREVIEW_SAMPLE_LIMIT = 50;

type PlanInput = Parameters<(typeof importHandlers)['import.preview']>[0];

async function buildPlan(input: PlanInput, ctx: TaskContext, signal: AbortSignal): Promise<{ plan: Plan; source: OpenedSource; tally: MatchTally }> {
  const source = open(input, ctx);
  return { ...(await planOf(source, input, ctx, signal)), source };
}

/** A save of the rows sent back whose window ended while the file was written (S30-A2's class). */
const rejectedWindowGone = (): AppError =>
  new AppError('UNAUTHENTICATED', '保存退回表格期间这个窗口已退出登录（已锁定，或密码被重设、账号被停用），退回表格没有保存。请重新登录后再保存。');

export const importHandlers: HandlersOf<typeof importContract> = {
  'import.inspect': async (input, ctx) => {
    const def = IMPORT_TARGETS[input.target].def;
    const file = open(input, ctx);
    // The file is read once: each further sheet scored comes from the same bytes and workbook (twelfth attack run, X5).
    const titles = new Map<string, string[] | null>();
    const source = input.sheet === undefined ? await likeliestSheet((sheet) => (sheet === undefined ? file : file.otherSheet(sheet)), def, titles) : file;
    return inspectSource(ctx.read, source, def, titles);
  },

  'import.preview': async (input, ctx) => {
    const job = startJob(input.jobId, ctx.signal);
    try {
      if (input.sheets) {
        const limits = { rejected: PREVIEW_REJECTED_LIMIT, conflicts: PREVIEW_CONFLICT_LIMIT, sample: PREVIEW_SAMPLE_LIMIT };
        const result = await previewSheets({ ...input, sheets: input.sheets }, ctx, job.signal, limits);
        throwIfCancelled(job.signal);
        notePreviewed(ctx.session.sessionId, result.previewId, result.fileHash);
        return result;
      }
      const { plan, source, tally } = await buildPlan(input, ctx, job.signal);
      throwIfCancelled(job.signal);
      // Its matches are audited and staged under the window's session: none once the window is gone.
      if (windowEnded(ctx)) throw windowGone();
      const target = IMPORT_TARGETS[input.target];
      ctx.progress('check', 0, plan.planned.length);
      const decisions = classifyAll(ctx.read, target, plan, input.onDuplicate, ctx.sealer);
      auditMatches(ctx, input.target, source, decisions, tally);
      // After the audit row (it changes no match) and in the same turn as the matching: nothing ran in between.
      const stamp = ledgerStamp(ctx.read);
      const counts = emptyCounts(plan.total, plan.rejected.length);
      const result: PreviewResult = {
        previewId: '',
        fileName: source.fileName,
        fileHash: source.hash,
        headers: plan.headers,
        alreadyImported: importedBefore(ctx.read, input.target, source.hash, source.sheet),
        counts,
        rejected: plan.rejected.slice(0, PREVIEW_REJECTED_LIMIT).map((r) => ({ rowNumber: r.rowNumber, cells: r.cells, reasons: r.reasons })),
        conflicts: [],
        sample: [],
        yearFromFile: plan.yearFromFile ?? null,
        readNotes: plan.notes,
        merged: plan.merged ?? 0,
        sheets: [],
      };
      for (const d of decisions) {
        counts[d.outcome]++;
        const c = result.conflicts.length < PREVIEW_CONFLICT_LIMIT ? conflictView(target, d) : null;
        if (c) result.conflicts.push(c);
        if (result.sample.length < PREVIEW_SAMPLE_LIMIT && (d.outcome === 'created' || d.outcome === 'updated' || d.outcome === 'unchanged'))
          result.sample.push({ rowNumber: d.row.rowNumber, outcome: d.outcome, shown: target.show(d.row.record) });
      }
      ctx.progress('check', plan.planned.length, plan.planned.length);
      // What the commit would compute per new row (sealed numbers, row MACs over planned ids) is computed now, outside the ledger's lock.
      const rows = prepareAll(ctx.read, target, decisions, ctx.sealer, ctx.clock.today());
      const prepared = rows && { mode: input.onDuplicate, rows };
      result.previewId = stage(ctx.session.sessionId, fingerprintOf(source.hash, input), plan, { stamp, existing: decisions.map((d) => d.existing), prepared });
      notePreviewed(ctx.session.sessionId, result.previewId, source.hash);
      return result;
    } finally {
      job.end();
    }
  },

  'import.commit': async (input, ctx) => {
    const job = startJob(input.jobId, ctx.signal);
    let backToWal = (): void => undefined;
    try {
      if (input.sheets) return await commitSheets({ ...input, sheets: input.sheets }, ctx, job.signal);
      const source = described(open(input, ctx));
      const earlier = importedBefore(ctx.read, input.target, source.hash, source.sheet);
      if (earlier)
        return { importId: null, alreadyImported: earlier, counts: emptyCounts(earlier.total, earlier.rejected), merged: 0, sheets: [] } satisfies CommitResult;
      refuseIfChangedSincePreview(ctx.session.sessionId, input.previewId, source);
      const target = IMPORT_TARGETS[input.target];
      const staged = takeStaged(ctx.session.sessionId, input.previewId, fingerprintOf(source.hash, input));
      const plan = staged?.plan ?? (await buildPlan(input, ctx, job.signal)).plan;
      throwIfCancelled(job.signal);
      stopIfWindowEnded(ctx, input.target, source);
      const now = ctx.clock.nowIso();
      // One transaction for the whole file: after a crash the ledger holds all of it or none of it. A large one goes
      // through a rollback journal, each page written to the file once instead of to the WAL and again (db/bulk-journal.ts).
      const stood = staged?.matches !== undefined && staged.matches.stamp === ledgerStamp(ctx.read) ? staged.matches : null;
      backToWal = rollbackJournalWhenLarge(ctx.services.ledger.handle(), plan.planned.length);
      // SQLite counts the switch in data_version; it succeeds only with no other connection, so nothing else wrote.
      const known = stood ? { ...stood, stamp: ledgerStamp(ctx.read) } : staged?.matches;
      const result = ctx.write((db, audit) => {
        const batch = batchedAudit(audit, ctx.sealer);
        const applied = applyDecisions(
          writeCtxOf(db, batch, ctx, now, source.fileName),
          target,
          plan,
          input.onDuplicate,
          (done, total) => ctx.progress('commit', done, total),
          known,
        );
        batch.flush();
        const importId = recordImport(db, audit, ctx, {
          target: input.target,
          file: source,
          sheet: source.sheet,
          bySheet: false,
          constants: input.constants,
          onDuplicate: input.onDuplicate,
          plan,
          applied,
          now,
        });
        if (input.rememberMapping)
          q.rememberMapping(db, input.target, headerSignature(plan.headers), plan.headers, { mapping: input.mapping, constants: input.constants }, now);
        return { importId, alreadyImported: null, counts: applied.counts, merged: plan.merged ?? 0, sheets: [] } satisfies CommitResult;
      });
      dropStaged(ctx.session.sessionId);
      return result;
    } finally {
      backToWal();
      job.end();
    }
  },

  'import.cancel': (_db, input) => ({ cancelled: cancelJob(input.jobId) }),

  'import.history': (db, input) => q.listLog(db, input.offset, input.limit),

  'import.rejected.save': async (input, ctx) => {
    const log = q.getLog(ctx.read, input.importId);
    if (!log) throw notFound('这条导入记录');
    const rows = q.rejectedRows(ctx.read, input.importId, requireSealer(ctx.sealer));
    if (rows.length === 0) throw badInput('这次导入没有被退回的行，不需要生成退回表格。');
    const headers = q.logHeaders(ctx.read, input.importId);
    const target = ctx.files.save(input.outPath);
    const file = await writeRejectedWorkbook(target, headers, rows);
    // After the await: not for a window ended meanwhile (停用, a reset, a lock), nothing placed.
    if (windowEnded(ctx)) {
      file.discard();
      throw rejectedWindowGone();
    }
    // The rows as they came, full ID numbers and phones: a file of personal data leaving the ledger, audited as every
    // export of full numbers is (S30-A3: none was written). Who, which import, how many rows, where; no row's data.
    // The file is placed inside the audited write (task-write.ts): a write refused (a key rotated meanwhile) places nothing.
    placeAudited(ctx, file, (_db, audit) =>
      audit({ entity: 'import', entityId: input.importId, after: { fileName: log.fileName, rejectedRows: rows.length, path: target.path } }),
    );
    return { path: target.path, rows: rows.length };
  },
};
