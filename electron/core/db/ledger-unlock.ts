/**
 * An unlock in two steps. `openSlot`, in the unlock throttle's turn (auth/handlers.ts), says whether the secret opens
 * the slot (its scrypt on libuv's thread pool, other channels answered meanwhile) and opens the file under the key it holds. `judgeKey`, after that turn, decides whether the sensitive key
 * the slot opened counts (db/ledger-pins.ts) and writes what follows (a converted or pinned slot, the keys held).
 * Where only the ledger's sealed data can decide, its scan runs in steps and other channels, a second user's unlock
 * included, are answered between them (W2's remnant: 2.7 s at a million rows, the core silent meanwhile). Nothing is
 * written before the verdict, and the verdict is the one a sign-in coming after whatever ran meanwhile would get.
 */
import { AppError } from '../errors';
import { findSlot, keyedKeyring, makeSlot, replaceSlot, sameSlot, type Keyring, type ScryptParams } from './keyring';
import { isV2, openSlotAsync, type KeyRefusal, type KeySlot, type SlotLayout } from './keyslot';
import { asksSealedData, keyRefusal, pinnedAtUnlock, refusalByWitness, type KeyJudge } from './ledger-pins';
import type { HeldSensitiveKey } from './held-sensitive-key';
import { slotDamageReply, slotLooksSound } from './slot-damage';
import { weakerThan } from './slot-wrap';
import type { LedgerProblem } from './ledger-problem.shared';
import type { Database } from './types';

/** What an unlock needs of the Ledger (db/ledger.ts), whose handle and keys these are. */
export interface UnlockSite {
  readonly kdf: ScryptParams;
  readonly slotLayout: SlotLayout;
  problem(): LedgerProblem | null;
  keyring(): Keyring;
  saveKeyring(k: Keyring): void;
  /** The handle open now, opened (and migrated) under `dbKey` if none is. */
  openUnder(dbKey: Buffer, nowIso: string): Database;
  /** The handle open now, if any, and the database key held with it. */
  handle(): Database | null;
  dbKey(): Buffer | null;
  readonly sensitive: HeldSensitiveKey;
  /** `key` if it is the coordinator key held, or none is held; else null (and `key` overwritten). */
  coordinatorKeyOrNull(key: Buffer | null): Buffer | null;
}

type Opened = NonNullable<Awaited<ReturnType<typeof openSlotAsync>>>;

/** A slot its secret opened, the file open: what `judgeKey` decides on. Its keys are overwritten by `judgeKey` or `dropSlot`. */
export interface OpenedSlot {
  readonly slot: KeySlot;
  readonly secret: string;
  readonly opened: Opened;
  readonly db: Database;
}

export interface Unlocked {
  db: Database;
  sensitive: boolean;
  legacyLayout: boolean;
  keyRefused: KeyRefusal | null;
  pinsNoKey: boolean;
  coordinatorKey: Buffer | null;
  coordinatorRotation?: 'vouched' | 'unvouched';
}

const keysOf = (o: Opened): Array<Buffer | null | undefined> => [o.kek, o.dbKey, o.sensitiveKey, o.coordinatorKey];

/**
 * The slot opened with `secret` and the file open under its key; null for a wrong secret (or unknown slot), opening
 * nothing. The scrypt run is on libuv's thread pool: other channels are answered meanwhile (the throttle's turn, which
 * the caller holds, still lets no other guess in). The verdict is on the slot as read before the run, so a wrong
 * secret is always counted; a right one whose slot was rewritten meanwhile (a password change or reset, a rotation,
 * its holder's other window pinning it) or whose ledger turned unreadable opens nothing: CONFLICT, or the problem.
 */
export async function openSlot(site: UnlockSite, slotName: string, secret: string, nowIso: string): Promise<OpenedSlot | null> {
  const problem = site.problem();
  if (problem) throw new AppError(problem.code, problem.message);
  const keyring = site.keyring();
  const slot = findSlot(keyring, slotName);
  // Run the KDF even for an unknown name so timing does not reveal which names exist (on a slot that looks sound: a
  // damaged first slot named the unknown name as damaged).
  const stand = slot ?? { ...(keyring.slots.find(slotLooksSound) ?? keyring.slots[0]!), name: slotName };
  let opened: Opened | null;
  try {
    opened = await openSlotAsync(keyring.ledgerId, stand, secret, keyring.coordinatorLineage);
  } catch (e) {
    // The slot is no longer one (db/keyslot-open.ts): this account's problem, said as such, unless every slot is.
    if (!(e instanceof AppError && e.code === 'LEDGER_DAMAGED')) throw e;
    if (!slot) return null;
    throw slotDamageReply(keyring, slot);
  }
  if (!slot || !opened) {
    if (opened) keysOf(opened).forEach((b) => b?.fill(0));
    return null;
  }
  try {
    // A slot the preview's test mode made cheap (TAIZHANG_TEST_KDF) opens only in a core that makes them so: told to
    // the one whose secret opened it, so a wrong guess still counts as one and learns nothing.
    if (weakerThan(slot.kdf, site.kdf)) throw weakSlot();
    const now = site.problem();
    if (now) throw new AppError(now.code, now.message);
    if (!sameSlot(findSlot(site.keyring(), slot.name), slot)) throw changedMeanwhile();
    return { slot, secret, opened, db: site.openUnder(opened.dbKey, nowIso) };
  } catch (e) {
    keysOf(opened).forEach((b) => b?.fill(0));
    throw e;
  }
}

