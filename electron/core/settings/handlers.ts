import { dayIn } from '../dates.shared';
import { AppError } from '../errors';
import type { HandlersOf } from '../handler-types';
import { settingsContract } from './contract';
import { readColumnChoices, readSettings, writeColumnChoices, writeSetting } from './queries';

export const settingsHandlers: HandlersOf<typeof settingsContract> = {
  'settings.get': (db) => readSettings(db),
  'settings.update': (db, input, ctx) => {
    const before = readSettings(db);
    if (input.timeZone !== undefined && !input.confirmDayBack) refuseDayBackUnasked(ctx.clock.today(), dayIn(ctx.clock.now(), input.timeZone), input.timeZone);
    if (input.officeName !== undefined) writeSetting(db, 'officeName', input.officeName);
    if (input.idleLockMinutes !== undefined) writeSetting(db, 'idleLockMinutes', String(input.idleLockMinutes));
    if (input.timeZone !== undefined) writeSetting(db, 'timeZone', input.timeZone);
    const after = readSettings(db);
    ctx.audit({ entity: 'settings', entityId: null, before, after });
    // Every handler shares this clock: from now on "today" is the office's new day.
    ctx.clock.setTimeZone(after.timeZone);
    return after;
  },
  'settings.columns.list': (db, _input, ctx) => readColumnChoices(db, ctx.session.userId),
  'settings.columns.save': (db, input, ctx) => {
    const before = readColumnChoices(db, ctx.session.userId)[input.grid];
    writeColumnChoices(db, ctx.session.userId, input.grid, input.shown, ctx.clock.nowIso());
    ctx.audit({
      entity: 'grid_columns',
      entityId: input.grid,
      before: before ? { name: input.grid, shown: before } : undefined,
      after: { name: input.grid, shown: input.shown },
    });
    return readColumnChoices(db, ctx.session.userId);
  },
};

/**
 * A zone whose calendar is behind the present one takes the office's "today" back a day (at 01:30 in Beijing it is
 * still yesterday in Urumqi): whatever is written then is dated a day that has ended, whose forms may have gone to the
 * district (a household moved then counts in its new community on that day's 入户排查覆盖情况表: S45-A3). Not refused
 * outright (a Xinjiang office setting its zone after midnight has nothing sent yet): asked once, in words, and
 * changed only when the coordinator confirms (`confirmDayBack`; the change is audited as any setting, before and after).
 */
function refuseDayBackUnasked(today: string, todayThere: string, zone: string): void {
  if (todayThere >= today) return;
  throw new AppError(
    'CONFLICT',
    `改为「${zone}」后，台账的“今天”会从 ${today} 退回 ${todayThere}：这时新记下的事会算在 ${todayThere}，那一天已经报出的报表（例如入户排查覆盖情况表）会随之改变。确要更改请点「仍然更改」；也可以等两个时区是同一天时再改。`,
    { field: 'timeZone', dayBackFrom: today, dayBackTo: todayThere },
  );
}
