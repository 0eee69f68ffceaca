/**
 * A rotation stopped right after its switch and settled at the next key holder's unlock (auth/stopped-rotation.ts)
 * made a new recovery slot for a new recovery key (keys/rotation.ts `newRecovery`) that nobody saw: the reply that
 * would have shown it never came. The slot of the sheet the office printed was replaced, so that sheet no longer
 * opens the ledger, and nothing said so (issue 19). A settled stop is read from the audit log (the `settled` row, which
 * the chain and the anchor keep). Its end is not: a `done` row after it ended the notice, and a viewer can append one
 * offline (thirty-sixth session's attack run, S36-A5). Every rotation whose reply shows its new sheet (RotationResult;
 * 生成新的恢复密钥 is one) notes the recovery slot it showed, MACed under the new sensitive key (`RECOVERY_SHEET_SHOWN`):
 * the notice holds while the keyring's recovery slot is not the one noted. A viewer can delete the note (the notice
 * comes back: the safe side), not write one.
 */
import type { Clock } from '../clock';
import { findSlot, RECOVERY_SLOT, type Keyring } from '../db/keyring';
import { isV2 } from '../db/keyslot';
import { readMeta, writeMeta } from '../db/ledger-files';
import type { Sealer } from '../db/sealer';
import type { ReadDb, WriteDb } from '../db/types';
import { KEYS_ROTATE } from '../keys/key-history';
import { KEYLESS_RECOVERY_WORDS, NO_RECOVERY_SLOT_WORDS, RECOVERY_SLOT_ALTERED_WORDS } from './recovery-notice.shared';
import { anchorExpected, anchorMacHolds, anchorSite, hadAnchor, readAnchorFile } from '../audit/anchor';
import { recoverySlotAltered } from '../db/recovery-slot-witness';
import * as q from './user-queries';

/** Meta: the MAC of the recovery slot a rotation's reply showed the key of. */
export const RECOVERY_SHEET_SHOWN = 'recovery_sheet_shown';

/** The newest recovery that gave no sensitive key (recover.ts writes `recoveryGaveNoKey` on its row), or null. */
function lastKeylessRecovery(db: ReadDb): number | null {
  const id = db
    .prepare(`SELECT max(id) FROM audit_log WHERE channel = 'auth.recover' AND json_extract(after_json, '$.recoveryGaveNoKey') = 1`)
    .pluck()
    .get() as number | null;
  return id ?? null;
}

/**
 * The note's MAC: the ledger, the recovery slot, and the newest keyless recovery when there is one. A slot says which
 * sheet, not when: a note copied before a keyless recovery (which deletes it) and written back after it named the same
 * slot under the same key, and ended 「恢复密钥没能交出敏感信息密钥」 while the sheet still gave no key (twenty-fourth
 * attack run, S38-A2). With the recovery's row in it, a note from before that row no longer matches. Without one the
 * message is as before, so notes written earlier stay valid.
 */
function shownMac(db: ReadDb, sealer: Sealer, keyring: Keyring): string | null {
  const slot = findSlot(keyring, RECOVERY_SLOT);
  if (!slot || !isV2(slot)) return null;
  const keyless = lastKeylessRecovery(db);
  const named = keyless === null ? [keyring.ledgerId, slot.publicKey] : [keyring.ledgerId, slot.publicKey, keyless];
  return sealer.index(RECOVERY_SHEET_SHOWN, JSON.stringify(named)).toString('hex');
}

/** After a rotation's switch, in the transaction of its records: the recovery slot whose key its reply shows. */
export function noteRecoverySheetShown(w: WriteDb, sealer: Sealer, keyring: Keyring): void {
  const mac = shownMac(w, sealer, keyring);
  if (mac) writeMeta(w, RECOVERY_SHEET_SHOWN, mac);
}

/** Whether a rotation's reply showed the key of the keyring's recovery slot (its note holds under the key held now). */
export function recoverySheetShownNow(db: ReadDb, sealer: Sealer | null, keyring: Keyring): boolean {
  const mac = sealer ? shownMac(db, sealer, keyring) : null;
  return mac !== null && readMeta(db, RECOVERY_SHEET_SHOWN) === mac;
}

/**
 * The coordinator's words while a rotation was settled after a stop and no reply has shown the recovery slot the
 * keyring holds now; null otherwise, and without the sensitive key (nothing to tell a note by).
 */