const weakSlot = (): AppError =>
  new AppError(
    'FORBIDDEN',
    '这个密钥是测试模式（TAIZHANG_TEST_KDF）用测试参数建立的，强度不够，本程序不用它解锁：这样建立的台账只能用于测试。' +
      '如果这是真实台账，请协调员在「设置 › 用户」中重设此账户的密码。',
  );

/** An opened slot not gone on with (its user is not in the table, the unlock failed): its keys overwritten, not those held. */
export function dropSlot(site: UnlockSite, o: OpenedSlot): void {
  for (const b of keysOf(o.opened)) if (b && b !== site.dbKey() && b !== site.sensitive.current()) b.fill(0);
}

/**
 * Whether the key counts, and what follows. While the sealed data is scanned another window may lock the ledger
 * (its handle closed: CONFLICT, nothing written), change this slot (CONFLICT: the secret and key were judged on a
 * slot no longer there), or come to hold a key (then that key's rule decides, asked once more when the scan ends).
 */
export async function judgeKey(site: UnlockSite, o: OpenedSlot, judge: KeyJudge, pinNow: boolean): Promise<Unlocked> {
  const { kek, pin, pinBroken, coordinatorKey: slotCoordinatorKey, coordinatorRotation, ...keys } = o.opened;
  const { slot, secret, db } = o;
  try {
    // Only a key that counts (db/ledger-pins.ts) is held for every session, or goes into a converted or pinned slot.
    const missedRotation = isV2(slot) && slot.pinStale === true;
    const sensitiveKey = keys.sensitiveKey;
    const decide = () => (sensitiveKey === null ? null : keyRefusal(db, sensitiveKey, pin, pinBroken === true, site.sensitive, judge, missedRotation));
    let decided = decide();
    if (asksSealedData(decided)) {
      const witness = await judge.sealedData(db, sensitiveKey!).catch((e: unknown) => {
        stillOpen(site, db);
        throw e;
      });
      stillOpen(site, db);
      const again = decide();
      decided = asksSealedData(again) ? refusalByWitness(witness, again) : again;
    }
    const keyRefused: KeyRefusal | null = decided;
    const keyring = site.keyring();
    // The slot changed since it was opened (a reset, a rotation, its holder's other window pinning it): the password
    // and the key were judged on a slot no longer there; a reset's old password got a session, a rotation's missed
    // key the 'anchor' advice to copy a backup back (27th session's attack run, W2-R1, W2-R3). Nothing written.
    if (!sameSlot(findSlot(keyring, slot.name), slot)) throw changedMeanwhile();
    const save = (next: Keyring): void => site.saveKeyring(next);
    if (keyRefused) {
      keys.sensitiveKey!.fill(0);
      keys.sensitiveKey = null;
    }
    const sensitive = keys.sensitiveKey !== null;
    // The sensitive key as an older version sealed it (or a version-1 slot): the upgrade's trust on first use may run (auth/slot-keys.ts).
    const legacyLayout = sensitive && keys.legacyLayout === true;
    // Only now, with the file open under this key: a version-1 slot becomes a pinned slot holding the same keys.
    // Under the slot's own name, not the form typed (「ZHANG」 opens zhang's slot and leaves it zhang's).
    // Not before a holder has made the sensitive key: a key-pair slot in the file says the ledger is sealed (keyedKeyring).
    if (!isV2(slot) && keyedKeyring(keyring) && !keyRefused)
      save(replaceSlot(keyring, makeSlot(keyring.ledgerId, slot.name, secret, keys, site.kdf, keys.sensitiveKey, [], site.slotLayout)));
    else if (isV2(slot) && !keyRefused && !pinBroken && pinNow) {
      const pinned = pinnedAtUnlock(keyring, slot, kek, pin, keys.sensitiveKey, site.slotLayout);
      if (pinned) save(pinned);
    }
    if (site.dbKey() !== keys.dbKey) keys.dbKey.fill(0);
    if (keys.sensitiveKey) site.sensitive.hold(keys.sensitiveKey);
    // The coordinator key only beside a sensitive key that counts, and only the one held already, if any: the caller
    // checks the coordinators' list under it (auth/session-start.ts) before it is held.
    if (!sensitive) slotCoordinatorKey?.fill(0);
    const coordinatorKey = sensitive ? site.coordinatorKeyOrNull(slotCoordinatorKey ?? null) : null;
    // The holder's password pins no key (version 3): a key granted to this slot later never counts (db/ledger-pins.ts).
    return {
      db,
      sensitive,
      legacyLayout,
      keyRefused,
      pinsNoKey: pin === null && pinBroken !== true,
      coordinatorKey,
      ...(coordinatorRotation ? { coordinatorRotation } : {}),
    };
  } catch (e) {
    dropSlot(site, o);
    throw e;
  } finally {
    kek.fill(0);
  }
}

/** The handle the scan read is still the one open: else the ledger was locked (and maybe opened again) meanwhile. */
function stillOpen(site: UnlockSite, db: Database): void {
  if (site.handle() !== db) throw changedMeanwhile();
}

const changedMeanwhile = (): AppError => new AppError('CONFLICT', '解锁期间台账在另一个窗口被锁定或改动了，请重新输入密码解锁。');
