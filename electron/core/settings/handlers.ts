import type { HandlersOf } from '../handler-types';
import { settingsContract } from './contract';
import { readSettings, writeSetting } from './queries';

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
};
