/**
 * What a coordinator's sign-in says of the office's recovery sheet (SessionInfo.recoverySheetUnseen, from
 * auth/unseen-recovery-sheet.ts), and the name the notice goes by on screen: the renderer tells the two cases apart by
 * these words, one definition here (before, both were named 「恢复密钥已作废」, though after a keyless recovery the sheet
 * still opens the ledger).
 */

/** A recovery that gave no sensitive key, as the sign-in says it (设置 › 用户 › 密钥 says it with its button). */
export const KEYLESS_RECOVERY_WORDS =
  '上次用恢复密钥重设密码时，恢复密钥没能交出敏感信息密钥：本单位保管的那张恢复密钥只能打开台账，解不开加密保存的身份证号、电话等，' +
  '用它重设密码的人登录后只能只读查看。请到「设置 › 用户 › 密钥」点「生成新的恢复密钥」，打印后锁好，旧的那张作废；并为用它重设过密码的人重设密码。';

/**
 * The keyring holds no recovery slot (taken out of the file offline, or left out by a rotation): the office's sheet
 * opens nothing. 设置 › 用户 › 密钥 said it; the sign-in said nothing, and taking the slot out silenced the keyless
 * recovery's words (twenty-fifth attack run, S39-A2).
 */
export const NO_RECOVERY_SLOT_WORDS =
  '密钥文件里已经没有恢复密钥那一项：本单位保管的那张打印或抄写的恢复密钥打不开台账了，所有统筹负责人都忘记密码时将无法找回。' +
  '请到「设置 › 用户 › 密钥」点「生成新的恢复密钥」，打印后锁好，旧的那张作废。';

/**
 * The keyring's recovery slot is not the one the program last left (its digest in the audit anchor, MACed under the
 * sensitive key: db/recovery-slot-witness.ts): changed outside the program, its public key kept, it may open nothing
 * (twenty-sixth attack run, S40-A1); or nothing vouches for it: the anchor of a keyed ledger deleted, junked or forged
 * with it (S40-A2). A crash between a keyring write and the anchor's could say it too: so check first.
 */
export const RECOVERY_SLOT_ALTERED_WORDS =
  '程序无法确认密钥文件里恢复密钥那一项还是程序上次记下的那一项：它（或记着它的操作日志锚点）可能在程序之外被改动过，也可能是程序上次没有正常结束。' +
  '改动过的恢复密钥可能打不开台账，所有统筹负责人都忘记密码时将无法找回。请到「设置 › 用户 › 密钥」用本单位保管的那张恢复密钥核对；' +
  '核对不通过或找不到那张，就点「生成新的恢复密钥」，打印后锁好，旧的那张作废。';

/** The notice's name: what is true of the printed sheet, and what to do. */
export const RECOVERY_NOTICE_NAME = {
  /** A settled stop's new sheet never shown: the printed one opens nothing now. */
  void: '恢复密钥已作废：请生成新的',
  /** A recovery gave no sensitive key: the printed one opens the ledger, not the sealed values. */
  keyless: '恢复密钥只能打开台账：请生成新的',
  /** No recovery slot in the keyring: the printed one opens nothing. */
  missing: '密钥文件里没有恢复密钥：请生成新的',
  /** The slot is not the one the program left, or nothing vouches for it: the printed one may open nothing. */
  altered: '恢复密钥那一项可能被改动过：请核对或生成新的',
} as const;

/** The name of the sign-in's recovery-sheet notice, by its words. */
export function recoveryNoticeName(words: string): string {
  if (words === KEYLESS_RECOVERY_WORDS) return RECOVERY_NOTICE_NAME.keyless;
  if (words === RECOVERY_SLOT_ALTERED_WORDS) return RECOVERY_NOTICE_NAME.altered;
  return words === NO_RECOVERY_SLOT_WORDS ? RECOVERY_NOTICE_NAME.missing : RECOVERY_NOTICE_NAME.void;
}
