/**
 * Whether a rotation is owed, and the row that says so. A disable, a demotion or a restore that cannot rotate at once
 * leaves the rotation due: a meta mark, and a `keys.rotate` audit row `{ keysRotated: 'due' }`.
 *
 * The mark is a row anyone with the database key deletes (session 17 attack run, S4), so the log speaks too. It
 * used to say "the newest 'due' or 'done' row wins", and anyone with the database key can APPEND a row (the chain's
 * hash is unkeyed; the anchor covers a viewer's row at the next holder's write): one 'done' row appended offline with
 * a viewer's password and the rotation owed was forgotten (ninth attack run, RD1). So no 'done' row settles anything
 * now. Each 'due' row names the key it was owed for (`owedFor`: a keyed tag of the sensitive key, `sealer.index`, so
 * it says nothing of the key), and it is owed while the ledger's sensitive key is still that one. Only a rotation
 * changes the key: a viewer cannot re-key without losing every sealed value, and a key of their own is refused by
 * every holder's pin. Chosen over a MAC on the 'done' row: nothing to verify, no row to trust, and a forged 'due' row
 * can at most ask for a rotation (the same as the mark could).
 *
 * 'due' rows without `owedFor` (older ledgers, and a due marked by a session without the sensitive key): owed until
 * the key history (sealed under the sensitive key: a viewer cannot write it) holds a key retired at or after the row.
 * A row dated after now is not the program's (it dates its rows by the clock): it is settled by any retirement, so
 * the rotation it asks for settles it. One dated 9999 held every coordinator sign-in for another 更换密钥 (tenth
 * run, RD2). Counting it as written "now" would not do: now moves on past every retirement. The cost: a genuine row
 * written before the PC's clock was put back is settled by an earlier rotation (only rows without `owedFor`).
 * The mark is read defensively: one that is not the program's JSON counts as a rotation due with a generic reason,
 * never an exception at sign-in (a viewer's `{` there made every sign-in 程序内部出错: RD3).
 *
 * Limit: the disabled clerk who kept the keys of the day holds the sensitive key until the rotation runs, so they can
 * rewrite the log and re-make the anchor (and the key history) like any holder: against them, what the folder says
 * is owed is only as good as the rest of it. The rotation itself is what ends their keys.
 */
import { appendAudit } from '../audit/audit-log';
import { readMeta, writeMeta } from '../db/ledger-files';
import type { Sealer } from '../db/sealer';
import type { ReadDb, WriteDb } from '../db/types';
import { KEYS_ROTATE, readKeyHistory } from '../keys/key-history';
import type { Actor } from './key-grants';

/** meta: a rotation that could not run yet (someone's slot is still in the old layout), and why. */
export const ROTATION_DUE = 'keys_rotation_due';
/** Audit channel of the rotation's rows (操作日志 has words for it); defined beside the key history, which reads them. */
export { KEYS_ROTATE };

const OWED_FOR_PURPOSE = 'keys.rotation.owed-for';

/** The tag of the sensitive key a 'due' row records: the same key gives the same tag, and only its holders can make it. */
export const owedFor = (sealer: Sealer): string => sealer.index(OWED_FOR_PURPOSE, 'sensitive-key').toString('hex');

/**
 * Marks a rotation due: the mark and its audit row, in the caller's transaction. `keyOfDay`: the sealer of the
 * ledger's sensitive key the rotation is owed for (null when the session marking it lacks the key: the row is then
 * settled by the key history, as an older ledger's). `auditSealer`: what the audit row's payload is sealed with.
 */
export function markRotationDue(
  w: WriteDb,
  row: { at: string; by: Actor; reason: string; waitingFor?: string[] },
  keyOfDay: Sealer | null,
  auditSealer: Sealer | null,
): void {
  const { at, by, reason } = row;
  writeMeta(w, ROTATION_DUE, JSON.stringify({ reason, since: at }));
  const after = { keysRotated: 'due', reason, ...(row.waitingFor ? { waitingFor: row.waitingFor } : {}), ...(keyOfDay ? { owedFor: owedFor(keyOfDay) } : {}) };
  appendAudit(w, { at, userId: by.userId, username: by.username, channel: KEYS_ROTATE, entity: 'ledger', entityId: null, after }, auditSealer);
}

interface RotateRow {
  at: string;
  state: string;
  reason: unknown;
  owedFor: unknown;
}

/** Why a rotation is due when the mark that says so is not the program's (RD3). */
export const DAMAGED_MARK_REASON = '更换密钥待办（记录已损坏，请更换密钥）';

const asDue = (row: RotateRow, nowIso: string): { reason: string; since: string } => ({
  reason: typeof row.reason === 'string' ? row.reason : '更换密钥待办',
  since: row.at > nowIso ? nowIso : row.at,
});

/** When the newest retired key was retired (null: none, or a history that does not open under this key). */
function lastRetiredAt(db: ReadDb, sealer: Sealer): string | null {
  try {
    return readKeyHistory(db, sealer).reduce<string | null>((last, r) => (last === null || r.retiredAt > last ? r.retiredAt : last), null);
  } catch {
    return null;
  }
}

/** The mark as written by markRotationDue; anything else (a viewer's edit) still says a rotation is due. */
function readMark(mark: string, nowIso: string): { reason: string; since: string } {
  try {
    const m = JSON.parse(mark) as { reason?: unknown; since?: unknown };
    if (typeof m.reason === 'string' && typeof m.since === 'string') return { reason: m.reason, since: m.since > nowIso ? nowIso : m.since };
  } catch {
    // fall through: a damaged mark
  }
  return { reason: DAMAGED_MARK_REASON, since: nowIso };
}

/**
 * The rotation owed: the meta mark, or else the newest 'due' row still owed (see above). `sealer`: the ledger's
 * sensitive key. Without it (a session that lacks it: words on 设置 only, no rotation runs without the key)
 * the newest 'due' or 'done' row says it, as before. `nowIso`: the clock's now (a row dated later is not the program's).
 */
export function rotationDue(db: ReadDb, sealer: Sealer | null, nowIso: string): { reason: string; since: string } | null {
  const mark = readMeta(db, ROTATION_DUE);
  if (mark) return readMark(mark, nowIso);
  const rows = db
    .prepare(
      `SELECT at, json_extract(after_json, '$.keysRotated') AS state, json_extract(after_json, '$.reason') AS reason,
              json_extract(after_json, '$.owedFor') AS owedFor
         FROM audit_log WHERE channel = @channel AND json_extract(after_json, '$.keysRotated') IN ('due', 'done') ORDER BY id DESC`,
    )
    .all({ channel: KEYS_ROTATE }) as RotateRow[];
  if (!sealer) return rows[0]?.state === 'due' ? asDue(rows[0], nowIso) : null;
  const current = owedFor(sealer);
  const retiredAt = lastRetiredAt(db, sealer);
  const settledByRetirement = (r: RotateRow): boolean => retiredAt !== null && (r.at > nowIso || retiredAt >= r.at);
  const owed = rows.find((r) => r.state === 'due' && (r.owedFor === null ? !settledByRetirement(r) : r.owedFor === current));
  return owed ? asDue(owed, nowIso) : null;
}
