/**
 * Opening a slot with its holder's password or the recovery key (db/keyslot.ts says what each layout holds): one
 * scrypt run, then the private key and the keys sealed to it. A sign-in derives on libuv's thread pool
 * (`openSlotAsync`), so the core answers other channels meanwhile; the other callers hold the thread for it.
 */
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors';
import { deriveWrappingKey, deriveWrappingKeyAsync, unwrap, type SlotKeys } from './slot-wrap';
import { openV1 } from './keyslot-v1';
import { isV2, keyFingerprint, NO_KEY, openSealedKey, type KeySlot, type KeySlotV2 } from './keyslot-layout';
import { pinAad, privateAad } from './slot-aad';
import { privateKeyOf } from './x25519';
import { pinnedCoordinatorKey } from './keyslot-coordinator';
import { coordinatorRotationOf } from './coordinator-lineage';

/**
 * What an unlock learns from a slot: its keys, and what its holder's password pins. `pin`: version 3's fingerprint
 * (null: it pins no key); absent: an older layout, nothing pinned. `pinBroken`: the slot's private key opens only
 * under the other layout's additional data, or its pin does not open: a pinned slot rewritten without its password
 * (the pin stripped, a version-3 slot relabelled 2): its sensitive key must not count. `kek`: the scrypt-derived key,
 * for `pinSlot`; the caller zeroes it.
 */
export interface OpenedSlot extends SlotKeys {
  pin?: Buffer | null;
  pinBroken?: true;
  kek: Buffer;
  /**
   * The coordinator key sealed to the slot is not the one its pin names (a rotation while its holder was away, or a
   * key someone else sealed there): whether the keyring's signed links lead from the pinned key to it
   * (db/coordinator-lineage.ts, CR1-Q). Absent when the pin names the key, or the slot holds none.
   */
  coordinatorRotation?: 'vouched' | 'unvouched';
}

/** The private key under the layout the slot names, or else under the other one (then the pin is broken). */
function openPrivate(ledgerId: string, slot: KeySlotV2, wrapKey: Buffer): { priv: Buffer; asLabelled: boolean } | null {
  const named = unwrap(wrapKey, privateAad(ledgerId, slot.name, slot.v, slot.retired, slot.coordinatorPin), slot.privateKey);
  if (named) return { priv: named, asLabelled: true };
  const other = unwrap(wrapKey, privateAad(ledgerId, slot.name, slot.v === 3 ? 2 : 3, slot.retired, slot.coordinatorPin), slot.privateKey);
  return other ? { priv: other, asLabelled: false } : null;
}

function openV2(ledgerId: string, slot: KeySlotV2, wrapKey: Buffer, lineage: unknown): Omit<OpenedSlot, 'kek'> | null {
  const opened = openPrivate(ledgerId, slot, wrapKey);
  if (!opened) return null;
  const { priv } = opened;
  try {
    const privateKey = privateKeyOf(priv, Buffer.from(slot.publicKey, 'hex'));
    const db = openSealedKey(ledgerId, slot, 'db', privateKey);
    if (!db) return null;
    const sensitive = openSealedKey(ledgerId, slot, 'sensitive', privateKey);
    const sealedCoordinator = openSealedKey(ledgerId, slot, 'coordinator', privateKey)?.key ?? null;
    const coordinatorRotation = coordinatorRotationOf(
      ledgerId,
      slot,
      sealedCoordinator,
      lineage,
      () => openSealedKey(ledgerId, slot, 'coordinator', privateKey, 'coordinatorPinned')?.key ?? null,
    );
    const coordinatorKey = pinnedCoordinatorKey(slot, sealedCoordinator);
    const keys: Omit<OpenedSlot, 'kek'> = {
      dbKey: db.key,
      sensitiveKey: sensitive?.key ?? null,
      ...(coordinatorKey ? { coordinatorKey } : {}),
      ...(sensitive?.legacy ? { legacyLayout: true as const } : {}),
      ...(coordinatorRotation ? { coordinatorRotation } : {}),
    };
    // Opened only under the other layout's AAD: relabelled by someone without the password (a version-3 slot made to look unpinned).
    if (!opened.asLabelled) return { ...keys, pinBroken: true };
    if (slot.v === 2) return keys;
    const pin = slot.pin ? unwrap(wrapKey, pinAad(ledgerId, slot.name), slot.pin) : null;
    if (!pin) return { ...keys, pinBroken: true };
    return { ...keys, pin: pin.equals(NO_KEY) ? null : pin };
  } finally {
    priv.fill(0);
  }
}

