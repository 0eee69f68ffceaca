/**
 * THE contract: every channel the renderer may call, with its zod input
 * schema, its result type and the least role allowed. The only way into the
 * core. Imports only zod (through the area contracts), so the renderer can
 * import its types. To add a channel: add it to the area's contract.ts and
 * its handler to the area's handlers.ts; the type checker finds the rest.
 * A channel name defined by two areas stops the contract from loading.
 */
import { mergeAreas, type InputOf, type ResultOf, type WireError } from './contract';
import { auditContract } from './audit/contract';
import { authContract } from './auth/contract';
import { caseloadContract } from './caseload/contract';
import { dashboardContract } from './dashboard/contract';
import { honoursContract } from './honours/contract';
import { backupContract } from './io/backup/contract';
import { collectionContract } from './io/collection/contract';
import { exportContract } from './io/export/contract';
import { importContract } from './io/import/contract';
import { orgContract } from './org/contract';
import { rotaContract } from './rota/contract';
import { settingsContract } from './settings/contract';
import { shellContract } from './shell/contract';
import { suppliesContract } from './supplies/contract';

export const api = mergeAreas({
  auth: authContract,
  audit: auditContract,
  org: orgContract,
  settings: settingsContract,
  shell: shellContract,
  caseload: caseloadContract,
  supplies: suppliesContract,
  rota: rotaContract,
  honours: honoursContract,
  import: importContract,
  export: exportContract,
  collection: collectionContract,
  backup: backupContract,
  dashboard: dashboardContract,
});

export type Api = typeof api;
export type Channel = Extract<keyof Api, string>;
export type ApiInput<C extends Channel> = InputOf<Api[C]>;
export type ApiResult<C extends Channel> = ResultOf<Api[C]>;

/** What every call answers, on every transport (worker, IPC, preview HTTP): the value, or an error a clerk can read. */
export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: WireError };

/** Events the core pushes to the renderer: progress of long jobs, "data changed", "you were locked". */
export type CoreEvent =
  | { type: 'changed'; channel: Channel }
  | { type: 'progress'; channel: Channel; phase: string; done: number; total: number }
  | { type: 'locked'; reason: LockReason };

/**
 * Why a window was locked: idle, by hand (or a restore, a put-back), or ended by another window's change to its user
 * (auth/user-handlers.ts endSessionsOf): 停用, a password set anew by the coordinator (重设密码, a promotion, a
 * confirmation) or with the recovery key, a role changed. The renderer says each in Chinese (app/lock-notice.ts).
 */
export type LockReason = 'idle' | 'manual' | 'user-disabled' | 'password-reset' | 'password-recovered' | 'role-changed';

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(api, name);
}
