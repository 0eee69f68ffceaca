/**
 * A password a holder had before is never accepted again as their new one (issue 19, R1b): a keyring put back from a
 * leaver's copy holds the holder's slot of that day, which that password opens, pinned to a key a rotation retired.
 * Every place a password is set for a holder asks here first, before anything is written (修改密码 and the first
 * password after a reset, a rotation's 新密码, the due rotation's step, 重设密码 and a promotion's initial password,
 * a recovery), and the new slot carries the history on (db/password-history.ts).
 */
import { findSlot, type Keyring, type KeySlot } from '../db/keyring';
import { historyOf, passwordChecks, usedAt, usedAtAsync, type RetiredPassword } from '../db/password-history';
import { AppError } from '../errors';

/** Which box the password was typed in, and the words for its refusal. */
export interface NewPasswordBox {
  field: 'newPassword' | 'password' | 'initialPassword';
  label: string;
  /** Own password changes: the words when it is the password that opens the slot now (position 0). */
  sameAsCurrent?: string;
  /** Whose passwords, said in the refusal ('这个账号': another user's, set by a coordinator). */
  whose?: string;
}

/**
 * The history a new slot for `username` with `secret` carries, or BAD_INPUT naming the box when `secret` opens the
 * slot it replaces or one of the checks that slot carries. One scrypt run per check (at most MAX_RETIRED + 1). A
 * coordinator choosing another user's initial password learns nothing here they could not learn offline: their
 * database key opens the keyring, and every check in it costs the same scrypt run there.
 */
export function refuseUsedPassword(keyring: Keyring, username: string, secret: string, box: NewPasswordBox): RetiredPassword[] {
  const slot = findSlot(keyring, username);
  if (!slot) return [];
  return historyUnless(keyring, slot, usedAt(passwordChecks(keyring.ledgerId, slot), secret), box);
}

/** `refuseUsedPassword` with the scrypt runs on libuv's thread pool (auth.recover): on the keyring as given. */
export async function refuseUsedPasswordAsync(keyring: Keyring, username: string, secret: string, box: NewPasswordBox): Promise<RetiredPassword[]> {
  const slot = findSlot(keyring, username);
  if (!slot) return [];
  return historyUnless(keyring, slot, await usedAtAsync(passwordChecks(keyring.ledgerId, slot), secret), box);
}

/** The history a new slot for the holder of `slot` carries, or the refusal when the password is at `at` in it (-1: not). */
function historyUnless(keyring: Keyring, slot: KeySlot, at: number, box: NewPasswordBox): RetiredPassword[] {
  if (at === 0 && box.sameAsCurrent) throw new AppError('BAD_INPUT', box.sameAsCurrent, { fields: [box.field] });
  if (at >= 0)
    throw new AppError('BAD_INPUT', `「${box.label}」不能用${box.whose ?? ''}以前用过的密码（换下的密码已作废，不能再用），请另设一个。没有做任何改动。`, {
      fields: [box.field],
    });
  return historyOf(keyring.ledgerId, slot);
}
