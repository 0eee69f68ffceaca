/**
 * One account's key slot that is no longer one (a byte changed in taizhang.keyring.json: its scrypt parameters, its
 * public key, a sealed key's ephemeral key; db/keyslot-open.ts finds it) is that account's problem, not the ledger's:
 * the database and the other slots are sound, so the unlock screen must not say 台账无法打开 (LEDGER_DAMAGED sends it
 * to the problem screen and its backups). The reply says whose key cannot be opened, that the others still sign in, and
 * the way back the keyring shows (contract.ts ACCOUNT_KEY_DAMAGED_WAY). Only when no other slot looks sound either is it
 * the keyring's fault, said as LEDGER_DAMAGED. What a slot shows of its holder's role is guidance only (anyone with the
 * files can write it): the words decide nothing.
 */
import { ACCOUNT_KEY_DAMAGED_WAY, type AccountKeyWay } from '../contract';
import { AppError } from '../errors';
import { sameUsername } from '../auth/username.shared';
import { reasonable, type ScryptParams } from './slot-wrap';
import { RECOVERY_SLOT as RECOVERY, type Keyring, type KeySlot } from './keyring';

const isHex = (s: unknown, bytes?: number): boolean =>
  typeof s === 'string' && s.length > 0 && s.length % 2 === 0 && /^[0-9a-f]+$/i.test(s) && (bytes === undefined || s.length === bytes * 2);
const record = (x: unknown): Record<string, unknown> | null => (x !== null && typeof x === 'object' ? (x as Record<string, unknown>) : null);
const wrappedOk = (x: unknown): boolean => {
  const w = record(x);
  return w !== null && isHex(w.iv, 12) && isHex(w.tag, 16) && isHex(w.wrapped);
};
const sealedOk = (x: unknown): boolean => {
  const s = record(x);
  return s !== null && isHex(s.epk, 32) && isHex(s.iv, 12) && isHex(s.tag, 16) && isHex(s.sealed);
};

/**
 * Whether a slot has the shape this program writes: what can be seen without its password. A slot that passes may
 * still fail with it (a byte changed inside what is sealed); one that fails cannot open under any password.
 */
export function slotLooksSound(slot: unknown): boolean {
  const s = record(slot);
  if (!s || typeof s.name !== 'string' || !isHex(s.salt)) return false;
  const kdf = record(s.kdf);
  if (!kdf || !reasonable(kdf as unknown as ScryptParams)) return false;
  if (!('v' in s)) return isHex(s.iv, 12) && isHex(s.tag, 16) && isHex(s.wrapped);
  const keys = record(s.keys);
  return (s.v === 2 || s.v === 3) && wrappedOk(s.privateKey) && isHex(s.publicKey, 32) && keys !== null && sealedOk(keys.db);
}

/** A slot the coordinator key is sealed to (db/keyslot-coordinator.ts); null: its keys cannot be read. */
function holdsCoordinatorKey(slot: unknown): boolean | null {
  const keys = record(record(slot)?.keys);
  return keys ? keys.coordinator !== undefined : null;
}

const reply = (way: AccountKeyWay, message: string): AppError => new AppError('ACCOUNT_KEY_DAMAGED', message, { [ACCOUNT_KEY_DAMAGED_WAY]: way });

const OTHERS_SIGN_IN = '台账本身没有损坏，其他用户仍可正常解锁。';
const BY_RECOVERY = '请用恢复密钥为它重设密码（点本页的「忘记密码？用恢复密钥」），之后就能用新密码打开台账。';

/**
 * The reply to a sign-in whose own slot (`slot`, found under the name typed) cannot be opened: ACCOUNT_KEY_DAMAGED
 * with the way back, or LEDGER_DAMAGED when no other slot of the keyring looks sound (then nobody can sign in).
 */
export function slotDamageReply(keyring: Keyring, slot: KeySlot): AppError {
  const others = keyring.slots.filter((s) => !sameUsername(s.name, slot.name));
  if (!others.some(slotLooksSound))
    return new AppError('LEDGER_DAMAGED', '密钥文件（taizhang.keyring.json）中每个账号和恢复密钥的那一项都已损坏，没有人能解锁台账。请从备份恢复。');
  if (slot.name === RECOVERY)
    return reply(
      'newRecoveryKey',
      `密钥文件里恢复密钥那一项已损坏，这张恢复密钥暂时打不开台账。${OTHERS_SIGN_IN}请统筹负责人用自己的密码解锁，在「设置 › 用户」生成新的恢复密钥，打印后锁好，旧的那张作废。`,
    );
  const head = `密钥文件中「${slot.name.slice(0, 32)}」那一项已损坏，这个账号暂时无法用密码解锁。${OTHERS_SIGN_IN}`;
  const users = others.filter((s) => s.name !== RECOVERY && slotLooksSound(s));
  const recoveryOk = others.some((s) => s.name === RECOVERY && slotLooksSound(s));
  const own = holdsCoordinatorKey(slot);
  const ledgerHasCoordinatorKey = keyring.slots.some((s) => holdsCoordinatorKey(s) === true);
  // A ledger from before coordinator keys, or a slot whose keys cannot be read: the keyring cannot say whose it is.
  if (own === null || !ledgerHasCoordinatorKey)
    return reply('either', `${head}请统筹负责人在「设置 › 用户」为这个账号重设密码；如果这是本台账唯一的统筹负责人的账号，${BY_RECOVERY}`);
  if (!own) return reply('reset', `${head}请统筹负责人在「设置 › 用户」为这个账号「重设密码」，再用新的初始密码解锁。`);
  if (users.some((s) => holdsCoordinatorKey(s) === true))
    return reply('reset', `${head}请另一位统筹负责人在「设置 › 用户」为这个账号「重设密码」；也可以${BY_RECOVERY.slice(1)}`);
  if (recoveryOk) return reply('recovery', `${head}这是本台账唯一的统筹负责人账号：${BY_RECOVERY}`);
  return reply(
    'backup',
    `${head}但这是本台账唯一的统筹负责人账号，密钥文件里恢复密钥那一项也已损坏，没有人能为它重设密码：请从备份恢复（把最近一次备份的文件复制回台账文件夹）。`,
  );
}
