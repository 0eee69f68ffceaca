/**
 * Who is 统筹负责人, vouched for by the coordinator key (issue 19, CR1). `users.role` and `users.role_sealed` can be
 * written by any clerk with the files (they hold the database key and the sensitive key), so a role of coordinator
 * counts at sign-in only when the user is in this list: the ids and usernames of every coordinator, one statement
 * MACed (HMAC-SHA-256) under the coordinator key, bound to this ledger's id. The key is in coordinators' slots and
 * the recovery slot only (db/keyslot-coordinator.ts). One statement for the whole list, not one per user: a list
 * re-made under a key of someone's own no longer holds under the real one, so a real coordinator's next sign-in
 * shows it. Written by a session holding the key at every change of who is coordinator (setup, create, promotion,
 * demotion, disabling, rotation, restore, the upgrade); never rebuilt from the table, except by the upgrade.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deleteMeta, readMeta, writeMeta } from '../db/ledger-files';
import type { ReadDb, WriteDb } from '../db/types';
import type { UserInfo } from './types.shared';

export const COORDINATORS_META = 'coordinators_vouched';

type Named = Pick<UserInfo, 'id' | 'username'>;
type Entry = [number, string];

const entriesOf = (users: readonly Named[]): Entry[] =>
  [...new Map(users.map((u) => [u.id, [u.id, u.username] as Entry])).values()].sort((a, b) => a[0] - b[0]);

function macOf(ledgerId: string, key: Buffer, entries: readonly Entry[]): Buffer {
  return createHmac('sha256', key)
    .update(JSON.stringify(['taizhang-coordinators', ledgerId, entries]))
    .digest();
}

/** Replaces the list with `users`, MACed under `key`. */
export function writeCoordinators(w: WriteDb, ledgerId: string, key: Buffer, users: readonly Named[]): void {
  const entries = entriesOf(users);
  writeMeta(w, COORDINATORS_META, JSON.stringify({ coordinators: entries, mac: macOf(ledgerId, key, entries).toString('hex') }));
}

export const forgetCoordinators = (w: WriteDb): void => deleteMeta(w, COORDINATORS_META);

/** The list when its MAC holds under `key`, else null (absent, altered, or made under another key). */
export function vouchedCoordinators(db: ReadDb, ledgerId: string, key: Buffer | null): Entry[] | null {
  const raw = readMeta(db, COORDINATORS_META);
  if (!raw || !key) return null;
  try {
    const parsed = JSON.parse(raw) as { coordinators?: unknown; mac?: unknown };
    const entries = parsed.coordinators;
    if (!Array.isArray(entries) || typeof parsed.mac !== 'string') return null;
    if (!entries.every((e) => Array.isArray(e) && e.length === 2 && Number.isSafeInteger(e[0]) && typeof e[1] === 'string')) return null;
    const want = macOf(ledgerId, key, entries as Entry[]);
    const got = Buffer.from(parsed.mac, 'hex');
    return got.length === want.length && timingSafeEqual(got, want) ? (entries as Entry[]) : null;
  } catch {
    return null;
  }
}

/** The usernames the stored list names, its MAC unchecked: for words only (whom to ask), never to count a role. */
export function listedUsernames(db: ReadDb): string[] {
  try {
    const entries = (JSON.parse(readMeta(db, COORDINATORS_META) ?? '{}') as { coordinators?: unknown }).coordinators;
    return Array.isArray(entries) ? entries.flatMap((e) => (Array.isArray(e) && typeof e[1] === 'string' ? [e[1]] : [])) : [];
  } catch {
    return [];
  }
}

/** Whether `user` (id and username as the table has them now) is in the list `key` vouches for. */
export function isVouchedCoordinator(db: ReadDb, ledgerId: string, key: Buffer | null, user: Named): boolean {
  const list = vouchedCoordinators(db, ledgerId, key);
  return list !== null && list.some(([id, name]) => id === user.id && name === user.username);
}

/**
 * The list with `add` in it and `remove` out of it, re-MACed under `key` (the same key, or a rotation's new one). Starts
 * from the list as `from` vouches for it (the key held now): never from the table, which anyone with the files writes.
 */
export function changeCoordinators(
  w: WriteDb,
  ledgerId: string,
  from: Buffer,
  key: Buffer,
  change: { add?: readonly Named[]; remove?: readonly number[] },
): Named[] {
  const now = (vouchedCoordinators(w, ledgerId, from) ?? []).map(([id, username]) => ({ id, username }));
  const next = [...now.filter((u) => !(change.remove ?? []).includes(u.id) && !(change.add ?? []).some((a) => a.id === u.id)), ...(change.add ?? [])];
  writeCoordinators(w, ledgerId, key, next);
  return next;
}
