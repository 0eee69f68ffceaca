/**
 * One workbook, one sheet per community (issue 14, session 49): 青松里, 翠竹苑… with the same columns on each. The
 * wizard lists the sheets with the community each name or title names (`sheet-communities.ts`, for the coordinator to
 * confirm: never applied by the core); the preview and the commit then read every chosen sheet with the columns mapped once and
 * the sheet's confirmed 社区 as a whole-file value. The commit writes every sheet in one transaction, one 导入记录 and
 * its audit row per sheet, so 导入记录 and the rejected-rows workbook stay one sheet each.
 *
 * Chosen: a sheet whose header is not the first sheet's refuses the whole import, naming it (its columns would be read
 * by the first sheet's mapping); a person on two sheets is the first sheet's, the later row sent back naming both.
 * Nothing here runs for a one-sheet import: it is only reached with `sheets` in the input.
 */
import { randomUUID } from 'node:crypto';
import { badInput } from '../../errors';
import type { TaskContext } from '../../handler-types';
import { rollbackJournalWhenLarge } from '../../db/bulk-journal';
import { applyDecisions, classifyAll, conflictView, emptyCounts, type Decision } from './apply';
import { batchedAudit } from './batched-audit';
import type { CommitResult, ConflictView, ImportCounts, ImportLogEntry, LeftOutSheet, PreviewResult, SheetCounts } from './contract';
import { headerSignature } from './header';
import { auditMatches, described, open, planOf, recordImport, stopIfWindowEnded, writeCtxOf, type PlanChoices } from './handler-common';
import { throwIfCancelled } from './jobs';
import { importedEarlier, sheetsLeftOut } from './left-out-sheets';
import { earlierOfSheet } from './earlier-imports';
import type { Plan } from './pipeline';
import * as q from './queries';
import { refuseIfChangedSincePreview } from './staging';
import type { OpenedSource } from './source';
import { IMPORT_TARGETS } from './targets';
import { personKey, type PersonRef } from './targets/person';
import type { Built } from './targets/types';

export interface SheetPlan {
  sheet: string;
  community: string;
  constants: Record<string, string>;
  plan: Plan;
}

type SheetsInput = PlanChoices & {
  path?: string | undefined;
  encoding: 'auto' | 'utf-8' | 'gb18030' | 'utf-16le';
  sheets: { sheet: string; community: string; grid?: string | undefined }[];
};

/**
 * Every chosen sheet read as the target's records under its own 社区. Between sheets a person already planned on an
 * earlier sheet (the same key) is sent back: the same person filed under two communities is for the coordinator to settle.
 */
