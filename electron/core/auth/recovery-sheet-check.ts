/**
 * 用恢复密钥核对 (issue 19, CR1-U2): does the office's recovery sheet open the recovery slot pinned to the coordinator
 * key held now? The pin is named in the slot's private key's additional data (db/keyslot-coordinator.ts), so only the
 * sheet's holder can set it: a clerk who confirmed themselves with a recovery slot of their own cannot make the
 * office's sheet pass, neither by putting the old recovery slot back (it pins no coordinator key) nor by sealing the
 * key into it by public key (the pin is what is checked, not what the slot holds). Writes nothing but the throttle's
 * failure count (in the recovery key's queue, a sheet that does not open waits and is counted as auth.recover's is) and,
 * when the sheet opens the slot with every key held now, the audit anchor's digest of that slot (S41-A2).
 */
import { reanchorRecoverySlot } from '../audit/anchor-write';
import { findSlot, normaliseRecoveryKey, RECOVERY_SLOT, sameBytes, sameSlot, type Keyring } from '../db/keyring';
import { noteSlotOpenedBySheet } from '../db/recovery-slot-witness';
import { AppError } from '../errors';
import { isV2, openSlotAsync, type KeySlot } from '../db/keyslot';
import { pinNamesKey } from '../db/coordinator-pin';
import type { Ledger } from '../db/ledger';
import type { SessionContext } from '../handler-types';
import { sleep } from '../unlock-throttle';
import type { RecoverySheetCheck } from './types.shared';

/**
 * What the sheet found. 'opens': it opens the recovery slot, pinned (by that sheet's holder) to the coordinator key held,
 * with every key held now. 'refused': it opens no slot pinned to that key (mistyped, another sheet, or the slot is
 * another's). 'spoiled': it opens the slot, pinned to the key held, so it is the office's sheet, but the slot gives back
 * other keys (sealed to its public key outside the program, which anyone with the keyring file can do, or a sealed key
 * damaged). 'damaged': the slot is not one any sheet can open (its scrypt parameters or keys not of this program's
 * shape: db/keyslot-open.ts). Told apart since session 43 (S43-A1, S43-A2): the last two are not the sheet's fault.
 */
export type SheetVerdict = 'opens' | 'refused' | 'spoiled' | 'damaged';

/**
 * Whether `recoveryKey` opens the recovery slot of the open ledger, pinned (by that key's holder) to the coordinator key
 * held. The scrypt run is on libuv's thread pool (the core answers other channels meanwhile); the keys are read after
 * it, and a lock or a slot changed meanwhile (a new recovery key) is LOCKED or CONFLICT, not a sheet refused (nothing counted).
 */
export async function sheetOpensRecoverySlot(ledger: Ledger, recoveryKey: string, onOpened?: (keyring: Keyring) => void): Promise<SheetVerdict> {
  const keyring = ledger.keyring();
  const slot = findSlot(keyring, RECOVERY_SLOT);
  if (!slot || !ledger.coordinatorKey() || !isV2(slot) || !slot.coordinatorPin) return 'refused';
  let o: Awaited<ReturnType<typeof openSlotAsync>>;
  try {
    o = await openSlotAsync(keyring.ledgerId, slot, normaliseRecoveryKey(recoveryKey));
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'LEDGER_DAMAGED')) throw e;
    stillTheSlotRead(ledger, slot);
    return 'damaged';
  }
  if (!o) return 'refused';
  try {
    stillTheSlotRead(ledger, slot);
    const key = ledger.coordinatorKey();
    // The pin is in the private key's additional data: a slot that opens under it, naming the key held, is the sheet's.
    const sheetsSlot = key !== null && !o.pinBroken && pinNamesKey(slot.coordinatorPin, key);
    // Every key held now, not only a pin naming the coordinator key: the coordinator and sensitive keys are sealed to
    // the slot's public key, which anyone with the keyring file can do. Junk sealed as the coordinator key (dropped at
    // the open) passed, the slot taken as the office's, and the sheet then restored no coordinator (auth.recover: a
    // clerk, 'unvouched'; S42-A3); junk as the sensitive key was told 核对通过 while the warning stood (S42-A4).
    const sensitive = ledger.heldKeys().sensitiveKey;
    const opens =
      sheetsSlot &&
      sameBytes(o.dbKey, ledger.currentKey()) &&
      !!o.coordinatorKey &&
      sameBytes(o.coordinatorKey, key) &&
      (!sensitive || (!!o.sensitiveKey && sameBytes(o.sensitiveKey, sensitive)));
    // It is the office's sheet's slot, whatever was written in it outside the program (fields reordered, a field
    // added): 「恢复密钥那一项可能被改动过」 is answered (S41-A2). Synchronous after the CONFLICT check above: the slot
    // vouched for is the one opened.
    if (opens) onOpened?.(ledger.keyring());
    return opens ? 'opens' : sheetsSlot ? 'spoiled' : 'refused';
  } finally {
    for (const b of [o.kek, o.dbKey, o.sensitiveKey, o.coordinatorKey, o.pin]) b?.fill(0);
  }
}

