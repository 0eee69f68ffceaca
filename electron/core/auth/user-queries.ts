import type { Role } from '../contract';
import type { ReadDb, WriteDb } from '../db/types';
import type { UserInfo } from './types.shared';
import { AppError } from '../errors';
import { sameUsername } from './username.shared';

const SELECT = `SELECT id, username, display_name AS displayName, role, disabled = 1 AS disabled, must_change_password AS mustChangePassword FROM users`;

type StoredUser = Omit<UserInfo, 'disabled' | 'mustChangePassword'> & { disabled: number; mustChangePassword: number };

function fix(u: StoredUser | undefined): UserInfo | undefined {
  return u ? { ...u, disabled: u.disabled === 1, mustChangePassword: u.mustChangePassword === 1 } : undefined;
}

export function listUsers(db: ReadDb): UserInfo[] {
  return (db.prepare(`${SELECT} ORDER BY disabled, id`).all() as StoredUser[]).map((u) => fix(u)!);
}

export function getUser(db: ReadDb, id: number): UserInfo | undefined {
  return fix(db.prepare(`${SELECT} WHERE id = @id`).get({ id }) as never);
}

/**
 * The row that names `username`. The lookup goes through the UNIQUE index on username, which SQLite trusts: one
 * pointed at another b-tree offline (S35-A2) answered another user's row for a name, so the row read is checked to
 * name who was asked for (a viewer's own sign-in does not check the file's indexes: db/ledger-contents.ts).
 */
export function getUserByName(db: ReadDb, username: string): UserInfo | undefined {
  const user = fix(db.prepare(`${SELECT} WHERE username = @username`).get({ username }) as never);
  // The name as the table holds it, by rowid: read with the lookup above, it may be the index's copy.
  const stored = user ? (db.prepare(`SELECT username FROM users NOT INDEXED WHERE id = @id`).pluck().get({ id: user.id }) as string) : null;
  if (user && (stored === null || !sameUsername(stored, username)))
    throw new AppError('LEDGER_DAMAGED', '台账文件的用户索引与用户表不一致：台账在本程序之外被改动过，本程序不会用它确认身份。请从备份恢复。');
  return user;
}

/** `mustChangePassword`: someone else chose the password (a coordinator creating the account); setup's own coordinator chose theirs. */
export function insertUser(db: WriteDb, u: { username: string; displayName: string; role: Role; mustChangePassword: boolean }, nowIso: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO users (username, display_name, role, must_change_password, created_at, updated_at) VALUES (@username, @displayName, @role, @must, @now, @now)`,
      )
      .run({ username: u.username, displayName: u.displayName, role: u.role, must: u.mustChangePassword ? 1 : 0, now: nowIso }).lastInsertRowid,
  );
}

/** A coordinator gave the user a new initial password: they set their own at the next unlock. */
export function requirePasswordChange(db: WriteDb, id: number, nowIso: string): void {
  db.prepare(`UPDATE users SET must_change_password = 1, updated_at = @now WHERE id = @id`).run({ id, now: nowIso });
}

/** The user has set a password only they know (changed it, or set a new one with the recovery key). */
export function clearMustChangePassword(db: WriteDb, id: number, nowIso: string): boolean {
  return (
    db.prepare(`UPDATE users SET must_change_password = 0, updated_at = @now WHERE id = @id AND must_change_password = 1`).run({ id, now: nowIso }).changes > 0
  );
}

/** A role change drops the role's seal: only a session holding the sensitive key vouches for the new one (vouched-roles.ts). */
export function updateUser(db: WriteDb, id: number, patch: { displayName: string; role: Role; disabled: boolean }, nowIso: string): void {
  db.prepare(
    `UPDATE users SET display_name = @displayName, role_sealed = CASE WHEN role = @role THEN role_sealed END, role = @role, disabled = @disabled, updated_at = @now WHERE id = @id`,
  ).run({
    id,
    displayName: patch.displayName,
    role: patch.role,
    disabled: patch.disabled ? 1 : 0,
    now: nowIso,
  });
}

export function countActiveCoordinators(db: ReadDb): number {
  return (db.prepare(`SELECT count(*) AS n FROM users WHERE role = 'coordinator' AND disabled = 0`).get() as { n: number }).n;
}

export function roleSealedOf(db: ReadDb, id: number): Buffer | null {
  return (db.prepare(`SELECT role_sealed AS s FROM users WHERE id = @id`).get({ id }) as { s: Buffer | null } | undefined)?.s ?? null;
}

export function setRoleSealed(db: WriteDb, id: number, sealed: Buffer | null): void {
  db.prepare(`UPDATE users SET role_sealed = @sealed WHERE id = @id`).run({ id, sealed });
}