export async function sheetPlans(
  input: SheetsInput,
  ctx: TaskContext,
  signal: AbortSignal,
  file: OpenedSource = open({ ...input, sheet: undefined }, ctx),
): Promise<{ source: OpenedSource; plans: SheetPlan[]; tally: { found: number }; leftOut: LeftOutSheet[]; alreadyImported: ImportLogEntry | null }> {
  for (const s of input.sheets) {
    if (!file.sheets.includes(s.sheet)) throw badInput(`工作簿里没有名为「${s.sheet}」的工作表。`);
    // The wizard lists visible sheets only; a hidden one (a template's lists, an old copy) is never read unseen (S50-A3).
    if (file.hiddenSheets.includes(s.sheet))
      throw badInput(`工作表「${s.sheet}」在 WPS 或 Excel 里是隐藏的，按工作表分社区导入只读看得见的表：请先在表格里取消隐藏并核对它。本次没有导入任何内容。`);
  }
  // Sheets of this file imported before are left out, said with the others (earlier-imports.ts); all of them: the
  // file was imported before, read whole to show what it holds, as a one-sheet import's preview does.
  const earlier = q.logsByHash(ctx.read, input.target, file.hash);
  const done = input.sheets.filter((s) => earlierOfSheet(earlier, s.sheet));
  const allDone = done.length === input.sheets.length && done.length > 0;
  const toRead = allDone ? input.sheets : input.sheets.filter((s) => !done.includes(s));
  const plans: SheetPlan[] = [];
  // Every sheet whose header is not the first's, named at once: one at a time, twenty sheets took as many previews.
  const otherHeaders: { sheet: string; headers: string[] }[] = [];
  const tally = { found: 0 };
  const firstAt = new Map<string, { sheet: string; rowNumber: number }>();
  const target = IMPORT_TARGETS[input.target];
  // The person, not the target's row key: a case's key holds its category and start day, so the same person with
  // another 返程日期 on the next sheet was no "same person" and filed under both communities' counts (S50-A2).
  const personOf = (r: Record<string, unknown>): string => (input.target === 'cases' ? personKey(r as unknown as PersonRef) : target.keyOf(r));
  for (const s of toRead) {
    const source = s.sheet === file.sheet ? file : file.otherSheet(s.sheet);
    // A grid-named sheet's grid, when the coordinator ticked it: a whole-sheet value, checked as one (plan-inputs.ts).
    const constants = { ...input.constants, community: s.community, ...(s.grid !== undefined ? { grid: s.grid } : {}) };
    const onEarlierSheet = (record: Record<string, unknown>): Built<Record<string, unknown>> => {
      const earlier = firstAt.get(personOf(record));
      return earlier
        ? {
            ok: false,
            reasons: [{ field: '', message: `与工作表「${earlier.sheet}」第 ${earlier.rowNumber} 行是同一人：一个人只能在一个社区登记一次，请核对后删去一行` }],
          }
        : { ok: true, record };
    };
    const { plan, tally: t } = await planOf(source, { ...input, constants }, ctx, signal, plans.length > 0 ? onEarlierSheet : undefined);
    tally.found += t.found;
    const first = plans[0];
    if (first && headerSignature(plan.headers) !== headerSignature(first.plan.headers)) {
      otherHeaders.push({ sheet: s.sheet, headers: plan.headers });
      continue;
    }
    for (const row of plan.planned) if (!firstAt.has(personOf(row.record))) firstAt.set(personOf(row.record), { sheet: s.sheet, rowNumber: row.rowNumber });
    plans.push({ sheet: s.sheet, community: s.community, constants, plan });
  }
  if (otherHeaders.length > 0) throw headersDiffer(otherHeaders, plans[0]!.sheet);
  const leftOut = await sheetsLeftOut(ctx.read, file, target.def, new Set(input.sheets.map((s) => s.sheet)), signal);
  const before = allDone ? [] : done.map((s) => importedEarlier(s.sheet, earlierOfSheet(earlier, s.sheet)!));
  const order = (x: LeftOutSheet): number => file.sheets.indexOf(x.sheet);
  return { source: file, plans, tally, leftOut: [...leftOut, ...before].sort((a, b) => order(a) - order(b)), alreadyImported: allDone ? earlier[0]! : null };
}

function headersDiffer(other: readonly { sheet: string; headers: string[] }[], first: string): Error {
  const named = other.map((o) => `工作表「${o.sheet}」的表头（${o.headers.filter((h) => h !== '').join('、')}）`).join('；');
  const them = other.length === 1 ? '这张表，以后单独导入它' : `这 ${other.length} 张表，以后单独导入它们`;
  return badInput(`${named}与「${first}」的不同，不能按同样的列对应关系导入：请取消勾选${them}。本次没有导入任何内容。`);
}

const sum = (a: ImportCounts, b: ImportCounts): ImportCounts => ({
  total: a.total + b.total,
  created: a.created + b.created,
  updated: a.updated + b.updated,
  unchanged: a.unchanged + b.unchanged,
  skipped: a.skipped + b.skipped,
  flagged: a.flagged + b.flagged,
  rejected: a.rejected + b.rejected,
});

