/**
 * A rotation stopped right after its switch and settled at the next key holder's unlock (auth/stopped-rotation.ts)
 * made a new recovery slot for a new recovery key (keys/rotation.ts `newRecovery`) that nobody saw: the reply that
 * would have shown it never came. The slot of the sheet the office printed was replaced, so that sheet no longer
 * opens the ledger, and nothing said so (issue 19). Read from the audit log, which the chain and the anchor keep: the
 * newest rotation that stood is a `settled` one. Every rotation that finishes shows its new sheet (RotationResult,
 * 生成新的恢复密钥 is one), so a `done` row after it ends the notice.
 */
import type { Clock } from '../clock';
import type { ReadDb } from '../db/types';
import { KEYS_ROTATE } from '../keys/key-history';
import * as q from './user-queries';

/** The coordinator's words while the last rotation that stood is a settled stop; null otherwise. */
export function unseenRecoverySheet(db: ReadDb, clock: Pick<Clock, 'wallTime'>): string | null {
  const last = db
    .prepare(
      `SELECT json_extract(after_json, '$.keysRotated') AS step, json_extract(after_json, '$.startedRow') AS startedRow
         FROM audit_log WHERE channel = @ch AND json_extract(after_json, '$.keysRotated') IN ('done', 'settled')
        ORDER BY id DESC LIMIT 1`,
    )
    .get({ ch: KEYS_ROTATE }) as { step: string; startedRow: unknown } | undefined;
  if (last?.step !== 'settled') return null;
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
