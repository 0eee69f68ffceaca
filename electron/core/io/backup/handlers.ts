import { readdirSync, rmSync } from 'node:fs';
import { readRegularFile } from '../../fs-guard';
import { join } from 'node:path';
import { findSlot, keyedKeyring, openSlot, readKeyring, sameBytes } from '../../db/keyring';
import { readKeyHistory } from '../../keys/key-history';
import { keyHistoryLost } from '../../keys/key-history-finding';
import { pinNames } from '../../db/keyslot';
import { makeSealer } from '../../db/sealer';
import { AppError } from '../../errors';
import type { HandlersOf, TaskContext } from '../../handler-types';
import { placeAudited } from '../../task-write';
import { readSettings } from '../../settings/queries';
import {
  BACKUP_PREFIX,
  MAX_MANIFEST_BYTES,
  backupFiles,
  checkCopyForRestore,
  describeBackup,
  readBackupMeta,
  writeBackup,
  type BackupKeys,
} from './backup-file';
import { accessNow, keepAccess } from './restore-access';
import type { BackupMeta } from './manifest';
import { backupContract, type BackupInfo, type BackupWritten } from './contract';
import * as q from './queries';
import { closeLedgerForRestore, recordRestore, stageBackup, swapInBackup } from './restore';

function makeBackup(ctx: TaskContext, folder: string): BackupWritten {
  const ledger = ctx.services.ledger;
  const made = writeBackup(ledger, folder, {
    officeName: readSettings(ctx.read).officeName,
    createdAt: ctx.clock.nowIso(),
    createdBy: ctx.session.displayName,
    timeZone: ctx.clock.timeZone,
  });
  // The folder is placed inside its audit row's transaction (task-write.ts): none without the row.
  placeAudited(ctx, made.file, (db, audit) => {
    q.recordBackup(db, made.meta.createdAt, made.path);
    audit({ entity: 'backup', entityId: null, after: { path: made.path, bytes: made.bytes, counts: made.about.counts } });
  });
  return {
    path: made.path,
    officeName: made.about.officeName,
    createdAt: made.meta.createdAt,
    createdBy: made.about.createdBy,
    counts: made.about.counts,
    sameLedger: true,
    auditIntact: made.auditIntact,
    anchor: made.anchor,
    schemaVersion: made.meta.schemaVersion,
    bytes: made.bytes,
    pruned: [],
  };
}

/** Removes this ledger's oldest backups in `folder` beyond the newest `keep`. Only backups, never a ledger. */
function pruneBackups(folder: string, ledgerId: string, keep: number): string[] {
  const ours: Array<{ path: string; createdAt: string }> = [];
  for (const name of readdirSync(folder)) {
    if (!name.startsWith(BACKUP_PREFIX)) continue;
    try {
      const meta = JSON.parse(readRegularFile(join(folder, name, 'backup.json'), MAX_MANIFEST_BYTES, '备份清单').toString('utf8')) as BackupMeta;
      if (meta.format === 'taizhang-backup' && meta.ledgerId === ledgerId) ours.push({ path: join(folder, name), createdAt: meta.createdAt });
    } catch {
      // not a complete backup of ours: leave it alone
    }
  }
  ours.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  const old = ours.slice(keep).map((b) => b.path);
  for (const p of old) rmSync(p, { recursive: true, force: true });
  return old;
}

/** A backup's keys as this session opens them: the database key, and the sensitive key when it can (for the anchor's MAC). */
interface OpenedKeys {
  dbKey: Buffer;
  sensitiveKey: Buffer | null;
}

const forget = (k: OpenedKeys): void => {
  k.dbKey.fill(0);
  k.sensitiveKey?.fill(0);
};

