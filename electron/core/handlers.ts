/**
 * Every channel's handler, merged from the areas. The type makes it
 * exhaustive: a channel in api.ts without a handler does not compile.
 */
import type { Api, Channel } from './api';
import { mergeAreas } from './contract';
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
import type { ShellChannel } from './shell/shell-impl';
import { suppliesHandlers } from './supplies/handlers';

/** Shell channels have no handler in the core: the transport serves them (see shell/shell-impl.ts). */
const shellHandlers = Object.fromEntries(Object.keys(shellContract).map((k) => [k, null])) as HandlersOf<typeof shellContract>;

/** Every channel of kind 'shell' must be in the shell contract, where both transports implement it; this line does not compile otherwise. */
type ShellKindChannels = { [C in Channel]: Api[C]['kind'] extends 'shell' ? C : never }[Channel];
const _everyShellChannelIsInTheShellContract: [Exclude<ShellKindChannels, ShellChannel>] extends [never] ? true : never = true;

export const handlers: HandlersOf<Api> = mergeAreas({
  auth: authHandlers,
  audit: auditHandlers,
  org: orgHandlers,
  settings: settingsHandlers,
  shell: shellHandlers,
  caseload: caseloadHandlers,
  supplies: suppliesHandlers,
  rota: rotaHandlers,
  honours: honoursHandlers,
  import: importHandlers,
  export: exportHandlers,
  collection: collectionHandlers,
  backup: backupHandlers,
  dashboard: dashboardHandlers,
});
