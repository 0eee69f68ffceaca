/**
 * Every channel's handler, merged from the areas. The type makes it
 * exhaustive: a channel in api.ts without a handler does not compile.
 */
import type { Api } from './api';
import { auditHandlers } from './audit/handlers';
import { authHandlers } from './auth/handlers';
import type { HandlersOf } from './handler-types';
import { orgHandlers } from './org/handlers';
import { settingsHandlers } from './settings/handlers';
import { shellContract } from './shell/contract';

const shellHandlers = Object.fromEntries(Object.keys(shellContract).map((k) => [k, null])) as HandlersOf<typeof shellContract>;

export const handlers: HandlersOf<Api> = {
  ...authHandlers,
  ...auditHandlers,
  ...orgHandlers,
  ...settingsHandlers,
  ...shellHandlers,
};