/** The keys that open a backup: this ledger's own, or the password of the same user in the backup's keyring. */
function keysFor(ctx: TaskContext, dir: string, meta: BackupMeta, password: string | undefined): OpenedKeys {
  const ledger = ctx.services.ledger;
  const keyring = readKeyring(backupFiles(dir).keyring);
  const sameLedger = meta.ledgerId === ledger.keyring().ledgerId;
  // The same ledger with the same keys; after a key rotation (keyring's keyId) an older backup needs the password of its day.
  if (sameLedger && keyring.keyId === ledger.keyring().keyId) {
    const held = ledger.heldKeys();
    return { dbKey: Buffer.from(held.dbKey), sensitiveKey: held.sensitiveKey ? Buffer.from(held.sensitiveKey) : null };
  }
  if (!password)
    throw new AppError(
      'BAD_INPUT',
      sameLedger ? '这份备份是在更换密钥之前做的：请输入做备份时您的登录密码。' : '这份备份来自另一个台账：请输入备份时您在那个台账的登录密码。',
      { field: 'password' },
    );
  const slot = findSlot(keyring, ctx.session.username);
  const opened = slot ? openSlot(keyring.ledgerId, slot, password) : null;
  if (!opened) throw new AppError('WRONG_PASSWORD', `密码不对，或这份备份中没有用户「${ctx.session.username}」。`);
  const { kek, pin, pinBroken, dbKey, sensitiveKey } = opened;
  kek.fill(0);
  // A copy's slot can hold a key someone sealed into it (session 18 attack run: S6 by way of a restore). When the
  // user's password pins another key, or the pin was stripped, the copy is checked and re-anchored without it; after
  // the restore each sign-in judges the restored slots by their own pins (db/ledger.ts).
  if (sensitiveKey && (pinBroken || (pin && !pinNames(pin, sensitiveKey)))) {
    sensitiveKey.fill(0);
    return { dbKey, sensitiveKey: null };
  }
  // A copy of this ledger from before the pins judges its slots by the anchor alone, and whoever rewrites the copy
  // re-makes the anchor (session 19 attack run, P2): its key must be one this ledger has used, the key held now or
  // one a rotation retired. Restored otherwise, its slots would hand that key to every holder at their next sign-in.
  // "This ledger" by the copy's keyring too: its slots open only under their own ledger id, while backup.json's id is
  // re-signed by anyone holding the database key, so a copy calling itself another ledger's is still judged here.
  const ofThisLedger = sameLedger || keyring.ledgerId === ledger.keyring().ledgerId;
  if (sensitiveKey && ofThisLedger && !usedByThisLedger(ctx, sensitiveKey)) {
    sensitiveKey.fill(0);
    dbKey.fill(0);
    if (!ctx.services.ledger.sealer())
      throw new AppError(
        'BAD_INPUT',
        '这份备份是在更换密钥之前做的，要用现在的敏感信息密钥核对它，而您这次登录没有拿到这把密钥：请按登录时的提示处理后再恢复。',
      );
    const lost = keyHistoryLost(ctx.read, ctx.services.ledger.sealer()!);
    if (lost) throw historyLostRefusal(lost);
    throw new AppError(
      'LEDGER_DAMAGED',
      '这份备份里的敏感信息密钥不是这本台账用过的（既不是现在的，也不是更换密钥时换下的），备份可能被人改动过，不能用它恢复。当前台账没有被改动。' +
        '（如果这本台账曾从另一份备份恢复过，这份备份可能来自恢复之前被放弃的那一段，也会这样。）',
    );
  }
  return { dbKey, sensitiveKey };
}

/** Whether `key` is the sensitive key held now or one a rotation retired (keys/key-history.ts); false while none is held. */
function usedByThisLedger(ctx: TaskContext, key: Buffer): boolean {
  const held = ctx.services.ledger.heldKeys().sensitiveKey;
  const sealer = ctx.services.ledger.sealer();
  if (!held || !sealer) return false;
  if (sameBytes(held, key)) return true;
  // A list that does not open names no key: the refusal then says the list is the cause (historyLostRefusal).
  return keyHistoryLost(ctx.read, sealer) !== 'damaged' && readKeyHistory(ctx.read, sealer).some((retired) => sameBytes(Buffer.from(retired.key, 'hex'), key));
}

/**
 * A backup from before a rotation when the ledger's own list of retired keys is lost (S36-A4): the backup cannot be
 * checked, which says nothing against it; a backup made after the rotation is checked by today's key.
 */
function historyLostRefusal(lost: 'damaged' | 'missing'): AppError {
  return new AppError(
    'LEDGER_DAMAGED',
    `这份备份是在更换密钥之前做的，要用台账里保存的旧密钥记录（每次更换密钥时换下的敏感信息密钥）核对，但这份记录${lost === 'damaged' ? '已损坏，打不开' : '不见了'}` +
      '（台账文件在本程序之外被改动过），所以无法核对这份备份，不能用它恢复；这并不说明备份本身被改动过。' +
      '可以恢复更换密钥之后做的备份。当前台账没有被改动。',
  );
}

interface Inspected {
  info: BackupInfo;
  keys: OpenedKeys;
  backup: BackupKeys;
  dir: string;
  meta: BackupMeta;
}

function inspect(ctx: TaskContext, handle: string, password: string | undefined): Inspected {
  const { dir, meta } = readBackupMeta(ctx.files.openFolder(handle));
  const keys = keysFor(ctx, dir, meta, password);
  try {
    const keyring = readKeyring(backupFiles(dir).keyring);
    const backup = {
      dbKey: keys.dbKey,
      sealer: keys.sensitiveKey ? makeSealer(keys.sensitiveKey) : null,
      ledgerId: keyring.ledgerId,
      keyed: keyedKeyring(keyring),
    };
    return { info: describeBackup(ctx.services.ledger, dir, backup, meta), keys, backup, dir, meta };
  } catch (e) {
    forget(keys);
    throw e;
  }
}

