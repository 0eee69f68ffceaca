import type { HandlersOf } from '../handler-types';
import { adjustAllowance, exportPaySheet } from './allowances';
import { calendarHandlers } from './calendar-handlers';
import { exportInsurerRoster } from './insurance';
import { rotaContract } from './contract';
import { runGenerate } from './generate';
import { postHandlers } from './post-handlers';
import { buildRoster, computeAllowances, rotaOutlook } from './reports';
import { staffHandlers } from './staff-handlers';
import './today-provider';

export const rotaHandlers: HandlersOf<typeof rotaContract> = {
  ...staffHandlers,
  ...postHandlers,
  ...calendarHandlers,
  'rota.generate': (input, ctx) => runGenerate(input, ctx),
  'rota.staff.insurerRoster': (input, ctx) => exportInsurerRoster(input, ctx),
  'rota.roster': (db, input) => buildRoster(db, input.from, input.to, input.communityId),
  'rota.outlook': (db, _input, ctx) => rotaOutlook(db, ctx.clock.today()),
  'rota.allowances': (db, input) => computeAllowances(db, input.from, input.to, input.communityId),
  'rota.allowances.adjust': (db, input, ctx) => adjustAllowance(db, input, ctx),
  'rota.allowances.export': (input, ctx) => exportPaySheet(input, ctx),
};
