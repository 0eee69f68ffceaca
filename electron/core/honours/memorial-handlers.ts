/** Memorial records and their reporting timeline. Coordinators only (see contract). */
import { keepLimitBefore } from './report-limits';
import { badInput, notFound } from '../errors';
import type { HandlersOf } from '../handler-types';
import { checkIdNumber } from '../people/id-number';
import type { honoursContract } from './contract';
import { memorialDetail } from './detail';
import { honoursDue } from './due';
import { removeAssignmentsAfter } from '../rota/assignment-queries';
import * as q from './memorial-queries';
import { reportClock, reportingStatus } from './reporting.shared';
import { saveStep } from './steps';
import { markStaffDeceased } from '../rota/staff.repo';
import type { Sealer } from '../db/sealer';
import { auditPersonal, MEMORIAL_PERSONAL, REPORT_PERSONAL, requireSealer } from './sealed-records';

/** A memorial's audit row: what is in clear stays readable, the personal fields are sealed like the record. */
export function auditedMemorial(sealer: Sealer, m: q.MemorialBase) {
  return {
    staffId: m.staffId,
    communityId: m.communityId,
    diedAt: m.diedAt,
    learnedAt: m.learnedAt,
    psychSupportOn: m.psychSupportOn,
    personal: auditPersonal(sealer, MEMORIAL_PERSONAL, m),
  };
}

type C = typeof honoursContract;
type MemorialChannels =
  | 'honours.memorials.list'
  | 'honours.memorials.get'
  | 'honours.memorials.save'
  | 'honours.staffOptions'
  | 'honours.reports.add'
  | 'honours.due'
  | 'honours.settings.get'
  | 'honours.settings.update'
  | 'honours.steps.save';

/** A few minutes' grace for a clock a little behind the one the user read. */
const FUTURE_GRACE_MS = 5 * 60_000;

