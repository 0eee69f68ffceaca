/**
 * The key history (keys/key-history.ts: the sensitive keys retired by rotations, for old audit payloads) found
 * damaged or missing, said (S34-A5). meta is written with the database key alone, so a viewer offline can junk the
 * list or delete it; then every payload sealed under a retired key is unreadable, and the next rotation would start
 * the list afresh (S33-A6) and give those keys up for good. Before this, only that rotation's audit row said so.
 *
 * Here: what the coordinator is told (at sign-in, on 设置 › 用户 › 密钥, by 操作日志's check), an audit row at the first
 * key holder's unlock that finds it (once per damage: the row names the damage by a digest), and the check that
 * 更换密钥 asks before it drops the list (auth/keys.ts rotateAudited).
 * "Missing" counts where it matters: a finished rotation that kept the list (its `started` row says so, from session
 * 36 on: after a deletion, 更换密钥 restarted it unasked and a backup from before was called altered, S36-A4b), or
 * sealed audit payloads from before it. A ledger that rotated before it had a sensitive key has no history and nothing
 * sealed then: nothing to say.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import type { Sealer } from '../db/sealer';
import type { ReadDb } from '../db/types';
import { KEYS_ROTATE, readKeyHistory, readKeyHistoryRaw } from './key-history';
import type { KeyHistoryFinding } from '../auth/types.shared';
import type { Clock } from '../clock';

/**
 * The `started` row of the newest rotation that stood (done, or settled after a stop), with its time, and whether any
 * rotation up to it kept the list (1); null before any. Any, not the newest's: rows appended after the anchor's head pass
 * as a viewer session's, and a forged `started`/`done` pair without the flag made the list's deletion read as nothing
 * again (twenty-third attack run, S37-A1). A forged row can add the flag, never take one away.
 */
function lastStoodRotation(db: ReadDb): { id: number; at: string; kept: number | null } | null {
  const row = db
    .prepare(
      `WITH started AS (SELECT id, at, json_extract(after_json, '$.keyHistoryKept') AS kept FROM audit_log
          WHERE channel = @ch AND json_extract(after_json, '$.keysRotated') = 'started'
            AND id < (SELECT max(id) FROM audit_log WHERE channel = @ch AND json_extract(after_json, '$.keysRotated') IN ('done', 'settled')))
       SELECT id, at, (SELECT max(kept) FROM started WHERE kept = 1) AS kept FROM started ORDER BY id DESC LIMIT 1`,
    )
    .get({ ch: KEYS_ROTATE }) as { id: number; at: string; kept: number | null } | undefined;
  return row ?? null;
}

/**
 * The first sealed value of a stored audit payload with the purposes it may be under, null when it holds none:
 * audit/audit-seal.ts `sealedValueFinder` (numbers and whole records, as the reveal opens them). The format is the audit
 * area's, and that area imports this one, so callers hand it in.
 */
export type FirstSealedValue = (payload: string | null) => { purposes: readonly string[]; sealed: Buffer } | null;

/**
 * Audit rows before `id` holding a sealed value (audit-seal.ts: `{ masked, sealed }`, or a sealed record) that today's
 * key does not open: a row whose first sealed value holds under today's key is readable whatever the log says of
 * rotations. A `started`/`done` pair appended to a ledger that never rotated made every payload "unreadable", and the
 * message sent the coordinator to restore a backup for nothing (twenty-fourth attack run, S38-A3); a memorial record's
 * row stayed so until its record's purposes were tried too (twenty-fifth, S39-A1).
 */
function unreadableRowsBefore(db: ReadDb, sealer: Sealer, id: number, firstSealedValue: FirstSealedValue): number {
  const rows = db
    .prepare(`SELECT before_json AS b, after_json AS a FROM audit_log WHERE id < @id AND (before_json LIKE '%"sealed"%' OR after_json LIKE '%"sealed"%')`)
    .iterate({ id }) as Iterable<{ b: string | null; a: string | null }>;
  let unreadable = 0;
  for (const row of rows) {
    const value = firstSealedValue(row.a) ?? firstSealedValue(row.b);
    if (!value || !value.purposes.some((purpose) => sealer.holds(purpose, value.sealed))) unreadable++;
  }
  return unreadable;
}

/**
 * The count per held key and rotation row. A sealer lives while its key is held (every window locked drops it), and
 * the rows before a rotation that stood do not change while the program holds the file: 密钥 counted them all again
 * each time it opened, the core thread held (4–8 s at 100,000 sealed rows under load, twenty-sixth attack run).
 */
const counted = new WeakMap<Sealer, Map<number, number>>();

function unreadableRowsBeforeOnce(db: ReadDb, sealer: Sealer, id: number, firstSealedValue: FirstSealedValue): number {
  const known = counted.get(sealer) ?? new Map<number, number>();
  counted.set(sealer, known);
  const n = known.get(id) ?? unreadableRowsBefore(db, sealer, id, firstSealedValue);
  known.set(id, n);
  return n;
}

