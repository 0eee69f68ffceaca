/**
 * The coordinator's 设置 › 用户 channels: accounts (create, reset a password, change a role, disable) and the
 * ledger's keys (更换密钥, a new recovery key, the keys' status). Unlock and setup are in handlers.ts, a recovery in
 * recover.ts, one's own password in password-change.ts; handlers.ts spreads these into the auth area's handlers.
 */
import { AppError } from '../errors';
import { findSlot, removeSlot, replaceSlot, withoutSensitive } from '../db/keyring';
import type { HandlerContext, HandlersOf, SessionContext } from '../handler-types';
import type { authContract } from './contract';
import type { UserInfo } from './types.shared';
import type { Role } from '../contract';
import type { LockReason } from '../api';
import type { ReadDb, WriteDb } from '../db/types';
import * as q from './user-queries';
import { isVouched, vouchRole } from './vouched-roles';
import { vouchSlotKey } from './slot-keys';
import { blockedError } from '../keys/rotation';
import { keyHistoryBeforeRotation, rotateAudited, rotateOrMarkDue, rotationWaitsFor } from './keys';
import { keyStatus, missedRotation } from './key-status';
import { markRotationDue } from './rotation-owed';
import { confirmRotationPasswords } from './rotation-passwords';
import { refuseUsedPassword } from './password-reuse';
import type { RetiredPassword } from '../db/password-history';
import { deriveNewSecret, type NewSecret } from '../db/slot-wrap';
import { unpinnedHolders } from './unpinned-users';
import { keyringLastIn, markedWithRow } from './slot-row';
import { preparePromotion, refuseChangedPromotion, refuseChangedUser } from './promotion';
import { stillAsJudged } from './as-judged';
import { coordinatorKeyForRole, madeCoordinator, refuseKeyNotFromPin, unmadeCoordinator } from './coordinator-key';

type AuthHandlers = HandlersOf<typeof authContract>;
// users.confirmCoordinator is the upgrade's (confirm-handlers.ts), users.resetPassword password-reset.ts.
type UserChannel = Exclude<Extract<keyof AuthHandlers, `users.${string}`>, 'users.confirmCoordinator' | 'users.resetPassword'>;

/**
 * A disabled or re-roled user's windows are locked, and the files they chose
 * there go with them: whoever unlocks that window next must not use a choice
 * made under the old role (second attack run, issue 19). Each window is told why
 * at once (a `locked` event), not at its next call.
 */
export function endSessionsOf(services: SessionContext['services'], userId: number, reason: LockReason): string[] {
  const dropped = services.sessions.dropUser(userId);
  for (const sid of dropped) {
    services.grants.dropSession(sid);
    services.emit(sid, { type: 'locked', reason });
  }
  return dropped;
}

/**
 * A password set anew by anyone but its user in their own window (重设密码 by a coordinator, 用恢复密钥 at the lock
 * screen): every window still open with the old password is locked; whoever sits there unlocks with the new one.
 * One rule for both, called once the new slot is written and before the recovering window's own session starts.
 */
export function endSessionsAfterReset(services: SessionContext['services'], userId: number, by: 'coordinator' | 'recovery-key'): string[] {
  return endSessionsOf(services, userId, by === 'coordinator' ? 'password-reset' : 'password-recovered');
}

/**
 * The user's slot made anew with a password the coordinator chose and knows (重设密码, a promotion from 只读查看):
 * the user sets their own before anything else (migration 047). It holds the sensitive key, pinned to it, only when
 * this session holds it (and so vouches for the role): a key sealed in later by public key never counts for a pin
 * naming none (db/ledger-pins.ts). Written last, once the caller's rows are: a failure before leaves the old slot.
 * `retired`: the user's password history (usedPasswordsOf), carried on so their own new password is checked too.
 */