/** The preview of an import by sheets: each sheet's counts and their sum, the rows sent back with their sheet. Not staged: the commit reads the sheets again. */
export async function previewSheets(
  input: SheetsInput & { onDuplicate: 'skip' | 'update' | 'flag' },
  ctx: TaskContext,
  signal: AbortSignal,
  limits: { rejected: number; conflicts: number; sample: number },
): Promise<PreviewResult> {
  const { source, plans, tally, leftOut, alreadyImported } = await sheetPlans(input, ctx, signal);
  const target = IMPORT_TARGETS[input.target];
  const sheets: SheetCounts[] = [];
  const all: Decision[] = [];
  const result: PreviewResult = {
    // Nothing staged (the commit reads the sheets again): the id names the file the preview read (S50-A1).
    previewId: randomUUID(),
    fileName: source.fileName,
    fileHash: source.hash,
    headers: plans[0]!.plan.headers,
    alreadyImported,
    counts: emptyCounts(0, 0),
    rejected: [],
    conflicts: [],
    sample: [],
    yearFromFile: null,
    readNotes: [],
    merged: 0,
    sheets,
    sheetsLeftOut: leftOut,
  };
  for (const p of plans) {
    const decisions = classifyAll(ctx.read, target, p.plan, input.onDuplicate, ctx.sealer);
    all.push(...decisions);
    const counts = emptyCounts(p.plan.total, p.plan.rejected.length);
    for (const d of decisions) {
      counts[d.outcome]++;
      const c: ConflictView | null = result.conflicts.length < limits.conflicts ? conflictView(target, d) : null;
      if (c) result.conflicts.push(c);
      if (result.sample.length < limits.sample && (d.outcome === 'created' || d.outcome === 'updated' || d.outcome === 'unchanged'))
        result.sample.push({ rowNumber: d.row.rowNumber, outcome: d.outcome, shown: target.show(d.row.record) });
    }
    for (const r of p.plan.rejected)
      if (result.rejected.length < limits.rejected) result.rejected.push({ sheet: p.sheet, rowNumber: r.rowNumber, cells: r.cells, reasons: r.reasons });
    result.readNotes.push(...p.plan.notes.map((n) => `工作表「${p.sheet}」：${n}`));
    if (p.plan.yearFromFile && !result.yearFromFile) result.yearFromFile = p.plan.yearFromFile;
    sheets.push({ sheet: p.sheet, community: p.community, importId: null, counts, merged: p.plan.merged ?? 0 });
    result.counts = sum(result.counts, counts);
    result.merged += p.plan.merged ?? 0;
  }
  auditMatches(ctx, input.target, source, all, tally);
  return result;
}

/**
 * The commit of an import by sheets: the sheets read again (a preview by sheets is not staged), then one transaction
 * for all of them, each sheet its own 导入记录 with its rows sent back, its flags and its audit row. The file counts as
 * imported once each chosen sheet is (earlier-imports.ts): then the same file again answers 「以前导入过」, as a one-sheet
 * import does; chosen sheets imported before are left out and said with the sheets not imported.
 */
export async function commitSheets(
  input: SheetsInput & { onDuplicate: 'skip' | 'update' | 'flag'; rememberMapping: boolean; previewId?: string | undefined },
  ctx: TaskContext,
  signal: AbortSignal,
): Promise<CommitResult> {
  const opened = open({ ...input, sheet: undefined }, ctx);
  const earlier = q.logsByHash(ctx.read, input.target, opened.hash);
  if (earlier.length > 0 && input.sheets.every((s) => earlierOfSheet(earlier, s.sheet)))
    return { importId: null, alreadyImported: earlier[0]!, counts: emptyCounts(earlier[0]!.total, earlier[0]!.rejected), merged: 0, sheets: [] };
  refuseIfChangedSincePreview(ctx.session.sessionId, input.previewId, opened);
  const { source, plans, leftOut } = await sheetPlans(input, ctx, signal, opened);
  throwIfCancelled(signal);
  stopIfWindowEnded(ctx, input.target, source);
  const target = IMPORT_TARGETS[input.target];
  const file = described(source);
  const now = ctx.clock.nowIso();
  const backToWal = rollbackJournalWhenLarge(
    ctx.services.ledger.handle(),
    plans.reduce((n, p) => n + p.plan.planned.length, 0),
  );
  try {
    return ctx.write((db, audit) => {
      const sheets: SheetCounts[] = [];
      let importId: number | null = null;
      let counts = emptyCounts(0, 0);
      for (const p of plans) {
        const batch = batchedAudit(audit, ctx.sealer);
        const w = writeCtxOf(db, batch, ctx, now, file.fileName);
        const applied = applyDecisions(w, target, p.plan, input.onDuplicate, (done, total) => ctx.progress('commit', done, total));
        batch.flush();
        const id = recordImport(db, audit, ctx, {
          target: input.target,
          file,
          sheet: p.sheet,
          bySheet: true,
          constants: p.constants,
          onDuplicate: input.onDuplicate,
          plan: p.plan,
          applied,
          now,
        });
        importId ??= id;
        sheets.push({ sheet: p.sheet, community: p.community, importId: id, counts: applied.counts, merged: p.plan.merged ?? 0 });
        counts = sum(counts, applied.counts);
      }
      if (input.rememberMapping)
        q.rememberMapping(
          db,
          input.target,
          headerSignature(plans[0]!.plan.headers),
          plans[0]!.plan.headers,
          { mapping: input.mapping, constants: input.constants },
          now,
        );
      return { importId, alreadyImported: null, counts, merged: sheets.reduce((n, s) => n + s.merged, 0), sheets, sheetsLeftOut: leftOut };
    });
  } finally {
    backToWal();
  }
}
