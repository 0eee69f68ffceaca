/**
 * The sensitive key given to slots that should hold it, and the slots' public keys vouched for, at a holder's
 * unlock (and the audit rows of both). Rotation, and what 设置 says about the keys, are in auth/keys.ts.
 */
import { appendAudit } from '../audit/audit-log';
import type { Ledger } from '../db/ledger';
import { findSlot, RECOVERY_SLOT } from '../db/keyring';
import { isV2, slotHoldsSensitive } from '../db/keyslot';
import type { WriteDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import * as q from './user-queries';
import { isVouched, vouchRole } from './vouched-roles';
import { anySlotKeyVouched, slotKeyVerdict, vouchSlotKey } from './slot-keys';

export const KEYS_GRANT = 'keys.grant';
/** A slot whose public key is not the one a key holder vouched for was given nothing (auth/slot-keys.ts). */
export const KEYS_REFUSE = 'keys.refuse';
/** The upgrade to vouched slot keys took the keyring's public keys as they were (trust on first use). */
export const KEYS_VOUCH = 'keys.vouch';

/** Who is audited as doing it. */
export interface Actor {
  userId: number;
  username: string;
}

export const slotLabel = (name: string, displayName?: string): string => (name === RECOVERY_SLOT ? '恢复密钥' : (displayName ?? name));

export function auditKeys(w: WriteDb, ledger: Ledger, by: Actor, at: string, channel: string, name: string, after: Record<string, unknown>): void {
  const user = name === RECOVERY_SLOT ? undefined : q.getUserByName(w, name);
  appendAudit(
    w,
    {
      at,
      userId: by.userId,
      username: by.username,
      channel,
      entity: name === RECOVERY_SLOT ? 'ledger' : 'user',
      entityId: user?.id ?? null,
      after: { displayName: slotLabel(name, user?.displayName), ...after, by: by.username },
    },
    ledger.sealer(),
  );
}

/**
 * Seals the sensitive key to every enabled clerk's and coordinator's slot (and
 * the recovery slot) that lacks it, if the ledger holds it; one audit row per
 * slot given it, naming by whom. Only to a slot whose public key a holder
 * vouched for (slot-keys.ts); a slot whose key was changed is refused and
 * audited. `relayout`: slots holding it already are sealed again in this
 * version's layout (the upgrade). Runs in the caller's transaction.
 */
export function grantPendingKeys(w: WriteDb, ledger: Ledger, by: Actor, at: string, opts: { relayout?: boolean } = {}): string[] {
  const sealer = ledger.sealer();
  if (!sealer) return [];
  const keyring = ledger.keyring();
  const candidates = q.listUsers(w).filter((u) => !u.disabled && u.role !== 'viewer');
  // A ledger from before roles were sealed: whoever already holds the key is vouched for as they are (nothing is given).
  // Only at the upgrade's unlock (`relayout`: roles were sealed before this version's layout): "holds" is only that the
  // slot has an entry, which a viewer can add to their own slot with a forged role (session 17 attack run, S2).
  if (opts.relayout)
    for (const u of candidates) {
      const slot = findSlot(keyring, u.username);
      if (slot && slotHoldsSensitive(slot) && !isVouched(w, sealer, u)) vouchRole(w, sealer, u);
    }
  // Only a role a key holder set: a role written into the table with the database key alone is given nothing.
  const eligible = [...candidates.filter((u) => isVouched(w, sealer, u)).map((u) => u.username), RECOVERY_SLOT];
  const give: string[] = [];
  const reseal: string[] = [];
  for (const name of eligible) {
    const slot = findSlot(keyring, name);
    if (!slot || !isV2(slot)) continue;
    const holds = slotHoldsSensitive(slot);
    const verdict = slotKeyVerdict(w, sealer, slot);
    if (verdict === 'vouched') {
      if (!holds) give.push(name);
      else if (opts.relayout) reseal.push(name);
    }
    // A changed key is always someone's doing; an unknown one matters only when the key would have been given.
    else if (verdict === 'changed' || !holds) auditKeys(w, ledger, by, at, KEYS_REFUSE, name, { sensitiveKeyRefused: verdict });
  }
  const granted = ledger.grantSensitiveKey([...give, ...reseal], { reseal });
  for (const name of granted) auditKeys(w, ledger, by, at, KEYS_GRANT, name, { sensitiveKeyGranted: true });
  return granted;
}

/**
 * The first unlock by a holder after the upgrade to vouched slot keys: no statement opens yet, so the public keys
 * the keyring holds now are vouched as they are (trust on first use: a key swapped before this unlock is taken
 * too), in one audit row naming them. Never again once one statement opens, nor from a holder's slot sealed in
 * this version's layout (db/keyslot.ts): a viewer cannot make the ledger look un-upgraded by deleting rows.
 */
function vouchKeysOnUpgrade(w: WriteDb, ledger: Ledger, sealer: Sealer, by: Actor, at: string): void {
  if (anySlotKeyVouched(w, sealer)) return;
  const slots = ledger.keyring().slots.filter(isV2);
  for (const slot of slots) vouchSlotKey(w, sealer, slot);
  const names = new Map(q.listUsers(w).map((u) => [u.username, u.displayName]));
  appendAudit(
    w,
    {
      at,
      userId: by.userId,
      username: by.username,
      channel: KEYS_VOUCH,
      entity: 'ledger',
      entityId: null,
      after: { slotKeysVouched: slots.map((s) => slotLabel(s.name, names.get(s.name))), trustOnFirstUse: true },
    },
    sealer,
  );
}

/**
 * After an unlock that opened the sensitive key (`ownSlot`: the slot the password or recovery key opened, so
 * truly this user's): the upgrade's trust on first use when that slot still had the older layout, the slot's
 * own public key vouched, then the grants. Two transactions of its own, in that order: the grants rewrite the
 * keyring file (the upgrade re-seals it in the new layout, after which the upgrade never runs again), so the
 * statements are committed first; a crash between the file and a single COMMIT left the keyring upgraded with
 * nothing vouched, and the next rotation would have dropped the recovery slot. Not inside another transaction.
 */
export function settleKeysAtUnlock(w: WriteDb, ledger: Ledger, by: Actor, ownSlot: string, at: string, legacyLayout: boolean): void {
  const sealer = ledger.sealer();
  if (!sealer) return;
  w.transaction(() => {
    if (legacyLayout) vouchKeysOnUpgrade(w, ledger, sealer, by, at);
    const own = findSlot(ledger.keyring(), ownSlot);
    if (own) vouchSlotKey(w, sealer, own);
  })();
  w.transaction(() => grantPendingKeys(w, ledger, by, at, { relayout: legacyLayout }))();
}