export function remakeSlot(db: WriteDb, ctx: HandlerContext, user: UserInfo, password: string | NewSecret, role: Role, retired: RetiredPassword[]): void {
  const ledger = ctx.services.ledger;
  const coordinatorKey = coordinatorKeyForRole(ledger, role);
  // The key held, whatever the new role: a 录入员 slot made anew is pinless, and a promotion would then seal it in (PH2-K1's other road).
  refuseKeyNotFromPin(ledger.keyring(), user, coordinatorKey ?? ledger.coordinatorKey(), { db, sealer: ctx.sealer });
  q.requirePasswordChange(db, user.id, ctx.clock.nowIso());
  const slot = ledger.slotFor(user.username, password, ctx.sealer ? role : 'viewer', retired, coordinatorKey);
  vouchSlotKey(db, ctx.sealer, slot);
  // Marked with the caller's audit row, written before it: a crash before the commit leaves a slot refused at unlock (slot-row.ts).
  ledger.saveKeyring(replaceSlot(ledger.keyring(), markedWithRow(db, slot, user.id)));
}

/**
 * The initial password a coordinator sets for a user (重设密码, a promotion), refused when it is one the user had
 * (issue 19, R1b: a marked clerk's put-back slot opens with their old password), else the history their new slot
 * carries. Taken from the keyring as it is: the coordinator cannot open the user's slot (README: the limit).
 */
export const usedPasswordsOf = (ctx: HandlerContext, user: UserInfo, password: string, field: 'password' | 'initialPassword'): RetiredPassword[] =>
  refuseUsedPassword(ctx.services.ledger.keyring(), user.username, password, { field, label: '新的初始密码', whose: '这个账号' });

/** Whether the user's role already holds the sensitive key: not 只读查看, and set by a key holder (auth/vouched-roles.ts). */
const holdsKeyRole = (db: ReadDb, ctx: HandlerContext, user: UserInfo): boolean =>
  user.role !== 'viewer' && ctx.sealer !== null && isVouched(db, ctx.sealer, user);

