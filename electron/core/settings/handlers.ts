import type { HandlersOf } from '../handler-types';
import { settingsContract } from './contract';
import { readColumnChoices, readSettings, writeColumnChoices, writeSetting } from './queries';

export const settingsHandlers: HandlersOf<typeof settingsContract> = {
  'settings.get': (db) => readSettings(db),
  'settings.update': (db, input, ctx) => {
    const before = readSettings(db);
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
