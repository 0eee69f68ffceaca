import { existsSync, statSync } from 'node:fs';
import { appendAudit } from '../audit/audit-log';
import { AppError } from '../errors';
import { asWriteDb, type Database } from '../db/types';
import { findSlot, makeSlot, newRecoveryKey, normaliseRecoveryKey, openSlot, removeSlot, replaceSlot, RECOVERY_SLOT } from '../db/keyring';
import type { HandlersOf, SessionContext } from '../handler-types';
import { readSettings, writeSetting } from '../settings/queries';
import { authContract, type SessionInfo, type UserInfo } from './contract';
import { recordFailure, sleep, takeFailures } from './throttle';
import * as q from './user-queries';

function startSession(ctx: SessionContext, db: Database, user: UserInfo): SessionInfo {
  if (user.disabled) {
    if (ctx.services.sessions.size() === 0) ctx.services.ledger.close();
    throw new AppError('FORBIDDEN', '这个账号已停用，请联系统筹负责人。');
  }
  ctx.services.sessions.set({
    sessionId: ctx.sessionId,
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    lastActivityMs: ctx.clock.now().getTime(),
  });
  return sessionInfo(ctx, db, user);
}

/** What the renderer needs to know about the session; also puts the clock in the ledger's time zone. */
function sessionInfo(ctx: SessionContext, db: Database, user: UserInfo): SessionInfo {
  const s = readSettings(db);
  ctx.clock.setTimeZone(s.timeZone);
  return { user, officeName: s.officeName, idleLockMinutes: s.idleLockMinutes, clock: { timeZone: s.timeZone, now: ctx.clock.nowIso(), today: ctx.clock.today() } };
}

function audited(db: Database, ctx: SessionContext, user: UserInfo, channel: string, entity: string, after: unknown): void {
  asWriteDb(db).transaction(() =>
    appendAudit(asWriteDb(db), { at: ctx.clock.nowIso(), userId: user.id, username: user.username, channel, entity, entityId: user.id, after }),
  )();
}

async function wrongPassword(ctx: SessionContext, username: string, what: string): Promise<never> {
  const delay = recordFailure(ctx.services, username, ctx.clock.nowIso());
  await sleep(delay);
  throw new AppError('WRONG_PASSWORD', `${what}不正确，请重新输入。连续输错会让等待时间越来越长。`);
}

