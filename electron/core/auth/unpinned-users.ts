/**
 * Clerks and coordinators whose password pins no key, as 设置 › 用户 lists them (「在用（需重设密码）」, users.list
 * `needsNewPassword`). A key sealed into such a slot by a grant never counts (db/ledger-pins.ts 'unpinned'): a
 * promotion from 只读查看 by a version before session 22, which gave the key by public key and never made the slot
 * anew. Only a coordinator's 重设密码 helps, but the list read only a rotation's mark (`pinStale`) and said 「在用」.
 *
 * The pin is wrapped under the holder's password, so nobody else can read it: the list goes by what the holder's
 * own sign-in found, audited (`auth.unlock`, `sensitiveKeyRefused: 'unpinned'`), newer than the last time their slot
 * was made anew (created, reset, recovered, their own password change, a promotion's remake; a rotation remakes only
 * the rotating coordinator's, whose session held the key, so was never refused).
 * Known limits, said here so they stay true: a holder who has not signed in since is not listed yet (their first
 * sign-in tells them to ask for the reset, and lists them); a password change that could not pin the key (no window
 * held it) clears the mark until their next sign-in finds it again. Read from clear audit columns a viewer can
 * write: it changes only words on the screen, never what a session may do.
 */
import type { ReadDb } from '../db/types';
import { SLOT_MADE } from './key-notice';

const UNPINNED_SINCE_SLOT_MADE = `
  SELECT u.id AS id FROM users u
   WHERE u.disabled = 0 AND u.role <> 'viewer'
     AND (SELECT max(a.id) FROM audit_log a
           WHERE a.entity = 'user' AND a.entity_id = CAST(u.id AS TEXT) AND a.channel = 'auth.unlock'
             AND json_extract(a.after_json, '$.sensitiveKeyRefused') = 'unpinned')
       > COALESCE((SELECT max(a.id) FROM audit_log a
                    WHERE a.entity = 'user' AND a.entity_id = CAST(u.id AS TEXT)
                      AND (a.channel IN (SELECT value FROM json_each(@made))
                           OR (a.channel = 'users.update' AND json_extract(a.after_json, '$.passwordReset') = 1))), 0)`;

/** Ids of the enabled clerks and coordinators whose last sign-in found their password pins no key, their slot not made anew since. */
export function unpinnedHolders(db: ReadDb): Set<number> {
  const rows = db.prepare(UNPINNED_SINCE_SLOT_MADE).all({ made: JSON.stringify(SLOT_MADE) }) as Array<{ id: number }>;
  return new Set(rows.map((r) => r.id));
}
