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
 * recorded in the same audit row, and such an anchor is left as it is (it is
 * the evidence); otherwise the anchor moves to the new head.
 */
import type { ReadDb, WriteDb } from '../db/types';
import { readMeta, writeMeta } from '../db/ledger';
import type { SealUpgrade } from '../db/seal-upgrades';
import type { Sealer } from '../db/sealer';
import { checkAnchor, markRechained } from './anchor';
import { rewritePayloads, verifyAudit } from './audit-log';
import { holdsClearValue, serialisePayload } from './audit-seal';

const MARK = 'audit_clear_before';

const reserialise = (text: string | null, sealer: Sealer): string | null => {
  if (text === null) return null;
  const parsed = JSON.parse(text) as unknown;
  return holdsClearValue(parsed) ? serialisePayload(parsed, sealer) : text;
};

function pendingRows(db: ReadDb): number {
  const mark = Number(readMeta(db, MARK) ?? 0);
  if (!(mark > 1)) return 0;
  return (db.prepare(`SELECT count(*) AS n FROM audit_log WHERE id < @mark`).get({ mark }) as { n: number }).n;
}

function run(db: WriteDb, sealer: Sealer) {
  const mark = Number(readMeta(db, MARK) ?? 0);
  const chain = verifyAudit(db);
  const anchor = checkAnchor(db, sealer);
  const { changed, firstChanged, oldHead, newHead } = rewritePayloads(db, (r) =>
    r.id < mark ? { before_json: reserialise(r.before_json, sealer), after_json: reserialise(r.after_json, sealer) } : r,
  );
  writeMeta(db, MARK, '0');
  const anchorHeld = anchor.state === 'ok' || anchor.state === 'none';
  if (changed > 0 && anchorHeld) markRechained(db);
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