export const authHandlers: HandlersOf<typeof authContract> = {
  'setup.status': (_input, ctx) => ({
    initialized: ctx.services.ledger.isInitialized(),
    dataDir: ctx.services.ledger.paths.dir,
    problem: ctx.services.ledger.problem(),
  }),

  'setup.init': (input, ctx) => {
    const recoveryKey = newRecoveryKey();
    const now = ctx.clock.nowIso();
    const db = ctx.services.ledger.create(input.admin.username, input.admin.password, recoveryKey, now);
    const w = asWriteDb(db);
    const user = w.transaction(() => {
      const id = q.insertUser(w, { username: input.admin.username, displayName: input.admin.displayName, role: 'coordinator' }, now);
      writeSetting(w, 'officeName', input.office.name);
      const u = q.getUser(w, id)!;
      appendAudit(w, { at: now, userId: id, username: u.username, channel: 'setup.init', entity: 'ledger', entityId: null, after: { office: input.office.name, admin: u.username } });
      return u;
    })();
    startSession(ctx, db, user);
    return { recoveryKey };
  },

  'setup.openLedger': (input, ctx) => {
    // Only while nobody is unlocked: switching folders under an open session would mix two ledgers.
    if (ctx.services.sessions.size() > 0 || ctx.services.ledger.isOpen()) throw new AppError('CONFLICT', '请先锁定当前台账，再打开另一个台账。');
    if (!existsSync(input.path) || !statSync(input.path).isDirectory()) throw new AppError('NOT_FOUND', `找不到文件夹：${input.path}`);
    const next = ctx.services.openLedgerAt(input.path);
    if (!next.isInitialized()) throw new AppError('NOT_A_LEDGER', '这个文件夹里没有台账（缺少 taizhang.db 和 taizhang.keyring.json）。');
    ctx.services.ledger = next;
    return { initialized: true, dataDir: next.paths.dir, problem: next.problem() };
  },


  'auth.unlock': async (input, ctx) => {
    const db = ctx.services.ledger.unlock(input.username, input.password, ctx.clock.nowIso());
    if (!db) return wrongPassword(ctx, input.username, '用户名或密码');
    const user = q.getUserByName(db, input.username);
    if (!user) {
      if (ctx.services.sessions.size() === 0) ctx.services.ledger.close();
      return wrongPassword(ctx, input.username, '用户名或密码');
    }
    const info = startSession(ctx, db, user);
    const failed = takeFailures(ctx.services, input.username);
    if (failed) audited(db, ctx, user, 'auth.unlock.failures', 'auth', { failedAttempts: failed.count, at: failed.times });
    return info;
  },

  'auth.lock': (_input, ctx) => {
    ctx.services.sessions.delete(ctx.sessionId);
    if (ctx.services.sessions.size() === 0) ctx.services.ledger.close();
    return { locked: true };
  },

  'auth.whoami': (_input, ctx) => {
    if (!ctx.session || !ctx.services.ledger.isOpen()) return null;
    const db = ctx.services.ledger.handle();
    const user = q.getUser(db, ctx.session.userId);
    if (!user) return null;
    return sessionInfo(ctx, db, user);
  },

  'auth.recover': async (input, ctx) => {
    const db = ctx.services.ledger.unlock(RECOVERY_SLOT, normaliseRecoveryKey(input.recoveryKey), ctx.clock.nowIso());
    if (!db) return wrongPassword(ctx, RECOVERY_SLOT, '恢复密钥');
    const user = q.getUserByName(db, input.username);
    if (!user) {
      if (ctx.services.sessions.size() === 0) ctx.services.ledger.close();
      throw new AppError('NOT_FOUND', `没有名为「${input.username}」的用户。`);
    }
    const ledger = ctx.services.ledger;
    ledger.saveKeyring(replaceSlot(ledger.keyring(), makeSlot(user.username, input.newPassword, ledger.currentKey(), ledger.kdf)));
    audited(db, ctx, user, 'auth.recover', 'user', { passwordReset: true, by: 'recovery-key' });
    return startSession(ctx, db, user);
  },

  'auth.changePassword': (_db, input, ctx) => {
    const ledger = ctx.services.ledger;
    const keyring = ledger.keyring();
    const slot = findSlot(keyring, ctx.session.username);
    const key = slot ? openSlot(slot, input.oldPassword) : null;
    if (!key) throw new AppError('WRONG_PASSWORD', '原密码不正确，密码没有修改。');
    key.fill(0);
    ctx.audit({ entity: 'user', entityId: ctx.session.userId, after: { passwordChanged: true } });
    ledger.saveKeyring(replaceSlot(keyring, makeSlot(ctx.session.username, input.newPassword, ledger.currentKey(), ledger.kdf)));
    return { changed: true };
  },

  'users.list': (db) => q.listUsers(db),

  'users.create': (db, input, ctx) => {
    if (q.getUserByName(db, input.username)) throw new AppError('CONFLICT', `用户名「${input.username}」已被使用。`);
    const id = q.insertUser(db, input, ctx.clock.nowIso());
    const after = q.getUser(db, id)!;
    ctx.audit({ entity: 'user', entityId: id, after });
    const ledger = ctx.services.ledger;
    ledger.saveKeyring(replaceSlot(ledger.keyring(), makeSlot(input.username, input.password, ledger.currentKey(), ledger.kdf)));
    return after;
  },

  'users.update': (db, input, ctx) => {
    const before = q.getUser(db, input.id);
    if (!before) throw new AppError('NOT_FOUND', '找不到这个用户。');
    const role = input.role ?? before.role;
    if (before.role === 'coordinator' && role !== 'coordinator' && q.countActiveCoordinators(db) <= 1) {
      throw new AppError('CONFLICT', '这是最后一位统筹负责人，不能改为其他角色。请先指定另一位统筹负责人。');
    }
    q.updateUser(db, input.id, { displayName: input.displayName ?? before.displayName, role, disabled: before.disabled }, ctx.clock.nowIso());
    const after = q.getUser(db, input.id)!;
    ctx.audit({ entity: 'user', entityId: input.id, before, after });
    if (role !== before.role) ctx.services.sessions.dropUser(input.id);
    return after;
  },

  'users.disable': (db, input, ctx) => {
    const before = q.getUser(db, input.id);
    if (!before) throw new AppError('NOT_FOUND', '找不到这个用户。');
    if (input.id === ctx.session.userId) throw new AppError('CONFLICT', '不能停用自己正在使用的账号。');
    if (before.role === 'coordinator' && q.countActiveCoordinators(db) <= 1) throw new AppError('CONFLICT', '这是最后一位统筹负责人，不能停用。');
    q.updateUser(db, input.id, { displayName: before.displayName, role: before.role, disabled: true }, ctx.clock.nowIso());
    const after = q.getUser(db, input.id)!;
    ctx.audit({ entity: 'user', entityId: input.id, before, after });
    // Removing the slot means the password no longer opens the ledger at all.
    const ledger = ctx.services.ledger;
    ledger.saveKeyring(removeSlot(ledger.keyring(), before.username));
    for (const sid of ctx.services.sessions.dropUser(input.id)) ctx.services.emit(sid, { type: 'locked', reason: 'user-disabled' });
    return after;
  },
};