export function unseenRecoverySheet(db: ReadDb, clock: Pick<Clock, 'wallTime'>, sealer: Sealer | null, keyring: Keyring): string | null {
  const last = db
    .prepare(
      `SELECT json_extract(after_json, '$.startedRow') AS startedRow,
              EXISTS (SELECT 1 FROM audit_log r WHERE r.channel = 'auth.recover' AND r.id > audit_log.id
                        AND json_extract(r.after_json, '$.recoveryGaveNoKey') = 1) AS keylessRecoveryAfter
         FROM audit_log WHERE channel = @ch AND json_extract(after_json, '$.keysRotated') = 'settled'
        ORDER BY id DESC LIMIT 1`,
    )
    .get({ ch: KEYS_ROTATE }) as { startedRow: unknown; keylessRecoveryAfter: number } | undefined;
  if (!last || !sealer) return null;
  if (recoverySheetShownNow(db, sealer, keyring)) return null;
  // A recovery since that gave no sensitive key deleted the note (recover.ts, S37-A2): 密钥's 「恢复密钥没能交出…」 says
  // what is true now, with the same advice; this notice's story of an unshown sheet would not be. The sign-in says that
  // recovery's words instead (signInRecoveryNotice): quiet there, one `auth.recover` row appended offline took every word
  // off it (twenty-fourth attack run, S38-A4).
  if (last.keylessRecoveryAfter === 1) return null;
  const started =
    typeof last.startedRow === 'number'
      ? (db.prepare(`SELECT at, username FROM audit_log WHERE id = @id`).get({ id: last.startedRow }) as { at: string; username: string } | undefined)
      : undefined;
  const when = started ? clock.wallTime(started.at) : null;
  const by = started ? (q.getUserByName(db, started.username)?.displayName ?? started.username) : null;
  const which = when && by ? `${when.day} ${when.time} ${by}做的更换密钥` : '上次更换密钥';
  return (
    `${which}在中途中断了（程序没有正常结束），程序在之后的登录时把它补完了。那次更换生成了一张新的恢复密钥，但没能显示出来：` +
    '本单位保管的那张打印或抄写的恢复密钥已经打不开台账了，所有统筹负责人都忘记密码时将无法找回。' +
    '请到「设置 › 用户 › 密钥」点「生成新的恢复密钥」，打印后锁好，旧的那张作废。'
  );
}

/**
 * A recovery's audit row says it gave no sensitive key, and the keyring's recovery slot is not one a reply has shown since
 * (meta `recovery_sheet_shown`, S36-A5's MAC under the key held now: a rotation, 生成新的恢复密钥 included, writes it).
 * Not ended by a later row: rows after the anchor's head pass as a viewer session's, and an appended `users.newRecoveryKey`
 * row ended it (twenty-third attack run, S37-A2). The slot itself cannot say it: its pin is wrapped under its secret.
 */
export function recoveryGaveNoKey(db: ReadDb, sealer: Sealer | null, keyring: Keyring): boolean {
  return lastKeylessRecovery(db) !== null && !recoverySheetShownNow(db, sealer, keyring);
}

/**
 * What a coordinator's sign-in says of the office's recovery sheet: a settled stop's unshown sheet, else no recovery
 * slot in the keyring, else a recovery that gave no sensitive key while the sheet is still that one (设置 › 用户 › 密钥 says the latter with its button; the
 * sign-in said nothing of it, and a keyless row appended offline after a settled stop took the sign-in's only words
 * away, S38-A4). Null without the sensitive key, as unseenRecoverySheet.
 */
export function signInRecoveryNotice(db: ReadDb, clock: Pick<Clock, 'wallTime'>, sealer: Sealer | null, keyring: Keyring): string | null {
  const unseen = unseenRecoverySheet(db, clock, sealer, keyring);
  if (unseen || !sealer) return unseen;
  // No recovery slot at all: whatever happened to the sheet before, it opens nothing now (S39-A2: the slot taken out
  // offline after a keyless recovery silenced that recovery's words here).
  if (!findSlot(keyring, RECOVERY_SLOT)) return NO_RECOVERY_SLOT_WORDS;
  if (recoveryGaveNoKey(db, sealer, keyring)) return KEYLESS_RECOVERY_WORDS;
  return recoverySlotAlteredNow(db, sealer, keyring) ? RECOVERY_SLOT_ALTERED_WORDS : null;
}

/**
 * Whether the keyring's recovery slot is not the one the program last left, as the ledger's anchor names it under the
 * sensitive key (db/recovery-slot-witness.ts; twenty-sixth attack run, S40-A1: the slot's private key junked or another
 * database key sealed to it, its public key kept, and nothing said), or whether nothing vouches for it: the anchor a
 * keyed ledger must have deleted, junked or forged (S40-A2: taken away with the slot, only the anchor's finding spoke,
 * which sends the coordinator to a restore, never to the sheet). An anchor from before this version names no slot.
 */
export function recoverySlotAlteredNow(db: ReadDb, sealer: Sealer | null, keyring: Keyring): boolean {
  if (!sealer) return false;
  const site = anchorSite(db);
  const anchor = readAnchorFile(site.path);
  if (typeof anchor !== 'object') return anchorExpected(site.keyed, hadAnchor(db));
  if (anchor.ledgerId !== keyring.ledgerId || !anchorMacHolds(anchor, sealer)) return true;
  return recoverySlotAltered(keyring, anchor.recovery);
}
