import { AppError, notFound } from '../errors';
import { noSensitiveKey } from '../auth/key-notice';
import type { AuditInput, HandlerContext, HandlersOf, WriteContext } from '../handler-types';
import { idNumberWithOriginal, maskIdNumber } from '../people/id-number';
import { caseDetails, listCases } from './case-queries';
import { restoreCase, voidCase } from './case-void';
import { caseloadContract } from './contract';
import { coverageSummary, fileZeroReport } from './coverage';
import { caseDetail, listChecks } from './detail';
import { readHealthSettings, writeHealthSettings } from './health-settings';
import { getHousehold, getResident, listHouseholds, listResidents } from './people-queries';
import { openedResidentRow } from './rows';
import { needSealer } from './sealed-people';
import { visitsOf } from './screening-visits.repo';
import { isDigitSearch } from './search.shared';
import { buildToday } from './today';
import * as w from './write-queries';

/** Audits what a write function changed and hands back its id. */
function applied(ctx: WriteContext, r: { id: number; audit: AuditInput[] }): number {
  for (const entry of r.audit) ctx.audit(entry);
  return r.id;
}

const now = (ctx: { clock: { nowIso(): string; today(): string } }) => [ctx.clock.nowIso(), ctx.clock.today()] as const;

/**
 * Viewers search by name only. A run of digits matches the end of ID numbers
 * and phones, and the mask shows the last four: extended one digit at a time
 * it would un-mask a number, so it is for clerks and coordinators only (and
 * audited, see search.shared.ts). The numbers are sealed with a key viewers
 * do not hold (sealed-people.ts), so even a whole ID number cannot be looked
 * up for them.
 */
function searchAllowed(q: string | undefined, ctx: HandlerContext): void {
  const s = (q ?? '').trim();
  if (!isDigitSearch(s)) return;
  if (ctx.session.role !== 'viewer' && ctx.sealer !== null) return;
  // A clerk or coordinator whose slot has no sensitive key yet: why, and what fixes it (auth/key-notice.ts).
  if (ctx.session.keyNotice) throw noSensitiveKey(ctx.session.keyNotice, { field: 'q' });
  throw new AppError('FORBIDDEN', '只读查看账号只能按姓名搜索。', { field: 'q' });
}

/** Viewers see the birth year at most: a whole birth date beside a name picks one person out (the rows already carry only the year without the key). */
function yearOnly<T extends { birthDate: string | null }>(row: T, ctx: HandlerContext): T {
  return ctx.session.role === 'viewer' && row.birthDate ? { ...row, birthDate: row.birthDate.slice(0, 4) } : row;
}
const pageFor = <T extends { birthDate: string | null }>(page: { rows: T[]; total: number }, ctx: HandlerContext) => ({
  ...page,
  rows: page.rows.map((r) => yearOnly(r, ctx)),
});

