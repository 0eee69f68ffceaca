/**
 * Every channel's handler, merged from the areas. The type makes it
 * exhaustive: a channel in api.ts without a handler does not compile.
 */
import type { Api } from './api';
import { auditHandlers } from './audit/handlers';
import { authHandlers } from './auth/handlers';
import { caseloadHandlers } from './caseload/handlers';
import { dashboardHandlers } from './dashboard/handlers';
import type { HandlersOf } from './handler-types';
import { honoursHandlers } from './honours/handlers';
import { backupHandlers } from './io/backup/handlers';
import { collectionHandlers } from './io/collection/handlers';
import { exportHandlers } from './io/export/handlers';
import { importHandlers } from './io/import/handlers';
import { orgHandlers } from './org/handlers';
import { rotaHandlers } from './rota/handlers';
import { settingsHandlers } from './settings/handlers';
import { shellContract } from './shell/contract';
import { suppliesHandlers } from './supplies/handlers';

const shellHandlers = Object.fromEntries(Object.keys(shellContract).map((k) => [k, null])) as HandlersOf<typeof shellContract>;

export const handlers: HandlersOf<Api> = {
  ...authHandlers,
  ...auditHandlers,
  ...orgHandlers,
  ...settingsHandlers,
  ...shellHandlers,
  ...caseloadHandlers,
  ...suppliesHandlers,
  ...rotaHandlers,
  ...honoursHandlers,
  ...importHandlers,
  ...exportHandlers,
  ...collectionHandlers,
  ...backupHandlers,
  ...dashboardHandlers,
};
