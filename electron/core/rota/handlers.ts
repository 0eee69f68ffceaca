import type { HandlersOf } from '../handler-types';
import { adjustAllowance, exportPaySheet } from './allowances';
import { badInput } from '../errors';
import { attendanceDay, confirmAttendance, confirmDay } from './attendance';
import { calendarHandlers } from './calendar-handlers';
import { exportInsurerRoster } from './insurance';
import { rotaContract } from './contract';
import { runGenerate } from './generate';
import { cancelRun } from './generate-runs';
import { postHandlers } from './post-handlers';
import { buildRoster, computeAllowances, rotaOutlook } from './reports';
import { staffHandlers } from './staff-handlers';
import './today-provider';

export const rotaHandlers: HandlersOf<typeof rotaContract> = {
  ...staffHandlers,
  ...postHandlers,
  ...calendarHandlers,
  'rota.generate': (input, ctx) => runGenerate(input, ctx),
  'rota.generate.cancel': (_db, input, ctx) => ({ cancelled: cancelRun(input.jobId, ctx.session) }),
  'rota.staff.insurerRoster': (input, ctx) => exportInsurerRoster(input, ctx),
  'rota.roster': (db, input, ctx) => buildRoster(db, ctx.sealer, input),
  'rota.outlook': (db, _input, ctx) => rotaOutlook(db, ctx.clock.today(), ctx.sealer),
  'rota.allowances': (db, input, ctx) => computeAllowances(db, input.from, input.to, input.communityId, ctx.sealer),
  'rota.attendance.list': (db, input, ctx) => attendanceDay(db, ctx.clock, input.day, input.communityId, ctx.sealer),
  'rota.attendance.confirm': (db, input, ctx) => {
    const r = confirmAttendance(
      db,
      ctx.clock,
      input.entries,
      {
        role: ctx.session.role,
        displayName: ctx.session.displayName,
        leaderStaffId: input.leaderStaffId,
      },
      ctx.sealer,
    );
    for (const a of r.audit) ctx.audit(a);
    return { changed: r.changed };
  },
  'rota.attendance.confirmDay': (db, input, ctx) => {
    if (input.day > ctx.clock.today()) throw badInput(`「日期」${input.day} 还没到，不能确认出勤。`, { field: 'day' });
    const { audit, ...result } = confirmDay(
      db,
      ctx.clock,
      input,
      {
        role: ctx.session.role,
        displayName: ctx.session.displayName,
        leaderStaffId: input.leaderStaffId,
      },
      ctx.sealer,
    );
    for (const a of audit) ctx.audit(a);
    return result;
  },
  'rota.allowances.adjust': (db, input, ctx) => adjustAllowance(db, input, ctx),
  'rota.allowances.export': (input, ctx) => exportPaySheet(input, ctx),
};