export const userHandlers: Pick<AuthHandlers, UserChannel> = {
  'users.list': (db, _input, ctx) => {
    const keyring = ctx.services.ledger.keyring();
    // Refused the key at sign-in until a reset: a rotation marked the slot, or their password pins no key (unpinned-users.ts).
    const unpinned = unpinnedHolders(db);
    return q.listUsers(db).map((u) => ({
      ...u,
      needsNewPassword: !u.disabled && u.role !== 'viewer' && (missedRotation(findSlot(keyring, u.username)) || unpinned.has(u.id)),
    }));
  },

  'users.create': async (input, ctx) => {
    const ledger = ctx.services.ledger;
    const taken = (db: ReadDb) => {
      const found = q.getUserByName(db, input.username);
      if (!found) return;
      const same = found.username === input.username ? '' : '（用户名不分大小写和全角半角，算同一个名字）';
      throw new AppError('CONFLICT', `「用户名」${input.username} 已有账号「${found.username}」${same}，请换一个用户名。`, { fields: ['username'] });
    };
    taken(ctx.read);
    // The new slot's key on libuv's thread pool (one scrypt run): the core answers other windows meanwhile, so the
    // ledger, this window and the keys are looked at again after it (a lock or a rotation meanwhile: nothing written).
    const judged = ledger.keyring();
    const secret = await deriveNewSecret(input.password, ledger.kdf);
    try {
      if (!stillAsJudged(ctx, judged, [])) throw new AppError('CONFLICT', '新建用户期间台账在另一个窗口被锁定或更换了密钥，没有新建。请重新输入。');
      return ctx.write((db, audit) => {
        taken(db);
        // The coordinator chose this password and knows it: the user sets their own at first unlock.
        const id = q.insertUser(db, { ...input, mustChangePassword: true }, ctx.clock.nowIso());
        const after = q.getUser(db, id)!;
        audit({ entity: 'user', entityId: id, after });
        vouchRole(db, ctx.sealer, after);
        // The sensitive key goes into the new slot only from a session that holds it itself (and so could vouch for the role):
        // the ledger may hold it for another window while this one's role was written with the database key alone.
        const slot = ledger.slotFor(input.username, secret, ctx.sealer ? input.role : 'viewer', [], coordinatorKeyForRole(ledger, input.role));
        vouchSlotKey(db, ctx.sealer, slot);
        ledger.saveKeyring(replaceSlot(ledger.keyring(), slot));
        if (input.role === 'coordinator' && ctx.sealer) madeCoordinator(db, ledger, after);
        return after;
      });
    } finally {
      secret.wrapKey.fill(0);
    }
  },

  'users.update': async (input, ctx) => {
    const ledger = ctx.services.ledger;
    const by = { userId: ctx.session.userId, username: ctx.session.username };
    const current = q.getUser(ledger.handle(), input.id);
    // The screen hides it; the core refuses it too, before any password is checked or anything written.
    if (input.id === ctx.session.userId && input.role !== undefined && input.role !== current?.role)
      throw new AppError('CONFLICT', '不能更改自己正在使用的账号的角色。需要时请另一位统筹负责人来改。', { fields: ['role'] });
    const demotes = input.role === 'viewer' && current?.role !== 'viewer';
    // A promotion makes the slot anew, pinned to the key this session holds: never a key sealed in by public key. From
    // 只读查看, or from a role no key holder set (written into the table with the database key alone: session 17, S2).
    const promotes = current !== undefined && input.role !== undefined && input.role !== 'viewer' && !holdsKeyRole(ledger.handle(), ctx, current);
    // A demotion to viewer rotates the keys: the coordinator's own password and the new one first, before anything is written.
    const passwords = demotes ? await confirmRotationPasswords(ctx, input, '改为只读查看') : null;
    // A promotion's checks and runs (promotion.ts), all before anything is written.
    const promotion = promotes ? await preparePromotion(input, ctx, current) : null;
    try {
      // After the last await: what the runs were judged on, as it was.
      if (promotion) refuseChangedPromotion(ctx, promotion, current!, input.role!);
      // A failure at the commit, after the keyring was saved (a promotion's slot, a demotion's), puts it back (slot-row.ts).
      const { before, after } = keyringLastIn(ledger, () =>
        ctx.write((db, audit) => {
          const before = q.getUser(db, input.id);
          if (!before) throw new AppError('NOT_FOUND', '找不到这个用户。');
          // Not re-roled, renamed, disabled or vouched by another window meanwhile (that would need no new slot).
          if (promotion) refuseChangedUser(before, current!, input.role!, holdsKeyRole(db, ctx, before));
          const role = input.role ?? before.role;
          if (before.role === 'coordinator' && role !== 'coordinator' && q.countActiveCoordinators(db) <= 1) {
            throw new AppError('CONFLICT', '这是最后一位统筹负责人，不能改为其他角色。请先指定另一位统筹负责人。');
          }
          q.updateUser(db, input.id, { displayName: input.displayName ?? before.displayName, role, disabled: before.disabled }, ctx.clock.nowIso());
          const after = q.getUser(db, input.id)!;
          audit({ entity: 'user', entityId: input.id, before, after });
          // The role the coordinator set (and saw) is vouched for, if their session holds the key.
          if (input.role !== undefined) vouchRole(db, ctx.sealer, after);
          if (role === 'viewer' && before.role !== 'viewer') {
            // A viewer's slot never holds the sensitive key: drop it now (no password needed to take something away).
            const slot = findSlot(ledger.keyring(), before.username);
            if (slot) ledger.saveKeyring(replaceSlot(ledger.keyring(), withoutSensitive(slot)));
          }
          if (promotion) {
            audit({ entity: 'user', entityId: input.id, after: { passwordReset: true, mustChangePassword: true, promotedTo: role } });
            remakeSlot(db, ctx, after, promotion.secret, role, promotion.retired);
          }
          // Who is 统筹负责人 is vouched for by the coordinator key (issue 19, CR1): the list follows, and a coordinator leaving it has the keys rotated.
          if (role === 'coordinator' && before.role !== 'coordinator' && ctx.sealer) madeCoordinator(db, ledger, after);
          if (before.role === 'coordinator' && role !== 'coordinator') {
            unmadeCoordinator(db, ledger, after);
            if (role !== 'viewer' && ledger.coordinatorKey())
              markRotationDue(db, { at: ctx.clock.nowIso(), by, reason: `${before.displayName}不再是统筹负责人` }, ctx.sealer, ctx.sealer);
          }
          return { before, after: q.getUser(db, input.id)! };
        }),
      );
      // A promotion also made the slot anew: the old password opens nothing, like a reset.
      if (promotes) endSessionsAfterReset(ctx.services, input.id, 'coordinator');
      else if (after.role !== before.role) endSessionsOf(ctx.services, input.id, 'role-changed');
      // They knew the keys: after a demotion to viewer both are replaced.
      const rotates = after.role === 'viewer' && before.role !== 'viewer' && passwords !== null;
      return { ...after, keysRotated: rotates ? rotateOrMarkDue(ctx.services, by, `${before.displayName}改为只读查看`, passwords) : null };
    } finally {
      promotion?.secret.wrapKey.fill(0);
    }
  },

  'users.disable': async (input, ctx) => {
    const ledger = ctx.services.ledger;
    // Before the passwords are checked: the reason, not a password error, is what they need to read.
    if (input.id === ctx.session.userId) throw new AppError('CONFLICT', '不能停用自己正在使用的账号。需要时请另一位统筹负责人来停用。');
    const passwords = await confirmRotationPasswords(ctx, input, '停用');
    const after = ctx.write((db, audit) => {
      const before = q.getUser(db, input.id);
      if (!before) throw new AppError('NOT_FOUND', '找不到这个用户。');
      if (before.role === 'coordinator' && q.countActiveCoordinators(db) <= 1) throw new AppError('CONFLICT', '这是最后一位统筹负责人，不能停用。');
      q.updateUser(db, input.id, { displayName: before.displayName, role: before.role, disabled: true }, ctx.clock.nowIso());
      const after = q.getUser(db, input.id)!;
      audit({ entity: 'user', entityId: input.id, before, after });
      if (before.role === 'coordinator') unmadeCoordinator(db, ledger, before);
      // Removing the slot means the password no longer opens the ledger at all.
      ledger.saveKeyring(removeSlot(ledger.keyring(), before.username));
      return after;
    });
    endSessionsOf(ctx.services, input.id, 'user-disabled');
    // A key they saved before must not open the ledger again: new keys for everyone who remains.
    const by = { userId: ctx.session.userId, username: ctx.session.username };
    return { ...after, keysRotated: rotateOrMarkDue(ctx.services, by, `停用了${after.displayName}`, passwords) };
  },

  // 更换密钥, and 生成新的恢复密钥 too (设置 › 用户 › 密钥): a new sheet only in today's keyring left every older copy of
  // it (each backup holds one) opening today's keys with the old sheet (S31-A1), so the new sheet comes with new keys.
  'users.rotateKeys': async (input, ctx) => {
    const blockers = rotationWaitsFor(ctx.services.ledger.handle(), ctx.services.ledger.keyring());
    if (blockers.length > 0) throw blockedError(blockers);
    // Before the passwords: the reason is what they need to read (S34-A5); rotateAudited asks again after them.
    const dropKeyHistory = input.dropKeyHistory === true;
    keyHistoryBeforeRotation(ctx.services, dropKeyHistory);
    const passwords = await confirmRotationPasswords(ctx, input, '更换密钥');
    return rotateAudited(ctx.services, { userId: ctx.session.userId, username: ctx.session.username }, '统筹负责人更换密钥', passwords, { dropKeyHistory });
  },

  'users.keyStatus': (db, _input, ctx) => keyStatus(db, ctx.services.ledger, ctx.clock, ctx.services.sealedRecordAuditPurposes),
};
