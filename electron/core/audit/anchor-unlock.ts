/**
 * The anchor at the two moments of an unlock that holds the sensitive key (anchor.ts has the rest):
 * when the key is made (the first anchor: from then on the keyring says the ledger must have one,
 * anchorExpected) and after the unlock's own rows (a finding audited, never papered over).
 */
import type { Database } from '../db/types';
import type { Sealer } from '../db/sealer';
import type { AnchorState } from './contract';
import type { AnchorWitness } from '../handler-types';
import { anchorHolds, anchorSite, checkAnchor, hadAnchor, readAnchorFile, witnessFinding } from './anchor';
import { anchorAfterCommit, reanchor } from './anchor-write';

/**
 * At an unlock holding the sensitive key: the anchor moved over the unlock's own rows, and when it
 * does not hold (missing, cut, re-chained, forged) the finding goes into the log (`record`, its own
 * transaction): the ledger still opens, 操作日志's check shows the message, the log keeps when it was
 * seen and by whom. Nothing here writes a fresh anchor over a finding.
 */
export function anchorAtUnlock(
  db: Database,
  sealer: Sealer,
  nowIso: string,
  record: (finding: { auditAnchor: AnchorState; message: string }) => void,
  log: (e: unknown) => void = () => undefined,
): void {
  anchorAfterCommit(db, sealer, nowIso, log);
  try {
    const found = checkAnchor(db, sealer);
    if (!anchorHolds(found.state)) record({ auditAnchor: found.state, message: found.message });
  } catch (e) {
    log(e);
  }
}

/**
 * The sensitive key was made just now in this process (a new ledger, or the first key holder's unlock
 * of one from before sealing): the first anchor, for the log as it stands. From here on the keyring
 * says an anchor must exist (anchorExpected). Not when there are signs of an earlier anchor (the meta
 * mark, or a file: the key was stripped from the keyring and made anew, and the old anchor, MACed
 * with the lost key, is the evidence): then the check's state is returned and nothing is written.
 * A failure to write (disk full) is logged; the next unlock then reports the anchor missing.
 */
export function anchorNewKey(db: Database, sealer: Sealer, nowIso: string, log: (e: unknown) => void = () => undefined): AnchorState | 'written' {
  try {
    if (hadAnchor(db) || readAnchorFile(anchorSite(db).path) !== 'missing') return checkAnchor(db, sealer).state;
    reanchor(db, sealer, nowIso);
    return 'written';
  } catch (e) {
    log(e);
    return 'missing';
  }
}

/**
 * What a coordinator is told at sign-in (and while it lasts, auth.whoami): the anchor's finding in the
 * words 操作日志's check uses, when it does not hold; null when it does. A check that cannot run
 * (the keyring unreadable mid-restore) says nothing here: 操作日志's check still reports it.
 */
export function anchorFinding(
  db: Database,
  sealer: Sealer | null,
  witnesses: readonly AnchorWitness[] = [],
  zone = '',
): { state: AnchorState; message: string } | null {
  try {
    const found = checkAnchor(db, sealer);
    if (!anchorHolds(found.state)) return { state: found.state, message: found.message };
    // An older genuine anchor put back after a cut holds by itself; a backup made since says otherwise (session 18 attack run, AU3).
    const behind = found.anchor ? witnessFinding(db, found.anchor, witnesses, zone) : null;
    return behind ? { state: 'behind', message: behind } : null;
  } catch {
    return null;
  }
}
