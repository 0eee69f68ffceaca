/**
 * The passwords a holder's slot had before (issue 19, R1b; electron/core/README.md "Password history").
 *
 * Every rotation ends with the rotating coordinator on a new password, so a keyring put back from a leaver's copy
 * holds their slot as it was, which only the old password opens (session 21, R1). Going back to that password
 * later (修改密码, a second 更换密钥, the due rotation's step, a reset clerk's first password) made the put-back
 * slot open again, pinned exactly to the retired key (session 22, R1b). So each new slot carries checks of the
 * passwords before it, and a new password that opens one is refused.
 *
 * The checks live inside the holder's slot (db/keyslot.ts `retired`), bound to it by the private key's additional
 * data (db/slot-aad.ts): the leaver, who can rewrite the keyring, cannot strip or swap them without the holder's
 * current password no longer opening the slot (WRONG_PASSWORD: the tell R1 already names). A check is the retired
 * slot's own password side (salt, scrypt parameters, its wrapped private key and that wrap's additional data): no
 * new secret is made, nothing is exposed that the retired slot did not show, and a slot can be given the checks of
 * another's (a reset, a recovery) without knowing that password.
 *
 * Bounded (MAX_RETIRED): each check costs one scrypt run at every new password.
 */
import { deriveWrappingKey, deriveWrappingKeyAsync, unwrap } from './slot-wrap';
import { privateAad, type RetiredPassword } from './slot-aad';
import { isV2, type KeySlot } from './keyslot';

export type { RetiredPassword } from './slot-aad';

/**
 * Checks a slot carries: the passwords of its last five slots. Going back to a password retired by a rotation means
 * more than five changes since; each check is one scrypt run at every new password (434 ms at load 7.3 on the 2-core
 * development machine; six runs 890 ms at load 5.6: electron/core/README.md).
 */
export const MAX_RETIRED = 5;

/** Whether `secret` is the password a check was made from (one scrypt run; a check whose parameters are not this program's opens nothing). */
export function opensCheck(check: RetiredPassword, secret: string): boolean {
  let kek: Buffer;
  try {
    kek = deriveWrappingKey(secret, Buffer.from(check.salt, 'hex'), check.kdf);
  } catch {
    return false;
  }
  return opensWith(check, kek);
}

/** `opensCheck` with the scrypt run on libuv's thread pool (a recovery: the core answers other channels meanwhile). */
export async function opensCheckAsync(check: RetiredPassword, secret: string): Promise<boolean> {
  let kek: Buffer;
  try {
    kek = await deriveWrappingKeyAsync(secret, Buffer.from(check.salt, 'hex'), check.kdf);
  } catch {
    return false;
  }
  return opensWith(check, kek);
}

/** Whether `kek` opens the check; `kek` overwritten. */
function opensWith(check: RetiredPassword, kek: Buffer): boolean {
  try {
    const opened = unwrap(kek, check.aad, check.check);
    opened?.fill(0);
    return opened !== null;
  } finally {
    kek.fill(0);
  }
}

/** The position of the first check `secret` opens (0: the slot being replaced), or -1: a password not used in the history. */
export function usedAt(checks: readonly RetiredPassword[], secret: string): number {
  return checks.findIndex((c) => opensCheck(c, secret));
}

/** `usedAt` off the core thread, one check at a time (the pool's other threads stay free for sign-ins). */
export async function usedAtAsync(checks: readonly RetiredPassword[], secret: string): Promise<number> {
  for (const [i, c] of checks.entries()) if (await opensCheckAsync(c, secret)) return i;
  return -1;
}

/**
 * The check of the password that opens this slot now, then those its slot carries: what a new password for its
 * holder must open none of. The slot's own password side as it is, so no password is needed (a reset or a recovery
 * carries them). Trusted only once the current password opened the slot (README: the limit of a reset).
 */
export function passwordChecks(ledgerId: string, slot: KeySlot): RetiredPassword[] {
  if (!isV2(slot)) return [{ salt: slot.salt, kdf: slot.kdf, aad: `taizhang-slot:${slot.name}`, check: { iv: slot.iv, tag: slot.tag, wrapped: slot.wrapped } }];
  const own = { salt: slot.salt, kdf: slot.kdf, aad: privateAad(ledgerId, slot.name, slot.v, slot.retired, slot.coordinatorPin), check: slot.privateKey };
  // Read at most MAX_RETIRED: a slot is re-made by its holder offline with their own password, so its list is as long as
  // they like, and each check is a scrypt run on the core's thread (ninth attack run, H1: 100 checks held it 45 s).
  return [own, ...(Array.isArray(slot.retired) ? slot.retired.slice(0, MAX_RETIRED) : [])];
}

/** The history a new slot for the holder of `replaced` carries (db/keyslot.ts makeSlot `retired`). */
export const historyOf = (ledgerId: string, replaced: KeySlot | undefined): RetiredPassword[] =>
  replaced ? passwordChecks(ledgerId, replaced).slice(0, MAX_RETIRED) : [];
