/**
 * Backups as a witness outside the ledger folder (issue 19 item 4, second
 * attack run). Whoever holds the folder can keep a copy of the anchor, later
 * cut every audit row above it and put the copy back: the ledger's own anchor
 * then agrees with the shortened log. A backup made in between carries a
 * newer anchor, outside the folder. audit.verify therefore also looks at the
 * backups this ledger knows of (the last one made, and those in the daily
 * backup's folder) and reports a log that no longer holds the head one of
 * them recorded.
 *
 * Only backups of this ledger made after the last restore the anchored log
 * records count: a restore of an older backup legitimately leaves newer
 * backups ahead of the log. Nothing here can unmask a witness that was
 * deleted or never made (no backup since the copied anchor); the pointers to
 * the backups live in the database, which the database key can edit: this is
 * one more thing an attacker must think of, not a proof.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readAnchorFile } from '../../audit/anchor';
import type { ReadDb } from '../../db/types';
import { readRegularFile } from '../../fs-guard';
import { ANCHOR_FILE } from './backup-anchor';
import { BACKUP_PREFIX, MAX_MANIFEST_BYTES } from './backup-file';
import type { BackupMeta } from './manifest';
import { readBackupSettings } from './queries';

function backupsKnown(db: ReadDb): string[] {
  const s = readBackupSettings(db);
  const found = new Set<string>(s.lastBackupPath ? [s.lastBackupPath] : []);
  try {
    if (s.folder) for (const name of readdirSync(s.folder)) if (name.startsWith(BACKUP_PREFIX)) found.add(join(s.folder, name));
  } catch {
    // the stick is not in: the last backup's path may still be reachable
  }
  return [...found];
}

function manifestAt(dir: string): BackupMeta | null {
  try {
    return JSON.parse(readRegularFile(join(dir, 'backup.json'), MAX_MANIFEST_BYTES, '备份清单').toString('utf8')) as BackupMeta;
  } catch {
    return null;
  }
}

/**
 * A sentence (Chinese) when a backup of this ledger recorded a head the log no longer holds, else null.
 * `anchoredUpTo`: the ledger's anchored head (rows above it are not yet vouched for).
 */
export function backupWitness(db: ReadDb, ledgerId: string, anchoredUpTo: number): string | null {
  const restored = db
    .prepare(`SELECT max(at) AS at FROM audit_log WHERE channel = 'backup.restore' AND entity = 'ledger' AND id <= @upTo`)
    .get({ upTo: anchoredUpTo }) as { at: string | null };
  for (const dir of backupsKnown(db)) {
    const meta = manifestAt(dir);
    if (!meta || meta.ledgerId !== ledgerId || (restored.at && meta.createdAt <= restored.at)) continue;
    if (!Array.isArray(meta.files) || !meta.files.some((f) => f.name === ANCHOR_FILE)) continue;
    const a = readAnchorFile(join(dir, ANCHOR_FILE));
    if (typeof a !== 'object' || a.ledgerId !== ledgerId) continue;
    const row = db.prepare(`SELECT hash FROM audit_log WHERE id = @id`).get({ id: a.lastId }) as { hash: string } | undefined;
    const rows = (db.prepare(`SELECT count(*) AS n FROM audit_log WHERE id <= @id`).get({ id: a.lastId }) as { n: number }).n;
    if (row?.hash === a.lastHash && rows >= a.rows) continue;
    return `日志比备份里记录的少：备份「${basename(dir)}」记录到第 ${a.lastId} 条、共 ${a.rows} 条，现在的日志里${row ? '那一条已被改写' : '已没有那一条'}。日志可能被截短后放回了旧的锚点，请从这份备份恢复后再核对。`;
  }
  return null;
}