export const memorialHandlers: HandlersOf<Pick<C, MemorialChannels>> = {
  'honours.memorials.list': (db, input, ctx) => {
    const limit = q.readReportLimitHours(db);
    const now = ctx.clock.nowIso();
    return q.listMemorials(db, requireSealer(ctx.sealer), input.communityId).map(({ reportsJson, ...row }) => {
      const s = reportingStatus(reportClock(row).at, q.parseReportMoments(reportsJson), limit, now);
      return { ...row, elapsedHours: s.elapsedHours, missing: s.missing, overdue: s.overdue };
    });
  },
  'honours.memorials.get': (db, input, ctx) => {
    const detail = memorialDetail(db, ctx.sealer, input.id, ctx.clock.nowIso());
    // Opening the record is itself recorded: who looked at a death's circumstances, and when. No personal data in the row.
    ctx.audit({ entity: 'memorial_view', entityId: input.id, after: { opened: true } });
    return detail;
  },
  'honours.memorials.save': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    const sealer = requireSealer(ctx.sealer);
    if (Date.parse(input.diedAt) > ctx.clock.now().getTime() + FUTURE_GRACE_MS) throw badInput('「牺牲时间」不能晚于现在。', { field: 'diedAt' });
    if (input.learnedAt !== null) {
      if (Date.parse(input.learnedAt) < Date.parse(input.diedAt)) throw badInput('「获悉时间」不能早于牺牲时间。', { field: 'learnedAt' });
      if (Date.parse(input.learnedAt) > ctx.clock.now().getTime() + FUTURE_GRACE_MS) throw badInput('「获悉时间」不能晚于现在。', { field: 'learnedAt' });
    }
    let idNumber = input.idNumber && input.idNumber.trim() !== '' ? input.idNumber : null;
    if (idNumber) {
      const checked = checkIdNumber(idNumber);
      if (!checked.ok) throw badInput(`「身份证号」${checked.message}`, { field: 'idNumber' });
      idNumber = checked.value;
    }
    if (input.communityId !== null && !q.communityExists(db, input.communityId)) throw badInput('「社区」不存在，请重新选择。', { field: 'communityId' });
    if (input.staffId !== null) {
      const staff = q.getStaffName(db, input.staffId);
      if (!staff) throw badInput('「工作人员」在人员名册中不存在，请重新选择，或不关联名册直接填写。', { field: 'staffId' });
      if (staff.status !== 'deceased') {
        markStaffDeceased(db, staff.id, now);
        ctx.audit({ entity: 'staff', entityId: staff.id, before: { status: staff.status }, after: { status: 'deceased' } });
      }
      // The rota no longer plans them: shifts after the day of death are removed (their positions open again).
      for (const gone of removeAssignmentsAfter(db, staff.id, ctx.clock.dayOf(input.diedAt)))
        ctx.audit({ entity: 'rota_assignment', entityId: gone.id, before: gone, after: { removed: '人员已牺牲' } });
    }
    const fields: q.MemorialFields = { ...input, idNumber };
    if (input.id === undefined) {
      const id = q.insertMemorial(db, sealer, fields, now);
      ctx.audit({ entity: 'memorial', entityId: id, after: auditedMemorial(sealer, q.getMemorialBase(db, sealer, id)!) });
      return memorialDetail(db, sealer, id, now);
    }
    const before = q.getMemorialBase(db, sealer, input.id);
    if (!before) throw notFound('这条牺牲人员记录');
    q.updateMemorial(db, sealer, input.id, { ...fields, psychSupport: before.psychSupport, psychSupportOn: before.psychSupportOn }, now);
    ctx.audit({
      entity: 'memorial',
      entityId: input.id,
      before: auditedMemorial(sealer, before),
      after: auditedMemorial(sealer, q.getMemorialBase(db, sealer, input.id)!),
    });
    return memorialDetail(db, sealer, input.id, now);
  },
  'honours.staffOptions': (db, input) => q.findStaff(db, input.query),
  'honours.reports.add': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    const sealer = requireSealer(ctx.sealer);
    const m = q.memorialExists(db, input.memorialId);
    if (!m) throw notFound('这条牺牲人员记录');
    if (Date.parse(input.reportedAt) < Date.parse(m.diedAt)) throw badInput('「报告时间」不能早于牺牲时间。', { field: 'reportedAt' });
    if (Date.parse(input.reportedAt) > ctx.clock.now().getTime() + FUTURE_GRACE_MS) throw badInput('「报告时间」不能晚于现在。', { field: 'reportedAt' });
    const { memorialId, recipient, reportedAt, via, reportedBy, notes } = input;
    const id = q.insertReport(db, sealer, { memorialId, recipient, reportedAt, via, reportedBy, notes }, now);
    ctx.audit({
      entity: 'memorial_report',
      entityId: id,
      after: { memorialId, recipient, reportedAt, personal: auditPersonal(sealer, REPORT_PERSONAL, { via, reportedBy, notes }) },
    });
    return memorialDetail(db, sealer, input.memorialId, now);
  },
  'honours.due': (db, _input, ctx) => honoursDue(db, ctx.clock, requireSealer(ctx.sealer)),
  'honours.settings.get': (db) => q.readHonoursSettings(db),
  'honours.settings.update': (db, input, ctx) => {
    const before = q.readHonoursSettings(db);
    keepLimitBefore(db, input.reportLimitHours, ctx.clock.nowIso());
    q.writeHonoursSettings(db, input);
    const after = q.readHonoursSettings(db);
    ctx.audit({ entity: 'settings', entityId: 'honours', before, after });
    return after;
  },
  'honours.steps.save': (db, input, ctx) => {
    const sealer = requireSealer(ctx.sealer);
    if (!q.memorialExists(db, input.memorialId)) throw notFound('这条牺牲人员记录');
    ctx.audit(saveStep(db, sealer, input, ctx.clock.today(), ctx.clock.nowIso()));
    return memorialDetail(db, sealer, input.memorialId, ctx.clock.nowIso());
  },
};
