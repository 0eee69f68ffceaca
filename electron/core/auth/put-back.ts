/**
 * A recovery that opens a put-back copy (ninth attack run, RK1). After a rotation the rotation's new recovery key
 * opens the ledger and the old sheet nothing; but the leaver's put-back (R1) brings back the old recovery slot, and
 * with the coordinator's password and the new recovery key both failing, the old sheet from the drawer took the
 * retired key quietly: what was saved next the leaver opened offline. The folder alone cannot tell (README, R1), so a
 * recovery holding the key is refused, before anything is written, when either sign is there:
 * - this PC saw the key retired (auth/retired-here.ts: noted outside the ledger folder at each rotation here);
 * - the key fails the sealed data (keys/sealed-witness.ts): a value sealed since the rotation, under the new key,
 *   that the leaver left in place. Run at every recovery, exact pin or not: a recovery is rare, and the key it would
 *   hand over is the one everything saved next is sealed under. A damaged value refuses it too; the words say to
 *   restore a backup, which is right for both.
 * Neither holds when the leaver also removed the note on this PC (the same OS account on a shared PC) and deleted
 * every row added since the rotation: what is left then is the recovery screen's words (do not try the old sheet).
 */
import type { Database } from '../db/types';
import { AppError } from '../errors';
import type { CoreServices } from '../handler-types';
import { sealedWitness } from '../keys/sealed-witness';
import { retiredHere } from './retired-here';

export type PutBackSign = 'retired-here' | 'witness';

/** Which sign of a put-back the key the recovery slot just opened shows, or null. */
export function putBackSign(services: CoreServices, db: Database): PutBackSign | null {
  const ledger = services.ledger;
  const sealer = ledger.sealer();
  const key = ledger.heldKeys().sensitiveKey;
  if (!sealer || !key) return null;
  if (retiredHere(services.appDir, ledger.keyring().ledgerId, sealer)) return 'retired-here';
  // Another window holding the sensitive key already: it counted for them, and the recovery's had to be the same
  // (db/ledger.ts). Only such a window: a viewer's session holds no sensitive key, so it vouches for nothing (eleventh
  // attack run, RK1-W: a leaver signed in as viewer skipped the witness for the old sheet).
  if (services.sessions.all().some((s) => s.sensitive)) return null;
  return sealedWitness(db, key, services.sealedColumns) === 'fails' ? 'witness' : null;
}

/**
 * After a refused put-back recovery, the key it opened must not stay held. With a viewer's window signed in the
 * ledger stays open when the recovery is refused, so the retired key it took stayed held for whoever unlocked next
 * (eleventh attack run, RK1-W). When no window holds the sensitive key of its own, every window is locked and the
 * ledger closed: the refusal's words say to stop using this copy in any case.
 */
export function releaseAfterPutBack(services: CoreServices): void {
  if (services.sessions.all().some((s) => s.sensitive)) return;
  for (const s of services.sessions.all()) {
    services.sessions.delete(s.sessionId);
    services.grants.dropSession(s.sessionId);
    services.emit(s.sessionId, { type: 'locked', reason: 'manual' });
  }
  services.ledger.close();
}

const STOP =
  '请不要再用旧的恢复密钥或原来的密码登录，停止使用这份台账：请关闭程序，把台账文件夹里现在的文件另存一份，再把最近一次备份文件夹里的 taizhang.db、taizhang.keyring.json 和 taizhang.anchor.json 复制回台账文件夹后重新打开；需要时请联系技术支持。没有设置新密码，台账没有被改动。';

/** The refusal the recovery screen shows (LEDGER_DAMAGED: the files, not the key typed, are what is wrong). */
export function putBackRefusal(sign: PutBackSign): AppError {
  const why =
    sign === 'retired-here'
      ? '这份台账像是被换回了旧的副本：这把恢复密钥打开的是本机在更换密钥时已经作废的旧密钥。'
      : '这份台账像是被换回了旧的副本，或被人改动过：这把恢复密钥打开的密钥打不开台账里已经加密保存的内容（身份证号、电话等）。';
  return new AppError('LEDGER_DAMAGED', why + STOP, { putBack: sign });
}