/**
 * A slot that is not one any more: a public key, an ephemeral key or scrypt parameters that are not what they must be
 * (one flipped byte made the unlock answer INTERNAL: session 19 attack run, T2). Said as such; the other slots still open.
 */
const damaged = (slot: KeySlot): AppError =>
  new AppError('LEDGER_DAMAGED', `密钥文件中「${slot.name}」那一项已损坏，这个账号暂时无法解锁。请统筹负责人为它重设密码，或从备份恢复。`);

/** The slot opened under the key its secret derived (zeroed unless returned as `kek`); null when GCM refuses it. */
function openWith(ledgerId: string, slot: KeySlot, wrapKey: Buffer, lineage: unknown): OpenedSlot | null {
  let opened: Omit<OpenedSlot, 'kek'> | null;
  try {
    opened = isV2(slot) ? openV2(ledgerId, slot, wrapKey, lineage) : openV1(slot, wrapKey);
  } catch {
    wrapKey.fill(0);
    throw damaged(slot);
  }
  if (opened) return { ...opened, kek: wrapKey };
  wrapKey.fill(0);
  return null;
}

/**
 * A slot's keys and pin, or null when the secret is wrong (GCM refuses). One scrypt run, any version, holding the
 * thread. `lineage`: the keyring's `coordinatorLineage`, to say whether a coordinator key its pin does not name came
 * by a rotation.
 */
export function openSlot(ledgerId: string, slot: KeySlot, secret: string, lineage: unknown = undefined): OpenedSlot | null {
  let wrapKey: Buffer;
  try {
    wrapKey = deriveWrappingKey(secret, Buffer.from(slot.salt, 'hex'), slot.kdf);
  } catch {
    throw damaged(slot);
  }
  return openWith(ledgerId, slot, wrapKey, lineage);
}

/** `openSlot` with the scrypt run on libuv's thread pool: a sign-in's, so the core answers other channels meanwhile. */
export async function openSlotAsync(ledgerId: string, slot: KeySlot, secret: string, lineage: unknown = undefined): Promise<OpenedSlot | null> {
  let wrapKey: Buffer;
  try {
    wrapKey = await deriveWrappingKeyAsync(secret, Buffer.from(slot.salt, 'hex'), slot.kdf);
  } catch {
    throw damaged(slot);
  }
  return openWith(ledgerId, slot, wrapKey, lineage);
}

/** Both keys a slot holds, or null when the secret is wrong. A broken pin drops the sensitive key (it cannot be trusted). */
export function openSlotKeys(ledgerId: string, slot: KeySlot, secret: string): SlotKeys | null {
  return keysOf(openSlot(ledgerId, slot, secret));
}

/** `openSlotKeys` with the scrypt run on libuv's thread pool (修改密码: the core answers other channels meanwhile). */
export async function openSlotKeysAsync(ledgerId: string, slot: KeySlot, secret: string): Promise<SlotKeys | null> {
  return keysOf(await openSlotAsync(ledgerId, slot, secret));
}

function keysOf(opened: OpenedSlot | null): SlotKeys | null {
  if (!opened) return null;
  const { kek, pin: _pin, pinBroken, coordinatorRotation: _rotation, ...keys } = opened;
  kek.fill(0);
  if (pinBroken) {
    keys.sensitiveKey?.fill(0);
    keys.coordinatorKey?.fill(0);
    return { dbKey: keys.dbKey, sensitiveKey: null };
  }
  return keys;
}

/** Whether `pin` (from `openSlot`) names `key`. */
export function pinNames(pin: Buffer, key: Buffer): boolean {
  const fp = keyFingerprint(key);
  return fp.length === pin.length && timingSafeEqual(fp, pin);
}
