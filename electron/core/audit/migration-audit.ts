/**
 * The audit rows of a data migration (db/migrate.ts `changes`): one per record it changed, so a case's 办理记录 shows
 * the change on the case itself (「数据升级 068 · 修改：备注、包保责任人（未注明分工）」) and 操作日志 lists each one.
 * One row per record, not one for the batch: the drawer reads a case's rows by its id, and a batch row naming the cases
 * would show on none of them. The program made the change, not the user whose unlock ran the upgrade: the rows name
 * the upgrade (user_id null), written without a sealer, as a viewer's session writes (no personal number is in them).
 */
import type { MigrationAuditor } from '../db/migrate';
import { appendAudit } from './audit-log';

export const MIGRATION_CHANNEL = 'ledger.upgrade';

/** 「数据升级 068」: who changed the record, as 操作日志 and 办理记录 name it. */
export const migrationActor = (version: number): string => `数据升级 ${String(version).padStart(3, '0')}`;

export const auditMigration: MigrationAuditor = (w, m, changes, nowIso) => {
  const username = migrationActor(m.version);
  for (const c of changes)
    appendAudit(
      w,
      { at: nowIso, userId: null, username, channel: MIGRATION_CHANNEL, entity: c.entity, entityId: c.entityId, before: c.before, after: c.after },
      null,
    );
};