export const caseloadHandlers: HandlersOf<typeof caseloadContract> = {
  'households.save': (db, input, ctx) => {
    const id = applied(ctx, w.upsertHousehold(db, input, ...now(ctx), ctx.sealer));
    return getHousehold(db, id)!;
  },
  'households.get': (db, input) =>
    getHousehold(db, input.id) ??
    (() => {
      throw notFound(`住户（编号 ${input.id}）`);
    })(),
  'households.list': (db, input, ctx) => listHouseholds(db, input, ctx.clock.today()),
  'households.visits': (db, input) => {
    if (!getHousehold(db, input.householdId)) throw notFound(`住户（编号 ${input.householdId}）`);
    return visitsOf(db, input.householdId).map(({ id: _id, ...v }) => v);
  },
  'residents.save': (db, input, ctx) => {
    const id = applied(ctx, w.upsertResident(db, input, ...now(ctx), ctx.sealer));
    return getResident(db, id, ctx.sealer)!;
  },
  'residents.get': (db, input, ctx) =>
    yearOnly(
      getResident(db, input.id, ctx.sealer) ??
        (() => {
          throw notFound(`居民（编号 ${input.id}）`);
        })(),
      ctx,
    ),
  'residents.list': (db, input, ctx) => {
    searchAllowed(input.filter?.q, ctx);
    return pageFor(listResidents(db, input, ctx.sealer), ctx);
  },
  'residents.reveal': (db, input, ctx) => {
    const r = openedResidentRow(db, input.residentId, needSealer(ctx.sealer));
    if (!r) throw notFound(`居民（编号 ${input.residentId}）`);
    const stored = (input.field === 'idNumber' ? r.id_number : r.phone) ?? '';
    // A number written with 15 digits is shown as written too, beside the 18-digit form it is kept as.
    const value = input.field === 'idNumber' && stored ? idNumberWithOriginal(stored, r.id_number_was15 === 1) : stored;
    // The audit row says who looked at whose number, never the number itself.
    ctx.audit({
      entity: 'reveal',
      entityId: r.id,
      after: { resident: r.name, field: input.field, masked: input.field === 'idNumber' ? maskIdNumber(stored) : `${stored.slice(0, 3)}****` },
    });
    return { value };
  },
  'cases.open': (db, input, ctx) => {
    const id = applied(ctx, w.openCase(db, input, ...now(ctx), ctx.sealer));
    return caseDetails(db, [id], ctx.clock.today(), ctx.sealer)[0]!;
  },
  'cases.get': (db, input, ctx) => {
    const d = caseDetail(db, input.id, ctx.clock.today(), ctx.sealer);
    if (!d) throw notFound(`个案（编号 ${input.id}）`);
    return { ...d, case: yearOnly(d.case, ctx) };
  },
  'cases.list': (db, input, ctx) => {
    searchAllowed(input.filter?.q, ctx);
    return pageFor(listCases(db, input, ctx.clock.today(), ctx.sealer), ctx);
  },
  'cases.transition': (db, input, ctx) => {
    const id = applied(ctx, w.transitionCase(db, input, ...now(ctx)));
    return caseDetails(db, [id], ctx.clock.today(), ctx.sealer)[0]!;
  },
  'cases.bulkTransition': (db, input, ctx) => {
    let changed = 0;
    for (const caseId of new Set(input.caseIds)) {
      try {
        applied(ctx, w.transitionCase(db, { caseId, to: input.to, reason: input.reason }, ...now(ctx)));
        changed += 1;
      } catch (err) {
        // The router rolls the whole batch back; say which case stopped it.
        if (err instanceof AppError) throw new AppError(err.code, `个案编号 ${caseId}：${err.message}（整批未修改）`, { caseId });
        throw err;
      }
    }
    return { changed };
  },
  'cases.update': (db, input, ctx) => {
    const id = applied(ctx, w.updateCase(db, input, ...now(ctx)));
    return caseDetails(db, [id], ctx.clock.today(), ctx.sealer)[0]!;
  },
  'cases.void': (db, input, ctx) => {
    const id = applied(
      ctx,
      voidCase(db, input, ctx.session.displayName, ctx.clock.nowIso(), (instant) => ctx.clock.dayOf(instant)),
    );
    return caseDetails(db, [id], ctx.clock.today(), ctx.sealer)[0]!;
  },
  'cases.restore': (db, input, ctx) => {
    const id = applied(ctx, restoreCase(db, input.caseId, input.reason, ctx.clock.nowIso()));
    return caseDetails(db, [id], ctx.clock.today(), ctx.sealer)[0]!;
  },
  'checks.record': (db, input, ctx) => {
    const result = w.recordHealthCheck(db, input, ...now(ctx));
    applied(ctx, result);
    const check = listChecks(db, input.caseId).find((c) => c.id === result.id)!;
    return { check, flagged: result.flagged, case: caseDetails(db, [input.caseId], ctx.clock.today(), ctx.sealer)[0]! };
  },
  'checks.list': (db, input) => listChecks(db, input.caseId),
  'checks.escalate': (db, input, ctx) => {
    const id = applied(ctx, w.referEscalation(db, input, ...now(ctx), ctx.sealer));
    return caseDetails(db, [id], ctx.clock.today(), ctx.sealer)[0]!;
  },
  'checks.dismiss': (db, input, ctx) => {
    applied(ctx, w.dismissEscalation(db, input));
    return { ok: true };
  },
  'care.visits.record': (db, input, ctx) => ({ id: applied(ctx, w.recordCareVisit(db, input, ...now(ctx))) }),
  'care.tasks.close': (db, input, ctx) => {
    applied(ctx, w.closeCareTask(db, input.careTaskId, input.reason, ctx.clock.nowIso()));
    return { ok: true };
  },
  'care.needs.resolve': (db, input, ctx) => {
    applied(ctx, w.resolveCareNeed(db, input.visitId, input.actions ?? null, ...now(ctx)));
    return { ok: true };
  },
  'today.list': (db, { kind, offset, limit, ...place }, ctx) =>
    buildToday(db, ctx.clock.today(), { ...place, role: ctx.session.role, clock: ctx.clock, sealer: ctx.sealer }, { kind, offset, limit }),
  'coverage.summary': (db, input, ctx) => coverageSummary(db, ctx.clock.today(), input.communityId),
  'coverage.zeroReport': (db, input, ctx) => {
    const r = fileZeroReport(db, input.gridId, ctx.session.displayName, ctx.clock.today(), ctx.clock.nowIso());
    ctx.audit(r.audit);
    return { id: r.id };
  },
  'caseload.settings.get': (db) => readHealthSettings(db),
  'caseload.settings.update': (db, input, ctx) => {
    const before = readHealthSettings(db);
    writeHealthSettings(db, input);
    const after = readHealthSettings(db);
    ctx.audit({ entity: 'settings', entityId: 'caseload.health', before, after });
    return after;
  },
};