/** Locked meanwhile (no coordinator key held now: not the sheet's fault) or the slot replaced meanwhile: nothing counted. */
function stillTheSlotRead(ledger: Ledger, slot: KeySlot): void {
  if (!ledger.isOpen()) throw new AppError('LOCKED', '台账已锁定，请先输入密码解锁。');
  if (!sameSlot(findSlot(ledger.keyring(), RECOVERY_SLOT), slot))
    throw new AppError('CONFLICT', '核对期间密钥文件里恢复密钥那一项在另一个窗口被改动了，请重新核对。');
}

export const SHEET_OPENS =
  '核对通过：这张恢复密钥就是台账现在认的那一张，统筹负责人的身份是用它确认或建立的（只有拿着这张恢复密钥的人才能这样做）。请再看一眼上面名单上的人是否都该是统筹负责人。';

export const SHEET_REFUSED =
  '核对没有通过：这张恢复密钥不是台账现在认的那一张，统筹负责人的身份不是用它确认或建立的。请先看清是否输错。' +
  '如果它就是本单位保管的那张、之后也没有统筹负责人生成过新的恢复密钥，说明有人用另一张恢复密钥把自己确认成了统筹负责人（升级前在程序之外换掉了台账里的恢复密钥）：' +
  '请不要继续使用台账，不要登记或修改，也不要把新密码告诉别人；关闭程序，把台账文件夹整个另存一份，联系技术支持。';

/** The office's sheet, its slot's sealed keys not those held (S43-A2): not an attack on the coordinators' list, a slot to replace. */
export const SHEET_SLOT_SPOILED =
  '核对没有通过：这张恢复密钥就是台账现在认的那一张（它能打开密钥文件里恢复密钥那一项，统筹负责人的身份是用它确认或建立的），' +
  '但那一项里封存的密钥已经不是台账现在用的：它在程序之外被改动过，或已损坏。用它重设密码将找不回统筹负责人的身份或加密保存的信息。' +
  '请点「生成新的恢复密钥」，打印后锁好，旧的那张作废。';

/** A slot no sheet can open (S43-A1): said as db/slot-damage.ts says it to auth.recover, not as an account to reset. */
export const SHEET_SLOT_DAMAGED =
  '核对没有通过：密钥文件里恢复密钥那一项已损坏，任何一张恢复密钥都打不开它，本单位保管的那张现在也用不上了（这不是输错）。' +
  '请点「生成新的恢复密钥」，打印后锁好，旧的那张作废。';

const WORDS: Record<SheetVerdict, string> = { opens: SHEET_OPENS, refused: SHEET_REFUSED, spoiled: SHEET_SLOT_SPOILED, damaged: SHEET_SLOT_DAMAGED };

/**
 * The slot the office's sheet opens is the program's from now on, in memory and (with the sensitive key) in the anchor.
 * The anchor is a courtesy here, as after a commit: a file that cannot be written (a full disk, a folder made read-only)
 * must not turn a check that passed into an error. This process knows the slot; its next keyed write puts it in the
 * anchor (recoveryDigestToAnchor asks the witness), and until then a program started again warns once more.
 */
function slotOpenedBySheet(ctx: SessionContext, keyring: Keyring): void {
  noteSlotOpenedBySheet(keyring);
  const sealer = ctx.services.ledger.sealer();
  if (!sealer) return;
  try {
    reanchorRecoverySlot(ctx.services.ledger.handle(), sealer, ctx.clock.nowIso());
  } catch {
    // Nothing to undo: the anchor file is replaced whole or not at all (fs-atomic), and the old one still checks.
  }
}

/**
 * The check for this session. Only a sheet that opens nothing is a guess, counted and made to wait as a wrong recovery
 * key is: one that opened the slot proved itself, and a damaged slot opens under none.
 */
export async function checkRecoverySheet(ctx: SessionContext, recoveryKey: string): Promise<RecoverySheetCheck> {
  const throttle = ctx.services.throttle;
  const { verdict, wait } = await throttle.attempt(RECOVERY_SLOT, async () => {
    const found = await sheetOpensRecoverySlot(ctx.services.ledger, recoveryKey, (keyring) => slotOpenedBySheet(ctx, keyring));
    return { verdict: found, wait: found === 'refused' ? throttle.fail(RECOVERY_SLOT, ctx.clock.nowIso()) : 0 };
  });
  const session = ctx.session;
  if (session) session.recoverySheet = verdict === 'opens' ? 'opens' : 'refused';
  if (wait > 0) await sleep(wait);
  return { opens: verdict === 'opens', message: WORDS[verdict] };
}
