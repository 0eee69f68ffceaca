/** The backup channels: a verified encrypted copy of the whole ledger, the daily automatic backup, restore. */
import { z } from 'zod';
import { areaContract, channel, chosen, empty } from '../../contract';
import type { AnchorState } from '../../audit/contract';

const backupLabels = {
  autoDaily: '每日自动备份',
  keepLast: '保留份数',
  confirm: '确认恢复',
  folder: '备份位置',
  path: '备份文件夹',
  password: '备份时的登录密码',
};

export interface BackupSettings {
  autoDaily: boolean;
  folder: string;
  keepLast: number;
  lastBackupAt: string | null;
  lastBackupPath: string | null;
}

export interface BackupInfo {
  path: string;
  officeName: string;
  createdAt: string;
  createdBy: string;
  /** Rows per table, counted in the backup itself after opening it. */
  counts: Record<string, number>;
  /** The backup is of this same ledger (same key), not another office's. */
  sameLedger: boolean;
  /** The audit chain holds and agrees with the anchor the backup carries (or it carries none, from an older version). */
  auditIntact: boolean;
  /** The backup's audit anchor checked against its copy (io/backup/backup-anchor.ts), in Chinese for the screen. */
  anchor: { state: AnchorState; message: string };
  schemaVersion: number;
}

export interface BackupWritten extends BackupInfo {
  bytes: number;
  /** Older automatic backups removed to keep the last N. */
  pruned: string[];
}

/** Handles for what the user chose (fs-grants.ts): a folder to back up into, a backup folder to read. */
const folder = chosen('备份位置', 'folder');
const backupPath = chosen('备份文件夹', 'openFolder');

export const backupContract = areaContract(backupLabels, {
  'backup.settings.get': channel<BackupSettings>()({ input: empty, access: 'coordinator', kind: 'read' }),
  'backup.settings.save': channel<BackupSettings>()({
    /** folder: a newly chosen folder; absent keeps the one saved; null clears it. */
    input: z.strictObject({
      autoDaily: z.boolean(),
      folder: chosen('自动备份位置', 'folder').nullable().optional(),
      keepLast: z.number().int().min(1, '至少保留 1 份').max(365, '最多 365 份'),
    }),
    access: 'coordinator',
    kind: 'write',
  }),
  'backup.create': channel<BackupWritten>()({ input: z.strictObject({ folder }), access: 'coordinator', kind: 'task' }),
  /** Runs the daily automatic backup if it is on and today's has not been made. */
  'backup.runDue': channel<{ ran: boolean; written: BackupWritten | null; message: string | null }>()({ input: empty, access: 'coordinator', kind: 'task' }),
  'backup.inspect': channel<BackupInfo>()({
    input: z.strictObject({ path: backupPath, password: z.string().max(128).optional() }),
    access: 'coordinator',
    kind: 'task',
  }),
  /** notes: what the coordinator must know (users kept disabled, a key rotation due), in Chinese. */
  'backup.restore': channel<{ restored: true; safetyCopy: string; counts: Record<string, number>; notes: string[] }>()({
    input: z.strictObject({
      path: backupPath,
      password: z.string().max(128).optional(),
      confirm: z.literal(true, { error: '请先确认：恢复会替换当前台账（当前台账会先保存一份安全副本）' }),
    }),
    access: 'coordinator',
    kind: 'task',
  }),
});
