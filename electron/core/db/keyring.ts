/**
 * The keyring: a small JSON file beside the ledger holding one key slot per
 * user plus the recovery slot (db/keyslot.ts: what a slot holds and how).
 * The database key itself is 32 random bytes nobody ever types; the sensitive
 * key (db/sealer.ts) is in the slots of clerks, coordinators and the
 * recovery slot only, so a viewer's password opens the file but not what is
 * sealed. Version 2 (slots with key pairs) since key rotation; a version-1
 * file is read and its slots converted one by one (db/ledger.ts).
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { writeFileAtomic } from '../fs-atomic';
import { AppError } from '../errors';
import { readRegularFile } from '../fs-guard';
import { isV2, SLOT_LAYOUT, slotHoldsSensitive, type KeySlot, type SlotLayout } from './keyslot';
import type { LineageLink } from './coordinator-lineage';
import { sameUsername, usernameKey } from '../auth/username.shared';

export { DEFAULT_KDF, makeSlot, openSlot, openSlotKeys, pinSlot, withoutSensitive, type KeySlot, type ScryptParams, type SlotKeys } from './keyslot';

export interface Keyring {
  format: 'taizhang-keyring';
  /**
   * 1: every slot of the older layout; 2: key-pair slots (and version-1 ones until each is converted); 3: pinned slots
   * may be in it (a version-2 program would take them for version 1 and refuse every password); 4: written by this
   * version (coordinator pins may name the key's signing public key, db/coordinator-pin.ts: a version-3 program would
   * read such a pin as naming another key and run that coordinator as 录入员, telling them not to take a reset).
   */
  version: 1 | 2 | 3 | 4;
  ledgerId: string;
  /** First 16 bytes of the encrypted database file (its SQLCipher salt), hex: ties keyring to file. */
  dbSalt: string;
  /** Changes at every key rotation: a backup whose keyring has another id needs the password of its time. */
  keyId?: string;
  slots: KeySlot[];
  /** Which coordinator key each rotation came from (db/coordinator-lineage.ts, CR1-Q): signed links, checked, never trusted as written. */
  coordinatorLineage?: LineageLink[];
}

export const RECOVERY_SLOT = '#recovery';

/** Whether any slot holds the sensitive key (false for a keyring made before sealing existed). */
export function hasSensitiveKey(keyring: Keyring): boolean {
  return keyring.slots.some(slotHoldsSensitive);
}

/**
 * Whether a version that had the sensitive key wrote this keyring: a slot holds the key, or any slot has the
 * version-2 layout (key pairs came after the sensitive key, and a slot is converted only once a holder has made
 * it: db/ledger.ts). With the files and the database key a viewer can remove the key from every slot (session 17
 * attack run, S1), but cannot turn a holder's version-2 slot back into a version-1 one without that holder's
 * password: the keyring still says "sealed", so no fresh key is made, the table's roles do not count and an
 * anchor stays due. Only a keyring of version-1 slots without the key is one from before sealing.
 */
export function keyedKeyring(keyring: Keyring): boolean {
  return hasSensitiveKey(keyring) || keyring.slots.some(isV2);
}

/** Slots still in the version-1 layout (their users have not unlocked since the upgrade): a rotation cannot rewrap them. */
export function legacySlots(keyring: Keyring): string[] {
  return keyring.slots.filter((s) => !isV2(s)).map((s) => s.name);
}

export function newKeyring(): Keyring {
  return { format: 'taizhang-keyring', version: 4, ledgerId: randomUUID(), dbSalt: '', keyId: randomUUID(), slots: [] };
}

/** Far above any office's keyring (a slot is about 1 KB). */
const MAX_KEYRING_BYTES = 4 * 1024 * 1024;

