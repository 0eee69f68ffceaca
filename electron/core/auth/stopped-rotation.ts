/**
 * A rotation stopped right after its switch (S33-A3: a power cut, the process killed once the keyring, or the staged
 * one, names the new keys). Its new slots are vouched before the switch (keys/rotation.ts `vouchNew`), but the audit
 * anchor is MACed with the sensitive key and is re-made under the new one only after it: the next unlock found it
 * `forged`, and a second 更换密钥 kept it as evidence. So the next unlock holding today's key settles such a stop, and
 * nothing else:
 *
 * - the anchor fails under today's key and holds, position and count, under the newest key of the key history;
 * - this PC noted the rotation before its switch (auth/retired-here.ts `RotationUnderWay`): the key it retires is that
 *   one, the keyring it writes is today's, and the log's head then is still there, every row up to it counted;
 * - the only row after that head is this rotation's `started` row (retired at the history's time), the anchor's head is
 *   not past it, and the chain holds.
 *
 * Then the anchor is re-made under today's key, audited (`keysRotated: 'settled'`, naming the started row), and the
 * retired key noted here as the rotation would have. Anything else stays `forged`: an anchor under an older key, a log
 * cut or re-chained below the head noted, a row after the started one, a rotation that finished (its note cleared at
 * its end, or by the first key holder's unlock that finds the anchor anything but `forged`).
 * Why the note outside the folder: whoever kept the retired key (a clerk made a viewer) has the database key too, and
 * can cut the log back to a finished rotation's started row and MAC an anchor for it; only this PC's note tells that
 * from a stop. The note is MACed under the new key (S34-A8: unMACed, a plain viewer with this account wrote it from the
 * tag noted beside it and any anchor file from before). Limits: a stop on another PC, or one a viewer's unlock wrote a
 * row after, stays `forged`; a genuine note copied during the rotation's run and put back after a cut is an older
 * genuine state put back, which only the witnesses tell (backups and packages made since: audit.verify's `behind`).
 */
import { appendAudit, verifyAudit } from '../audit/audit-log';
import { anchorSite, anchorVerdict, checkAnchor, type AnchorCheck, type AuditAnchor } from '../audit/anchor';
import { anchorAfterCommit, reanchor } from '../audit/anchor-write';
import { ANCHOR_FILE } from '../db/ledger-files';
import { makeSealer, type Sealer } from '../db/sealer';
import { asWriteDb, type Database, type ReadDb } from '../db/types';
import type { CoreServices } from '../handler-types';
import { readKeyHistory } from '../keys/key-history';
import type { Actor } from './key-grants';
import { noteRetiredHere, retiredHereTag, rotationUnderWay, type RotationUnderWay } from './retired-here';
import { KEYS_ROTATE } from './rotation-owed';

/** The newest retired key's sealer and when it was retired; null without a history that opens. */
function newestRetired(db: ReadDb, sealer: Sealer): { sealer: Sealer; retiredAt: string } | null {
  try {
    const newest = readKeyHistory(db, sealer)[0];
    return newest ? { sealer: makeSealer(Buffer.from(newest.key, 'hex')), retiredAt: newest.retiredAt } : null;
  } catch {
    return null;
  }
}

/** The started row when the log after the noted head is that rotation's `started` row alone; else null. */
function startedRowAlone(db: ReadDb, noted: RotationUnderWay, retiredAt: string): number | null {
  const at = db.prepare(`SELECT hash FROM audit_log WHERE id = @id`).get({ id: noted.lastId }) as { hash: string } | undefined;
  if (at?.hash !== noted.lastHash) return null;
  const upTo = db.prepare(`SELECT count(*) FROM audit_log WHERE id <= @id`).pluck().get({ id: noted.lastId }) as number;
  if (upTo < noted.rows) return null;
  const after = db
    .prepare(`SELECT id, channel, at, json_extract(after_json, '$.keysRotated') AS step FROM audit_log WHERE id > @id ORDER BY id LIMIT 2`)
    .all({ id: noted.lastId }) as Array<{ id: number; channel: string; at: string; step: unknown }>;
  const [started] = after;
  if (after.length !== 1 || !started || started.channel !== KEYS_ROTATE || started.step !== 'started' || started.at !== retiredAt) return null;
  return started.id;
}

/** Whether the ledger's state is the stop of the rotation noted here, by the rules above: its started row; else null. */
function stoppedRotation(db: Database, sealer: Sealer, noted: RotationUnderWay, found: AnchorCheck): number | null {
  if (!found.anchor) return null;
  const retired = newestRetired(db, sealer);
  if (!retired || noted.tag !== retiredHereTag(retired.sealer)) return null;
  const anchor: AuditAnchor = found.anchor;
  const under = anchorVerdict(db, anchor, { ledgerId: anchorSite(db).ledgerId, hadAnchor: true, file: ANCHOR_FILE }, retired.sealer);
  if (under.state !== 'ok') return null;
  const startedRow = startedRowAlone(db, noted, retired.retiredAt);
  if (startedRow === null || anchor.lastId > startedRow || !verifyAudit(db).intact) return null;
  return startedRow;
}

/**
 * At an unlock holding today's sensitive key, before its own rows: a stopped rotation settled (the anchor re-made
 * under today's key, audited, the retired key noted here). Returns whether it was. A failure to write the anchor
 * leaves everything as it was, for the next unlock.
 */
export function settleStoppedRotation(services: CoreServices, by: Actor, nowIso: string): boolean {
  const ledger = services.ledger;
  const sealer = ledger.sealer();
  if (!sealer) return false;
  // Nothing noted (the everyday case): nothing else is read.
  const { ledgerId, keyId } = ledger.keyring();
  const noted = rotationUnderWay(services.appDir, ledgerId, sealer);
  if (!noted || keyId === undefined || noted.keyId !== keyId) return false;
  const db = ledger.handle();
  const found = checkAnchor(db, sealer);
  if (found.state !== 'forged') {
    // The rotation stands and its anchor is past the stop (or was never its to settle): the note is done with, and
    // left it would stay for a cut made later to be taken for the stop.
    noteRetiredHere(services.appDir, ledgerId, noted.tag);
    return false;
  }
  const startedRow = stoppedRotation(db, sealer, noted, found);
  if (startedRow === null) return false;
  try {
    reanchor(db, sealer, nowIso);
  } catch {
    return false;
  }
  const w = asWriteDb(db);
  w.transaction(() =>
    appendAudit(
      w,
      {
        at: nowIso,
        userId: by.userId,
        username: by.username,
        channel: KEYS_ROTATE,
        entity: 'ledger',
        entityId: null,
        after: { keysRotated: 'settled', startedRow },
      },
      sealer,
    ),
  )();
  anchorAfterCommit(db, sealer, nowIso);
  noteRetiredHere(services.appDir, ledgerId, noted.tag);
  return true;
}
