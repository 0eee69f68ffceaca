import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../electron/core/audit/audit-log';
import { tableCounts } from '../../../electron/core/io/backup/backup-file';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { seedSmallOffice } from '../export/fixture';

let t: TestLedger;
let stick: string;
beforeEach(async () => {
  t = await openTestLedger();
  seedSmallOffice(t);
  await t.call('org.communities.save', { name: '备份前新建社区' });
  stick = mkdtempSync(join(tmpdir(), 'taizhang-stick-'));
});
afterEach(() => {
  t.close();
  rmSync(stick, { recursive: true, force: true });
});

const counts = () => tableCounts(t.core.services.ledger.handle());

describe('backup.create', () => {
  it('writes a verified encrypted copy with the keyring and says what it holds', async () => {
    const before = counts();
    const b = await t.call('backup.create', { folder: stick });
    expect(b.path.startsWith(join(stick, '台账备份_东风街道办事处_'))).toBe(true);
    expect(readdirSync(b.path).sort()).toEqual(['backup.json', 'taizhang.anchor.json', 'taizhang.db', 'taizhang.keyring.json']);
    expect(b.counts).toEqual(before);
    expect(b.auditIntact).toBe(true);
    // Still encrypted: no plain SQLite header, and no resident's name in the bytes.
    const bytes = readFileSync(join(b.path, 'taizhang.db'));
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(bytes.includes(Buffer.from('张三'))).toBe(false);
    const info = await t.call('backup.inspect', { path: b.path });
    expect(info).toMatchObject({ officeName: '东风街道办事处', createdBy: ADMIN.displayName, sameLedger: true, auditIntact: true });
    expect(info.counts.residents).toBe(2);
    expect(readdirSync(stick)).toHaveLength(1);
  });

  it('a missing folder fails cleanly in Chinese and leaves nothing', async () => {
    const e = await t.fail('backup.create', { folder: join(stick, '不存在') });
    expect(e.code).toBe('IO_FAILED');
    expect(e.message).toContain('找不到保存位置');
    expect(readdirSync(stick)).toEqual([]);
  });

  it('a damaged backup is refused before anything is replaced', async () => {
    const b = await t.call('backup.create', { folder: stick });
    const dbPath = join(b.path, 'taizhang.db');
    const bytes = readFileSync(dbPath);
    bytes[5000] = bytes[5000]! ^ 0xff;
    writeFileSync(dbPath, bytes);
    const e = await t.fail('backup.restore', { path: b.path, confirm: true });
    expect(e.code).toBe('LEDGER_DAMAGED');
    expect(e.message).toContain('taizhang.db');
    expect((await t.call('auth.whoami', {}))?.user.username).toBe('admin');
  });

  it('restore needs an explicit confirmation', async () => {
    const b = await t.call('backup.create', { folder: stick });
    const e = await t.fail('backup.restore', { path: b.path, confirm: false });
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain('确认');
  });
});

describe('backup.restore', () => {
  it('gives back the same ledger: equal counts, intact audit chain, and keeps a safety copy of the current one', async () => {
    const b = await t.call('backup.create', { folder: stick });
    const atBackup = b.counts;
    // Changes after the backup, which the restore must undo.
    await t.call('org.communities.save', { name: '备份后新建社区' });
    expect(counts().communities).toBe(atBackup.communities! + 1);

    const r = await t.call('backup.restore', { path: b.path, confirm: true });
    expect(existsSync(join(r.safetyCopy, 'taizhang.db'))).toBe(true);
    expect(existsSync(join(r.safetyCopy, 'taizhang.keyring.json'))).toBe(true);
    // Everyone is locked out; the backup's passwords open it again.
    expect(t.core.services.ledger.isOpen()).toBe(false);
    expect((await t.fail('org.communities.list', {})).code).toBe('UNAUTHENTICATED');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });

    const after = counts();
    // One more audit row: the restore itself is recorded in the restored ledger.
    expect({ ...after, audit_log: after.audit_log! - 1 }).toEqual(atBackup);
    expect(verifyAudit(t.core.services.ledger.handle())).toMatchObject({ intact: true });
    const names = (await t.call('org.communities.list', {})).map((c) => c.name);
    expect(names).toContain('备份前新建社区');
    expect(names).not.toContain('备份后新建社区');
  });
});

describe('daily automatic backup', () => {
  it('runs once a day and keeps the last N', async () => {
    await t.call('backup.settings.save', { autoDaily: true, folder: stick, keepLast: 2 });
    const first = await t.call('backup.runDue', {});
    expect(first.ran).toBe(true);
    expect((await t.call('backup.runDue', {})).ran).toBe(false);
    for (let day = 1; day <= 3; day++) {
      t.clock.advanceDays(1);
      // A day later the idle lock has closed the ledger: unlock again, as the user would.
      await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
      expect((await t.call('backup.runDue', {})).ran).toBe(true);
    }
    const left = readdirSync(stick).filter((n) => n.startsWith('台账备份_'));
    expect(left).toHaveLength(2);
    expect((await t.call('backup.settings.get', {})).lastBackupPath).toBe(join(stick, left.sort().at(-1)!));
  });

  it('is refused without a folder', async () => {
    const e = await t.fail('backup.settings.save', { autoDaily: true, folder: '', keepLast: 7 });
    expect(e.message).toContain('备份位置');
  });
});
