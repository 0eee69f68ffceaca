/**
 * Audit rows written before the rule of audit-seal.ts may hold full ID
 * numbers, phones and birth dates in clear. This sealing upgrade (run after a
 * clerk's or coordinator's unlock, keys/seal-upgrades.ts) rewrites those
 * payloads under the rule and re-computes the hash chain from the first row it
 * changed to the head, so audit.verify stays intact; its audit row says how
 * many rows changed, and the old head hash and the new one.
 *
 * Migration 022 marks where the rule began (meta `audit_clear_before`: rows
 * with a smaller id are from before); the upgrade sets the mark to 0.
 * A chain that was already broken, or an anchor that no longer matched, is
 * recorded in the same audit row, and the anchor is left as it is (it is the
 * evidence); otherwise the anchor moves to the new head. The mark is in meta,
 * which every slot can write: a row rewritten in place below an anchor that
 * still matches (same id, same stored hash) breaks only the chain, and moving
 * the anchor over the re-chained log would make that forgery verify (the
 * eighteenth attack run, S32-A1).
 */
import type { ReadDb, WriteDb } from '../db/types';
import { readMeta, writeMeta } from '../db/ledger-files';
import type { SealUpgrade } from '../db/seal-upgrades';
import type { Sealer } from '../db/sealer';
import { checkAnchor } from './anchor';
import { markRechained } from './anchor-write';
import { RECHAINED_USER_ROWS, rewritePayloads, verifyAudit } from './audit-log';
import { holdsClearValue, serialisePayload } from './audit-seal';

const MARK = 'audit_clear_before';

/**
 * Memorial records (and commendations, which copy a memorial's deeds) are
 * personal as a whole, not by key: names, circumstances, notes. Their rows from
 * before are sealed whole, in the shape honours writes now ({ personal: { masked, sealed } }).
 */
const WHOLE_RECORD_ENTITY = /^(memorial|commendation)/;
export const OLD_RECORD_AUDIT_PURPOSE = 'audit_log.record';

const reserialise = (text: string | null, sealer: Sealer, entity: string): string | null => {
  if (text === null) return null;
  const parsed = JSON.parse(text) as unknown;
  if (WHOLE_RECORD_ENTITY.test(entity) && !isSealedWhole(parsed)) {
    return JSON.stringify({ personal: { masked: '（已加密保存）', sealed: sealer.seal(OLD_RECORD_AUDIT_PURPOSE, text).toString('base64') } });
  }
  return holdsClearValue(parsed) ? serialisePayload(parsed, sealer) : text;
};

/** A payload honours already wrote sealed: only `personal` (sealed) beside plain ids and dates. */
function isSealedWhole(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const personal = (v as { personal?: unknown }).personal;
  return typeof personal === 'object' && personal !== null && typeof (personal as { sealed?: unknown }).sealed === 'string';
}

function pendingRows(db: ReadDb): number {
  const mark = Number(readMeta(db, MARK) ?? 0);
  if (!(mark > 1)) return 0;
  return (db.prepare(`SELECT count(*) AS n FROM audit_log WHERE id < @mark`).get({ mark }) as { n: number }).n;
}

function run(db: WriteDb, sealer: Sealer) {
  const mark = Number(readMeta(db, MARK) ?? 0);
  const chain = verifyAudit(db);
  const anchor = checkAnchor(db, sealer);
  const { changed, firstChanged, oldHead, newHead, userRows } = rewritePayloads(db, (r) =>
    r.id < mark ? { before_json: reserialise(r.before_json, sealer, r.entity), after_json: reserialise(r.after_json, sealer, r.entity) } : r,
  );
  writeMeta(db, MARK, '0');
  // A slot marked with a user row before this (a recovery before the first key holder's unlock) still finds it.
  if (Object.keys(userRows).length > 0) writeMeta(db, RECHAINED_USER_ROWS, JSON.stringify(userRows));
  const anchorHeld = anchor.state === 'ok' || anchor.state === 'none';
  if (changed > 0 && anchorHeld && chain.intact) markRechained(db);
  return {
    rows: changed,
    note: {
      oldHead,
      newHead,
      ...(firstChanged !== null ? { rechainedFrom: firstChanged } : {}),
      ...(chain.intact ? {} : { chainBrokenBefore: chain.firstBrokenId }),
      ...(anchorHeld ? {} : { anchorBefore: anchor.state }),
    },
  };
}

export const auditPayloadUpgrade: SealUpgrade = { name: 'audit_log.payloads', pending: pendingRows, run };
