/**
 * The audit chain's head, anchored outside the database (issue 19 item 4).
 * The hash chain shows a row edited in place, but whoever holds the database
 * key (a viewer's password unwraps it) could delete rows or cut the tail and
 * re-chain what is left. So after every transaction that appended audit rows
 * in a session holding the sensitive key, `taizhang.anchor.json` beside the
 * keyring records the head:
 *
 *   { ledgerId, lastId, lastHash, rows, at, recovery?, mac }
 *
 * `recovery` (since session 40, S40-A1): a digest of the keyring's recovery slot as the program last left it
 * (db/recovery-slot-witness.ts); a keyed sign-in says so when the slot in the file is another.
 * `rows` is how many rows the table holds up to `lastId`; `mac` is
 * HMAC-SHA-256 (first 16 bytes, the sealer's keyed index under the purpose
 * 'audit_log.anchor', a subkey of the sensitive key) over the other fields,
 * so a viewer cannot write a matching anchor for a shortened log. audit.verify
 * checks the chain AND that the anchor's MAC holds, row `lastId` exists with
 * `lastHash`, and at least `rows` rows lead up to it.
 *
 * An anchor that does not match the log is never overwritten: it is the
 * evidence, until a coordinator restores a backup (backups carry the anchor)
 * or rotation re-anchors (`reanchor`, after a new sensitive key). Rows a
 * viewer's session appends are covered by the next clerk's or coordinator's
 * anchor; cutting only those before then is not detectable, said so in the
 * README.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { readRegularFile } from '../fs-guard';
import { keyedKeyring, readKeyring, type Keyring } from '../db/keyring';
import { ANCHOR_FILE, ledgerPaths, readMeta } from '../db/ledger-files';
import type { ReadDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import { verifyAudit } from './audit-log';
import type { AnchorState, AuditHead, AuditVerifyResult } from './contract';
import type { AnchorWitness } from '../handler-types';

export const ANCHOR_PURPOSE = 'audit_log.anchor';
/**
 * Meta key: set once a ledger has had an anchor. A viewer with the files can delete it, so it is a
 * second sign only: what says "this ledger must have an anchor" is its keyring holding a sensitive
 * key (anchorExpected).
 */
export const ANCHORED_META = 'audit_anchor';

export interface AuditAnchor {
  ledgerId: string;
  lastId: number;
  lastHash: string;
  rows: number;
  at: string;
  /** The recovery slot's digest as the program left it (db/recovery-slot-witness.ts); absent in anchors from before. */
  recovery?: string;
  mac: string;
}

export interface AnchorCheck {
  state: AnchorState;
  /** What a coordinator reads in 操作日志 (Chinese). */
  message: string;
  anchor?: AuditAnchor;
}

/**
 * The anchor file of the ledger this handle belongs to, that ledger's id (from its keyring), and whether
 * its keyring holds (or held: keyedKeyring) a sensitive key (then it must have an anchor: anchorExpected).
 */
export function anchorSite(db: ReadDb): { path: string; ledgerId: string; keyed: boolean; keyring: Keyring } {
  const paths = ledgerPaths(dirname(db.name));
  const keyring = readKeyring(paths.keyring);
  return { path: paths.anchor, ledgerId: keyring.ledgerId, keyed: keyedKeyring(keyring), keyring };
}

/**
 * Whether a log must have an anchor (session 15 attack run, AU1/AU2). The sensitive key and the
 * anchor came with the same version (issue 19): the unlock that makes the key writes the first
 * anchor (anchorNewKey), and every keyed write after it moves it. So a ledger whose keyring holds a
 * sensitive key has had an anchor, and a missing one is reported, never replaced by a fresh one.
 * A viewer can delete the meta mark and the file, but not the sensitive key from the keyring without
 * losing every sealed value (ID numbers, phones, memorial records, the office key) for everyone: that
 * is no quiet shortening. `keyed`: the keyring holds a sensitive key; `marked`: the meta mark.
 */
export const anchorExpected = (keyed: boolean, marked: boolean): boolean => keyed || marked;

export function macOf(sealer: Sealer, a: Omit<AuditAnchor, 'mac'>): string {
  const fields = [a.ledgerId, a.lastId, a.lastHash, a.rows, a.at];
  // Without a digest the message is as before, so anchors written earlier still hold.
  return sealer.index(ANCHOR_PURPOSE, JSON.stringify(a.recovery === undefined ? fields : [...fields, a.recovery])).toString('hex');
}