export function readKeyring(path: string): Keyring {
  let parsed: unknown;
  try {
    // Non-blocking and regular files only: a FIFO in its place (a folder opened as a ledger, a backup) must not freeze the core.
    parsed = JSON.parse(readRegularFile(path, MAX_KEYRING_BYTES, '密钥文件').toString('utf8'));
  } catch {
    throw new AppError('LEDGER_DAMAGED', '密钥文件（taizhang.keyring.json）无法读取或已损坏。请从备份恢复，或打开另一个台账。');
  }
  const k = parsed as Partial<Keyring>;
  if (k.format !== 'taizhang-keyring' || !Array.isArray(k.slots) || typeof k.ledgerId !== 'string') {
    throw new AppError('NOT_A_LEDGER', '密钥文件不是本程序的格式。请确认选择的是台账文件夹。');
  }
  if (k.version !== 1 && k.version !== 2 && k.version !== 3 && k.version !== 4)
    throw new AppError('LEDGER_TOO_NEW', '密钥文件由更新版本的程序创建，请使用新版程序打开。');
  refuseTwinSlots(k.slots);
  return k as Keyring;
}

/**
 * Two slots one name names (auth/username.shared.ts), refused where the keyring is read and before it is written
 * (fifteenth attack run, S29-A1): this program keeps one slot per name (replaceSlot), so twins were put there outside
 * it. A viewer with the files put a slot of their own password after a clerk's under the clerk's name: sign-ins and
 * the rotation's entitlement judged the first (findSlot), the rotation walked both and kept the last, so the new keys
 * went to the viewer's. With twins refused, every reader of the keyring sees one slot per name.
 */
export function refuseTwinSlots(slots: readonly unknown[]): void {
  const seen = new Set<string>();
  for (const s of slots) {
    const name = (s as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') continue;
    const key = usernameKey(name);
    if (!seen.has(key)) {
      seen.add(key);
      continue;
    }
    const shown = name === RECOVERY_SLOT ? '恢复密钥' : name.slice(0, 32);
    throw new AppError(
      'LEDGER_DAMAGED',
      `密钥文件（taizhang.keyring.json）中「${shown}」有两项：它在本程序之外被改动过，台账不能解锁。请从备份恢复，并请统筹负责人在恢复后更换密钥。`,
    );
  }
}

/**
 * Always written as version 4 (as 2 by a test's older layout): older versions refuse it (LEDGER_TOO_NEW) rather than
 * misread a converted or pinned slot, or a pin that names a public key.
 */
export function writeKeyring(path: string, keyring: Keyring, layout: SlotLayout = SLOT_LAYOUT): void {
  refuseTwinSlots(keyring.slots);
  writeFileAtomic(path, JSON.stringify({ ...keyring, version: layout.writeVersion === 3 ? 4 : layout.writeVersion }, null, 2));
}

/** The same slot, byte for byte (a slot judged, then read again after a scrypt run: changed meanwhile?). */
export const sameSlot = (a: KeySlot | undefined, b: KeySlot | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

// A slot is found, replaced and removed by who its name names (auth/username.shared.ts): 「Zhang」 finds zhang's
// slot and never sits beside it as a second one.
export function findSlot(keyring: Keyring, name: string): KeySlot | undefined {
  return keyring.slots.find((s) => sameUsername(s.name, name));
}

export function replaceSlot(keyring: Keyring, slot: KeySlot): Keyring {
  return { ...keyring, slots: [...keyring.slots.filter((s) => !sameUsername(s.name, slot.name)), slot] };
}

export function removeSlot(keyring: Keyring, name: string): Keyring {
  return { ...keyring, slots: keyring.slots.filter((s) => !sameUsername(s.name, name)) };
}

/** A recovery key: 160 random bits in Crockford base32, grouped by 4 for reading aloud. */
const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function newRecoveryKey(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/** Accepts the key typed with spaces, lower case, O for 0, I/L for 1. */
export function normaliseRecoveryKey(typed: string): string {
  const clean = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return (clean.match(/.{1,4}/g) ?? []).join('-');
}

export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
