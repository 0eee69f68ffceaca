/**
 * A promotion from 只读查看 (users.update when it makes the slot anew; W1 through a promotion, session 22): only from a
 * session holding the key, with a new initial password for the user and the coordinator's own. Its scrypt runs (the
 * coordinator's own password, in the unlock throttle's turn; the user's password-history checks, up to MAX_RETIRED + 1;
 * the new slot's key) are on libuv's thread pool, so the core answers other windows meanwhile; as 重设密码
 * (password-reset.ts) what they were judged on is looked at again after the last of them (`refuseChangedPromotion`,
 * and the user's row inside the write: `sameUser`). Nothing is written before.
 */
import { AppError } from '../errors';
import type { Keyring } from '../db/keyring';
import type { RetiredPassword } from '../db/password-history';
import { deriveNewSecret, type NewSecret } from '../db/slot-wrap';
import type { TaskContext } from '../handler-types';
import { ROLE_LABELS, type ParsedInputOf, type Role } from '../contract';
import type { authContract } from './contract';
import type { UserInfo } from './types.shared';
import { confirmOwnPassword } from './rotation-passwords';
import { refuseUsedPasswordAsync } from './password-reuse';
import { sameUser, stillAsJudged } from './as-judged';

/** What a promotion's runs gave: the keyring they were judged on, the user's history and the new slot's key. */
export interface PreparedPromotion {
  judged: Keyring;
  retired: RetiredPassword[];
  secret: NewSecret;
}

const changedMeanwhile = (to: string) => new AppError('CONFLICT', `改为${to}期间台账在另一个窗口被锁定或改动了，角色没有更改。请重新输入。`);

/** Every check, then the runs; the caller zeroes `secret` once written (or refused). */
export async function preparePromotion(
  input: ParsedInputOf<(typeof authContract)['users.update']>,
  ctx: TaskContext,
  before: UserInfo,
): Promise<PreparedPromotion> {
  const to = ROLE_LABELS[input.role!];
  if (before.disabled) throw new AppError('CONFLICT', `这个账号已停用，不能改为${to}。需要时请为他另建账号。`);
  if (!ctx.sealer)
    throw new AppError(
      'FORBIDDEN',
      `改为${to}要把敏感信息密钥交给他，而您这次登录没有取得这把密钥（见登录时的提示）。请用持有密钥的统筹负责人账号登录后再改。`,
    );
  if (!input.initialPassword)
    throw new AppError('BAD_INPUT', `「新的初始密码」请输入：改为${to}后，他要用这个密码登录一次，再设置自己的密码。`, { fields: ['initialPassword'] });
  if (!input.password) throw new AppError('WRONG_PASSWORD', `「您的密码」请输入：改为${to}要用它确认。`, { fields: ['password'] });
  const judged = await confirmOwnPassword(ctx.services, ctx.session.username, input.password);
  // Not one the user had (issue 19, R1b), from the keyring as the own password was checked on.
  const retired = await refuseUsedPasswordAsync(judged, before.username, input.initialPassword, {
    field: 'initialPassword',
    label: '新的初始密码',
    whose: '这个账号',
  });
  const secret = await deriveNewSecret(input.initialPassword, ctx.services.ledger.kdf);
  return { judged, retired, secret };
}

/** After the last run: the window, the ledger, the keys, the coordinator's and the user's slots as judged. */
export function refuseChangedPromotion(ctx: TaskContext, prepared: PreparedPromotion, user: UserInfo, role: Role): void {
  if (!stillAsJudged(ctx, prepared.judged, [ctx.session.username, user.username])) throw changedMeanwhile(ROLE_LABELS[role]);
}

/** Inside the write: the user's row as it was when the runs began, their role still one no key holder set (`vouchedNow` false). */
export function refuseChangedUser(now: UserInfo | undefined, before: UserInfo, role: Role, vouchedNow: boolean): void {
  if (!sameUser(now, before) || vouchedNow) throw changedMeanwhile(ROLE_LABELS[role]);
}
