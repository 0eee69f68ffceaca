/**
 * The packages that left, as a witness in the office's own audit.verify (issue 19 item 4).
 * Each export records the audit head its package carries (export_log, migration 039). The log only
 * grows, so it must still hold that row with that hash, and at least that many rows up to it.
 *
 * What it catches: the log cut (or rows deleted and re-chained) and an older, still valid anchor put
 * back, while the export records were left as they were — the attack on audit_log and the anchor file
 * that the anchor alone cannot see when no backup was made since (io/backup/witness.ts).
 * What it does not: the export records live in the same database, so whoever rolls the whole file
 * back (or also deletes the export rows) rolls this witness back with it. Only the packages at the
 * district tell then (audit-heads.ts, 区级核验).
 * No exception is needed for the sanctioned re-chain of old payloads (audit/payload-upgrade.ts): it
 * runs at a key holder's unlock, before any export can be signed (the office key needs that key too).
 */
import type { EarlierHead } from '../../audit/contract';
import { dayIn } from '../../dates.shared';
import type { ReadDb } from '../../db/types';
import { EARLIER_HEADS_LISTED } from './audit-heads';
import { exportedHeads } from './queries';

const monthDay = (day: string): string => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** A sentence (Chinese) when the log no longer holds the head a package that left recorded, else null. */
export function exportWitness(db: ReadDb, zone: string): string | null {
  const rowAt = db.prepare(`SELECT hash FROM audit_log WHERE id = @id`);
  const rowsUpTo = db.prepare(`SELECT count(*) AS n FROM audit_log WHERE id <= @id`);
  // Newest first: the latest package recorded the longest log; its row count is checked, each head's row and hash.
  for (const [i, e] of exportedHeads(db).entries()) {
    const row = rowAt.get({ id: e.lastId }) as { hash: string } | undefined;
    const fewer = i === 0 && row?.hash === e.lastHash ? e.rows - (rowsUpTo.get({ id: e.lastId }) as { n: number }).n : 0;
    if (row?.hash === e.lastHash && fewer <= 0) continue;
    const what = !row ? '已没有那一条' : row.hash !== e.lastHash ? '那一条已被改写' : `到那一条只有 ${e.rows - fewer} 条`;
    return (
      `日志比上报包里记录的少：${monthDay(dayIn(e.at, zone))} 导出的上报包「${e.fileName}」记录到第 ${e.lastId} 条、共 ${e.rows} 条，现在的日志里${what}。` +
      '日志可能被截短后放回了旧的锚点。区里收到的上报包也记着这个位置；请从备份恢复后再核对。'
    );
  }
  return null;
}

/**
 * What a new package says about the packages before it (AuditHead.earlier): for the newest
 * EARLIER_HEADS_LISTED export records with a head, the row it stood at and that row's hash in the log
 * now. The district compares them with the packages it holds: a log rolled back and grown again past
 * an earlier package's row shows another hash there, and a rollback of the whole file (export records
 * with it) leaves an earlier package unlisted.
 */
export function earlierHeads(db: ReadDb): EarlierHead[] {
  const rowAt = db.prepare(`SELECT hash FROM audit_log WHERE id = @id`);
  return exportedHeads(db)
    .slice(0, EARLIER_HEADS_LISTED)
    .map((e) => ({ at: e.at, lastId: e.lastId, hash: (rowAt.get({ id: e.lastId }) as { hash: string } | undefined)?.hash ?? null }));
}