/** Whether the history opens under today's key: 'ok' (or none was ever needed), 'damaged', or 'absent'. */
function historyOpens(db: ReadDb, sealer: Sealer): 'ok' | 'damaged' | 'absent' {
  if (readKeyHistoryRaw(db) === null) return 'absent';
  try {
    return Array.isArray(readKeyHistory(db, sealer)) ? 'ok' : 'damaged';
  } catch (e) {
    if ((e instanceof AppError && e.code === 'LEDGER_DAMAGED') || e instanceof SyntaxError) return 'damaged';
    throw e;
  }
}

/**
 * Whether the list is lost where a reader needs it: 'damaged' (it does not open under today's key), 'missing' (absent
 * though a rotation stood), else null. A backup from before a rotation is checked against the list
 * (io/backup/handlers.ts): without it the program cannot tell that backup's key, and must say the list is the cause,
 * not the backup (twenty-second attack run, S36-A4: a viewer deleted it, and a genuine backup was called altered).
 */
export function keyHistoryLost(db: ReadDb, sealer: Sealer): 'damaged' | 'missing' | null {
  const opens = historyOpens(db, sealer);
  if (opens === 'damaged') return 'damaged';
  return opens === 'absent' && lastStoodRotation(db) !== null ? 'missing' : null;
}

/** The history as found now, in the coordinator's words; null when it is sound (or the session holds no key to tell). */
export function keyHistoryFinding(
  db: ReadDb,
  sealer: Sealer | null,
  clock: Pick<Clock, 'wallTime'>,
  firstSealedValue: FirstSealedValue,
): KeyHistoryFinding | null {
  if (!sealer) return null;
  const opens = historyOpens(db, sealer);
  if (opens === 'ok') return null;
  const last = lastStoodRotation(db);
  const unreadableRows = last ? unreadableRowsBeforeOnce(db, sealer, last.id, firstSealedValue) : 0;
  if (opens === 'absent' && unreadableRows === 0 && last?.kept !== 1) return null;
  const state = opens === 'damaged' ? 'damaged' : 'missing';
  const wall = last ? clock.wallTime(last.at) : null;
  const since = wall ? `${wall.day} ${wall.time}` : null;
  return { state, unreadableRows, lastRotatedAt: last?.at ?? null, digest: digestOf(db), message: messageOf(state, unreadableRows, since) };
}

/** Names this damage (the stored value, or its absence): the unlock audits each one once. */
function digestOf(db: ReadDb): string {
  const raw = readKeyHistoryRaw(db);
  return raw === null ? 'missing' : createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

function messageOf(state: KeyHistoryFinding['state'], rows: number, since: string | null): string {
  const what =
    state === 'damaged'
      ? '程序发现：台账里保存的旧密钥记录（每次更换密钥时换下的敏感信息密钥）已损坏，打不开。'
      : '程序发现：台账已经更换过密钥，但台账里保存的旧密钥记录（每次更换密钥时换下的敏感信息密钥）不见了。';
  const lost =
    rows > 0
      ? `因此${since ? ` ${since} ` : ''}上次更换密钥之前的 ${rows} 条操作日志记录里加密保存的身份证号、电话等原号现在无法查看（「设置 › 操作日志」里「显示原号」会提示无法解开）。`
      : '现在还没有哪条操作日志记录因此无法查看。';
  return (
    `${what}这说明台账文件在本程序之外被改动过。${lost}台账里现有的人员、号码不受影响。` +
    '处理办法：把发现此事之前做的最近一份备份恢复回来（「上报 › 备份与恢复」；备份之后录入的内容要重新录入或导入），旧密钥记录随之恢复；' +
    '或者接受这些旧记录无法查看，继续使用：下次「更换密钥」时程序会再问您，确认后重新开始记录，这些旧记录从此再也无法查看。'
  );
}

/**
 * At an unlock holding the sensitive key: a finding (keyHistoryFinding's, which the sign-in already computed for a
 * coordinator's SessionInfo: the count reads every sealed row before the last rotation, ≈ 2 s per 100,000 with the
 * thread held, and ran twice per sign-in, twenty-fifth attack run S39-A3) goes into the log (`record`, its own
 * transaction) the first time it is seen, with who unlocked then; the same damage (its digest, since the last rotation
 * that stood) is not logged again at every unlock. Said to coordinators at every sign-in until it is dealt with.
 */
export function keyHistoryAtUnlock(
  db: ReadDb,
  found: KeyHistoryFinding | null,
  record: (after: { keyHistory: Pick<KeyHistoryFinding, 'state' | 'unreadableRows' | 'digest'> }) => void,
): void {
  if (!found) return;
  const since = lastStoodRotation(db)?.id ?? 0;
  const seen = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM audit_log WHERE channel = 'auth.unlock' AND id > @since
         AND json_extract(after_json, '$.keyHistory.digest') = @digest)`,
    )
    .pluck()
    .get({ since, digest: found.digest }) as number;
  if (seen === 0) record({ keyHistory: { state: found.state, unreadableRows: found.unreadableRows, digest: found.digest } });
}

/** 更换密钥's refusal while the history does not open and the coordinator has not said to start it afresh. */
export function keyHistoryRefusal(finding: KeyHistoryFinding): AppError {
  return new AppError('CONFLICT', `${finding.message}如果决定不恢复备份、继续更换密钥，请勾选「确认重新开始记录旧密钥」后再更换。密钥没有更换。`, {
    fields: ['dropKeyHistory'],
  });
}
