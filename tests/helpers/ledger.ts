/**
 * A real encrypted ledger in a temp folder, driven through the real router.
 * No mocks: the tests talk to the core exactly as the renderer does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiInput, ApiResult, Channel } from '../../electron/core/api';
import { SettableClock } from '../../electron/core/clock';
import type { Role, WireError } from '../../electron/core/contract';
import { Core, type CoreOptions } from '../../electron/core/core';
import type { DispatchResult } from '../../electron/core/router';
import type { GrantRequest } from '../../electron/core/shell/contract';
import { choose, withChosenPaths } from './chosen-paths';
import { clearMustChangePassword, getUserByName } from '../../electron/core/auth/user-queries';
import { asWriteDb } from '../../electron/core/db/types';
import { TEST_KDF } from '../../electron/core/db/slot-wrap';

/** Cheap scrypt for tests only (db/slot-wrap.ts); the app uses DEFAULT_KDF (N = 2^15). */
export { TEST_KDF };
export const ADMIN = { username: 'admin', displayName: '王建国', password: 'correct-horse-1' };
export const PASSWORD = 'password-1234';
/** The admin's password after a key rotation: every rotation ends with the rotating coordinator on a new one (issue 19, R1). */
export const ADMIN_NEXT = 'correct-horse-2';
/** What a rotation asks (停用, 改为只读查看, 更换密钥, a due one at sign-in): the coordinator's password and a new one, twice. */
export const rotating = (from = ADMIN.password, to = ADMIN_NEXT) => ({ password: from, newPassword: to, newPasswordAgain: to });

export class CallFailed extends Error {
  constructor(readonly error: WireError) {
    super(`${error.code}: ${error.message}`);
  }
}

export interface TestLedger {
  dir: string;
  core: Core;
  clock: SettableClock;
  recoveryKey: string;
  /** Calls as the admin (session 'admin') unless a session is given; throws CallFailed on error. */
  call<C extends Channel>(channel: C, input: ApiInput<C>, sessionId?: string): Promise<ApiResult<C>>;
  /** As the renderer would call, after the user chose any files named by path (see chosen-paths.ts). */
  raw(channel: string, input: unknown, sessionId?: string): Promise<DispatchResult>;
  /** The handle a window gets when its user picks `path` in a dialog (save: replacing an existing file if `replace`). */
  choose(kind: GrantRequest['kind'], path: string, opts?: { replace?: boolean; sessionId?: string }): Promise<string>;
  /** Expects the call to fail, returns the wire error. */
  fail(channel: string, input: unknown, sessionId?: string): Promise<WireError>;
  /** Creates a user with the role and unlocks a session for them; returns the session id. */
  sessionAs(role: Role, username?: string): Promise<string>;
  close(): void;
}

/** Moves the core's one clock to an instant and unlocks again as the admin (a long jump would find the session locked). */
export async function admitAt(t: TestLedger, instant: string): Promise<void> {
  t.clock.set(instant);
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
}

export async function openTestLedger(opts: { office?: string; dir?: string; now?: string; core?: Partial<CoreOptions> } = {}): Promise<TestLedger> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'taizhang-test-'));
  const clock = new SettableClock();
  clock.set(opts.now ?? '2020-02-17T01:00:00.000Z');
  const core = new Core({ dataDir: dir, clock, kdf: TEST_KDF, failureDelayBaseMs: 5, ...opts.core });
  // Tests also send names outside the contract on purpose: the router checks every name it is given.
  const raw = async (channel: string, input: unknown, sessionId = 'admin'): Promise<DispatchResult> => {
    const chosen = await withChosenPaths(core, sessionId, channel, input);
    return chosen.ok ? core.call(sessionId, channel as Channel, chosen.input) : chosen;
  };
  const call = async <C extends Channel>(channel: C, input: ApiInput<C>, sessionId = 'admin'): Promise<ApiResult<C>> => {
    const r = await raw(channel, input, sessionId);
    if (r.ok === true) return r.value as ApiResult<C>;
    if (r.ok === false) throw new CallFailed(r.error);
    throw new Error(`shell channel ${channel} needs a transport`);
  };
  const init = await call('setup.init', { office: { name: opts.office ?? '东风街道办事处' }, admin: ADMIN });
  let n = 0;
  return {
    dir,
    core,
    clock,
    recoveryKey: init.recoveryKey,
    call,
    raw,
    choose: (kind, path, o = {}) => choose(core, o.sessionId ?? 'admin', kind, path, o.replace),
    async fail(channel, input, sessionId = 'admin') {
      const r = await raw(channel, input, sessionId);
      if (r.ok !== false) throw new Error(`expected ${channel} to fail, it answered ${JSON.stringify(r).slice(0, 300)}`);
      return r.error;
    },
    async sessionAs(role, username) {
      const name = username ?? `${role}${++n}`;
      await call('users.create', { username: name, displayName: `测试${role}`, role, password: PASSWORD });
      // A user who has set their own password already (the first-login change itself: tests/unit/auth/first-password.test.ts).
      const u = getUserByName(core.services.ledger.handle(), name)!;
      clearMustChangePassword(asWriteDb(core.services.ledger.handle()), u.id, clock.nowIso());
      await call('auth.unlock', { username: name, password: PASSWORD }, name);
      return name;
    },
    close() {
      core.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `call` and `fail` for a core the test opened again on the same folder (a restart): values, or the wire error. */
export function callsOn(core: Core) {
  const call = async (channel: string, input: unknown, sessionId = 'admin'): Promise<unknown> => {
    const r = await core.call(sessionId, channel as Channel, input);
    if (r.ok !== true) throw new Error(JSON.stringify(r));
    return r.value;
  };
  const fail = async (channel: string, input: unknown, sessionId = 'admin'): Promise<WireError> => {
    const r = await core.call(sessionId, channel as Channel, input);
    if (r.ok !== false) throw new Error(`expected ${channel} to fail`);
    return r.error;
  };
  return { call, fail };
}

/**
 * openTestLedger's options for tests of older key layouts whose subject is something else: on a ledger without a
 * coordinator key, the table's 统筹负责人 counts as it did before (db/keyslot-coordinator.ts `CoordinatorKeyMode`).
 */
export const ROLES_AS_FOUND = { core: { coordinatorKeys: { make: true, rolesAsFound: true } } };

/**
 * openTestLedger's options for a ledger made as a version before row binding (migration 036) made it, for fixtures that
 * then write rows as an older version did (clear columns): setup binds nothing and its audit row says so, and no sealing
 * upgrade runs at this core's unlocks (so no binding upgrade is recorded before the old rows exist). Reopen the folder
 * with a default Core to have today's upgrades run.
 */
export const MADE_BEFORE_BINDING = { core: { rowBindings: [], sealUpgrades: [] } };
