/**
 * What a coordinator confirmed by someone else on 设置 › 用户 is told once (issue 19, CR1-U2 of
 * docs/security/attack-run-session25.md). Before the upgrade to coordinator keys nothing in the folder binds a role to
 * a secret a clerk lacks: a clerk who put a recovery slot of their own in the keyring can confirm themselves first
 * (coordinator-upgrade.ts) and then confirm the real coordinator. So the one trust step, the first confirmation, is
 * said to everyone confirmed after it: who confirmed them, who confirmed first with the recovery key, who is listed
 * now (and whom the audit log last gave another role), shown until they acknowledge it (auth.acknowledgeConfirmation).
 *
 * All of this is read from rows a clerk-turned-coordinator can write (they hold every key then): words, never a reason
 * to count anyone. The tell that does not rest on them is the office's recovery sheet (recovery-sheet-check.ts), which
 * the notice asks the user to check.
 */
import type { Clock } from '../clock';
import type { Ledger } from '../db/ledger';
import type { ReadDb } from '../db/types';
import type { ConfirmedByNotice, UserInfo } from './types.shared';
import { KEYS_COORDINATOR } from './coordinator-key';
import { vouchedCoordinators } from './coordinator-vouch';
import * as q from './user-queries';

/** The channel whose audit row (entity 'user', the user's id) says the notice was read. */
export const ACKNOWLEDGED = 'auth.acknowledgeConfirmation';

interface AuditRow {
  id: number;
  at: string;
  username: string;
  userId: number | null;
  channel: string;
}

/**
 * The last time someone else, on 设置 › 用户, confirmed `userId` as coordinator, reset their password, or made them
 * 统筹负责人 (a promotion seals the key into their slot as found: the attack run's CR1-U2b), when not acknowledged
 * since. A reset after an acknowledgement asks again (CR1-U2c: the confirmer, who knew the initial password,
 * acknowledged for them and then reset it), as the lead asked for CR1-Q's remainder (a reset taken from the clerk).
 */
export function unacknowledgedConfirmation(db: ReadDb, userId: number): AuditRow | null {
  const row = db
    .prepare(
      `SELECT id, at, username, user_id AS userId, channel FROM audit_log
        WHERE entity = 'user' AND entity_id = @id AND (
          (channel = 'users.confirmCoordinator' AND json_extract(after_json, '$.coordinatorConfirmed') = 1)
          OR channel = 'users.resetPassword'
          OR (channel = 'users.update' AND json_extract(after_json, '$.role') = 'coordinator'
              AND json_extract(before_json, '$.role') IS NOT 'coordinator'))
        ORDER BY id DESC LIMIT 1`,
    )
    .get({ id: String(userId) }) as AuditRow | undefined;
  if (!row) return null;
  // After a password someone else set, an acknowledgement counts only once the user set their own since (CR1-U2d: a
  // row appended offline right after the confirmation no longer hides it from the sign-in with the initial password).
  // A forger with every key can write those rows too: the sheet check on 设置 › 用户 › 密钥 stays the tell.
  const seen = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM audit_log WHERE channel = @ack AND entity = 'user' AND entity_id = @id AND id > @since
         AND (@promotion = 1 OR id > (SELECT min(id) FROM audit_log WHERE channel IN ('auth.changePassword', 'auth.recover')
           AND entity = 'user' AND entity_id = @id AND id > @since))) AS seen`,
    )
    .get({ ack: ACKNOWLEDGED, id: String(userId), since: row.id, promotion: row.channel === 'users.update' ? 1 : 0 }) as { seen: number };
  return seen.seen === 1 ? null : row;
}

/** The confirmation that made the coordinator key now in use (coordinator-upgrade.ts confirmFirstCoordinator's row). */
export function keyMadeBy(db: ReadDb): AuditRow | null {
  const row = db
    .prepare(
      `SELECT id, at, username, user_id AS userId, channel FROM audit_log
        WHERE channel = @channel AND entity = 'ledger' AND json_extract(after_json, '$.coordinatorKeyCreated') = 1
        ORDER BY id DESC LIMIT 1`,
    )
    .get({ channel: KEYS_COORDINATOR }) as AuditRow | undefined;
  return row ?? null;
}

/** The role the audit log last recorded for a user (a creation, a change, a confirmation's 改为录入员); null when none. */
function lastRecordedRole(db: ReadDb, userId: number): string | null {
  const row = db
    .prepare(
      `SELECT json_extract(after_json, '$.role') AS role FROM audit_log
        WHERE entity = 'user' AND entity_id = @id AND channel IN ('users.create', 'users.update', 'users.confirmCoordinator')
          AND json_extract(after_json, '$.role') IS NOT NULL
        ORDER BY id DESC LIMIT 1`,
    )
    .get({ id: String(userId) }) as { role: unknown } | undefined;
  return typeof row?.role === 'string' ? row.role : null;
}

const wall = (clock: Clock, at: string): string => {
  const w = clock.wallTime(at);
  return `${w.day} ${w.time}`;
};

/** The notice for `user` (a coordinator this session counts), or null when no confirmation of theirs waits to be read. */
export function confirmedByNotice(db: ReadDb, ledger: Ledger, user: UserInfo, clock: Clock): ConfirmedByNotice | null {
  const confirmation = unacknowledgedConfirmation(db, user.id);
  if (!confirmation) return null;
  const users = q.listUsers(db);
  const person = (row: AuditRow) => {
    const u = users.find((x) => x.id === row.userId) ?? users.find((x) => x.username === row.username);
    return { name: u?.displayName ?? row.username, username: row.username, at: wall(clock, row.at) };
  };
  const by = person(confirmation);
  const made = keyMadeBy(db);
  const first = made ? person(made) : null;
  const listed = vouchedCoordinators(db, ledger.keyring().ledgerId, ledger.coordinatorKey()) ?? [];
  const coordinators = listed.map(([id, username]) => {
    const u = users.find((x) => x.id === id);
    const role = lastRecordedRole(db, id);
    return { name: u?.displayName ?? username, notAsCoordinator: role !== null && role !== 'coordinator' };
  });
  const names = coordinators.map((c) => (c.notAsCoordinator ? `${c.name}（操作日志里最后记下的角色不是统筹负责人）` : c.name));
  const what =
    confirmation.channel === 'users.resetPassword'
      ? '重设了您的密码（您现在用的初始密码是对方设的）'
      : confirmation.channel === 'users.update'
        ? '把您改为统筹负责人'
        : '确认您为统筹负责人，初始密码也是对方设的';
  const firstWords = first
    ? `本台账第一位确认的统筹负责人是${first.name}（账号 ${first.username}），于 ${first.at} 用恢复密钥确认，统筹负责人密钥就是那时生成的。`
    : '';
  return {
    by,
    first,
    coordinators,
    message:
      `${by.name}（账号 ${by.username}）于 ${by.at} 在「设置 › 用户」${what}。${firstWords}` +
      `现在名单上的统筹负责人：${names.join('、') || '（名单读不出）'}。` +
      '请用本单位保管的恢复密钥在下面核对一次：能打开，说明统筹负责人密钥确实出自这张恢复密钥。' +
      '如果名单上有您不认识、或不该是统筹负责人的人，第一位不是本应保管恢复密钥的人，或者核对没有通过，请不要继续使用台账，也不要登记或修改，联系技术支持。',
  };
}