export const backupHandlers: HandlersOf<typeof backupContract> = {
  'backup.settings.get': (db) => q.readBackupSettings(db),

  'backup.settings.save': (db, input, ctx) => {
    const before = q.readBackupSettings(db);
    const folder = input.folder === undefined ? before.folder : input.folder === null ? '' : ctx.files.folder(input.folder);
    if (input.autoDaily && !folder) throw new AppError('BAD_INPUT', '开启每日自动备份时，请选择「自动备份位置」。', { field: 'folder' });
    q.saveBackupSettings(db, { ...input, folder }, ctx.clock.nowIso());
    const after = q.readBackupSettings(db);
    ctx.audit({ entity: 'backup_settings', entityId: 1, before, after });
    return after;
  },

  'backup.create': async (input, ctx) => {
    ctx.progress('备份台账', 0, 1);
    const written = makeBackup(ctx, ctx.files.folder(input.folder));
    ctx.progress('完成', 1, 1);
    return written;
  },

  'backup.runDue': async (_input, ctx) => {
    const s = q.readBackupSettings(ctx.read);
    if (!s.autoDaily || !s.folder) return { ran: false, written: null, message: null };
    const today = ctx.clock.today();
    // Compare the office's calendar days: "today's backup" means the office's today.
    if (s.lastBackupAt && ctx.clock.dayOf(s.lastBackupAt) === today) return { ran: false, written: null, message: null };
    try {
      // Chosen once, used daily: checked again each time (never the ledger folder, still a folder).
      const written = makeBackup(ctx, ctx.services.grants.recheck('folder', s.folder));
      written.pruned = pruneBackups(s.folder, ctx.services.ledger.keyring().ledgerId, s.keepLast);
      return { ran: true, written, message: `今天的自动备份已保存到「${written.path}」。` };
    } catch (e) {
      return { ran: false, written: null, message: `今天的自动备份没有完成：${e instanceof AppError ? e.message : '未知原因'}` };
    }
  },

  'backup.inspect': async (input, ctx) => {
    const { info, keys } = inspect(ctx, input.path, input.password);
    forget(keys);
    return info;
  },

  'backup.restore': async (input, ctx) => {
    const { info, keys, backup, dir, meta } = inspect(ctx, input.path, input.password);
    const ledger = ctx.services.ledger;
    const now = ctx.clock.nowIso();
    const stamp = now.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const session = ctx.session;
    let notes: string[] = [];
    const staged = stageBackup(ctx.services, dir, meta, stamp);
    try {
      checkCopyForRestore(ledger, staged.db, staged.anchor, backup);
      // The same ledger: users disabled or demoted since the backup stay so (restore-access.ts).
      if (meta.ledgerId === ledger.keyring().ledgerId) notes = keepAccess(ledger, staged, backup, accessNow(ctx.read, ledger, now), session, now);
    } catch (e) {
      staged.discard();
      forget(keys);
      throw e;
    }
    ctx.write((_db, audit) => audit({ entity: 'ledger', entityId: null, after: { restoreFrom: dir, backupCreatedAt: info.createdAt } }));
    closeLedgerForRestore(ctx.services);
    try {
      const swapped = swapInBackup(ctx.services, staged, stamp);
      const safetyCopy = swapped.safety;
      try {
        recordRestore(ctx.services, keys, session, now, { restoredFrom: dir, backupCreatedAt: info.createdAt, safetyCopy });
      } catch (e) {
        // The restored ledger refused its own record of the restore (a write its file will not take: S34-A6, an index
        // put into the copy outside the program; or the disk): a restore nobody can trace is not done. Undone, and said.
        swapped.undo();
        throw restoreNotRecorded(e);
      }
      return { restored: true, safetyCopy, counts: info.counts, notes };
    } finally {
      forget(keys);
    }
  },
};

/** The restore undone after its swap because the restored ledger would not take the restore's own audit row. */
function restoreNotRecorded(e: unknown): AppError {
  const why = e instanceof AppError && e.code === 'IO_FAILED' ? '（磁盘空间不足或没有权限）' : '（这份备份的台账文件可能在本程序之外被改动过）';
  return new AppError(
    'LEDGER_DAMAGED',
    `恢复没有完成：备份里的台账不接受这次恢复的记录${why}，已把原来的台账放回原处，没有改动。请重新登录；如需恢复，请换一份备份。`,
  );
}