/** Whether the anchor's MAC holds under this sealer's key (auth/key-fits.ts: is a key the ledger's?). */
export const anchorMacHolds = (a: AuditAnchor, sealer: Sealer): boolean => {
  const { mac, ...fields } = a;
  return macOf(sealer, fields) === mac;
};

function isAnchor(v: unknown): v is AuditAnchor {
  const a = v as AuditAnchor;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof a.ledgerId === 'string' &&
    Number.isSafeInteger(a.lastId) &&
    typeof a.lastHash === 'string' &&
    Number.isSafeInteger(a.rows) &&
    typeof a.at === 'string' &&
    (a.recovery === undefined || typeof a.recovery === 'string') &&
    typeof a.mac === 'string'
  );
}

/** The anchor as stored, 'missing' or 'unreadable'. */
export function readAnchorFile(path: string): AuditAnchor | 'missing' | 'unreadable' {
  if (!existsSync(path)) return 'missing';
  try {
    // Non-blocking, regular files only: a FIFO in its place (or in a backup) is unreadable, never a hang.
    const v = JSON.parse(readRegularFile(path, 64 * 1024, '锚点文件').toString('utf8')) as unknown;
    return isAnchor(v) ? v : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

export const headOf = (db: ReadDb) => db.prepare(`SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`).get() as { id: number; hash: string } | undefined;
export const countUpTo = (db: ReadDb, from: number, to: number): number =>
  (db.prepare(`SELECT count(*) AS n FROM audit_log WHERE id > @from AND id <= @to`).get({ from, to }) as { n: number }).n;

/**
 * The rows up to `lastId`, counted once per open handle and head: the rows before it do not go while the program holds
 * the file. A sign-in counted the whole log three times (the key's judgement, its anchor finding, its first write: ≈ 2 s
 * at 100,000 rows under load, the twenty-sixth attack run's profile).
 */
const countedHere = new WeakMap<ReadDb, { lastId: number; rows: number }>();
function rowsUpTo(db: ReadDb, lastId: number): number {
  const known = countedHere.get(db);
  if (known?.lastId === lastId) return known.rows;
  const rows = countUpTo(db, 0, lastId);
  countedHere.set(db, { lastId, rows });
  return rows;
}

/**
 * Checks an anchor against a log: the ledger's own (checkAnchor) or a backup's copy (io/backup).
 * With the sensitive key the MAC is checked first; without it (a viewer, a coordinator whose slot
 * lacks the key) the position and row count still are, and a sound result says 'nokey'.
 * `hadAnchor`: the log's ledger is known to have had an anchor, so a missing one is reported.
 */
export function anchorVerdict(
  db: ReadDb,
  a: AuditAnchor | 'missing' | 'unreadable',
  site: { ledgerId: string; hadAnchor: boolean; file: string },
  sealer: Sealer | null,
): AnchorCheck {
  if (a === 'missing') {
    return site.hadAnchor
      ? { state: 'missing', message: `操作日志的锚点不见了：台账曾经有锚点（${site.file}），日志可能被删短。请从备份恢复后再核对。` }
      : { state: 'none', message: '这本台账还没有锚点（旧版本建立的台账），下次录入员或统筹负责人解锁时自动建立。' };
  }
  if (a === 'unreadable') return { state: 'unreadable', message: `锚点文件 ${site.file} 无法读取（内容被改动或损坏）。请从备份恢复后再核对。` };
  const { mac, ...fields } = a;
  if (a.ledgerId !== site.ledgerId || (sealer && macOf(sealer, fields) !== mac)) {
    return { state: 'forged', message: `锚点文件 ${site.file} 的签名不对（不是这本台账的，或被改写过）。请从备份恢复后再核对。`, anchor: a };
  }
  const row = db.prepare(`SELECT hash FROM audit_log WHERE id = @id`).get({ id: a.lastId }) as { hash: string } | undefined;
  if (!row) return { state: 'mismatch', message: `日志被截短：锚点记录的第 ${a.lastId} 条已不在日志中（末尾的记录被删除）。`, anchor: a };
  if (row.hash !== a.lastHash) {
    return { state: 'mismatch', message: `日志被改写：第 ${a.lastId} 条与锚点记录的不一致（有记录被删除后重新串联）。`, anchor: a };
  }
  const rows = rowsUpTo(db, a.lastId);
  if (rows < a.rows)
    return { state: 'short', message: `日志少了 ${a.rows - rows} 条：锚点记录到第 ${a.lastId} 条时共 ${a.rows} 条，现在只有 ${rows} 条。`, anchor: a };
  if (!sealer)
    return {
      state: 'nokey',
      message: `锚点记录的位置和条数与日志一致（到第 ${a.lastId} 条，共 ${a.rows} 条），但这次登录没有打开敏感信息密钥，无法核对锚点的签名。请用统筹负责人的密码重新解锁。`,
      anchor: a,
    };
  return { state: 'ok', message: `锚点一致（到第 ${a.lastId} 条，共 ${a.rows} 条）。`, anchor: a };
}

/** States in which the anchor does not speak against the log: sound, sound but its MAC unchecked (no key), or none yet (a ledger from before). */
export const anchorHolds = (state: AnchorState): boolean => state === 'ok' || state === 'nokey' || state === 'none';

/** The chain check and the anchor check together: what audit.verify answers. */
export function verifyWithAnchor(db: ReadDb, sealer: Sealer | null): AuditVerifyResult {
  const chain = verifyAudit(db);
  const anchor = checkAnchor(db, sealer);
  return { ...chain, intact: chain.intact && anchorHolds(anchor.state), anchor: { state: anchor.state, message: anchor.message } };
}

/** The first witness (a backup, a package that left) that recorded a head the log no longer holds: its words, else null. */
export function witnessFinding(db: ReadDb, anchor: AuditAnchor, witnesses: readonly AnchorWitness[], zone: string): string | null {
  const site = { ledgerId: anchorSite(db).ledgerId, anchoredUpTo: anchor.lastId, zone };
  for (const witness of witnesses) {
    const behind = witness(db, site);
    if (behind) return behind;
  }
  return null;
}

/** What audit.verify answers: the chain and the anchor, and an anchor that holds against each witness in turn ('behind'). */
export function verifyWithWitnesses(db: ReadDb, sealer: Sealer | null, witnesses: readonly AnchorWitness[], zone: string): AuditVerifyResult {
  const v = verifyWithAnchor(db, sealer);
  const anchor = checkAnchor(db, sealer).anchor;
  if (!v.intact || !anchor) return v;
  const behind = witnessFinding(db, anchor, witnesses, zone);
  return behind ? { ...v, intact: false, anchor: { state: 'behind', message: behind } } : v;
}

/**
 * Where the log stands now and whether it checks out, as audit.verify would say (witnesses included):
 * the head a submission package carries (io/export).
 */
export function auditHeadNow(db: ReadDb, sealer: Sealer | null, nowIso: string, witnesses: readonly AnchorWitness[], zone: string): AuditHead | null {
  const head = headOf(db);
  if (!head) return null;
  const intact = verifyWithWitnesses(db, sealer, witnesses, zone).intact;
  return { lastId: head.id, lastHash: head.hash, rows: countUpTo(db, 0, head.id), at: nowIso, intact };
}

/** Whether this log's ledger says it has had an anchor (meta, set at the first one; a second sign only: anchorExpected). */
export const hadAnchor = (db: ReadDb): boolean => readMeta(db, ANCHORED_META) === 'kept';

/** Checks the ledger's anchor file against its log. Without a sealer the MAC cannot be checked ('nokey'). */
export function checkAnchor(db: ReadDb, sealer: Sealer | null): AnchorCheck {
  const site = anchorSite(db);
  const expected = anchorExpected(site.keyed, hadAnchor(db));
  return anchorVerdict(db, readAnchorFile(site.path), { ledgerId: site.ledgerId, hadAnchor: expected, file: ANCHOR_FILE }, sealer);
}

/**
 * An anchor for a log's head as it stands (a backup's copy): every row counted, MACed with the sensitive key; `recovery`:
 * the ledger's own anchor's digest of the recovery slot, carried along with the keyring the backup copies.
 */
export function anchorOf(db: ReadDb, ledgerId: string, sealer: Sealer, nowIso: string, recovery?: string): AuditAnchor | null {
  const head = headNow(db);
  if (!head) return null;
  const fields = { ledgerId, ...head, at: nowIso, ...(recovery === undefined ? {} : { recovery }) };
  return { ...fields, mac: macOf(sealer, fields) };
}

/** The log's head as it stands, every row counted (what an anchor would record, unsigned); none for an empty log. */
export function headNow(db: ReadDb): Pick<AuditAnchor, 'lastId' | 'lastHash' | 'rows'> | null {
  const head = headOf(db);
  return head ? { lastId: head.id, lastHash: head.hash, rows: countUpTo(db, 0, head.id) } : null;
}

export const anchorText = (a: AuditAnchor): string => `${JSON.stringify(a, null, 2)}\n`;
