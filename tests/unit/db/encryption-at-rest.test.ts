import { readFileSync, existsSync, writeFileSync, copyFileSync, truncateSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, ADMIN, type TestLedger } from '../../helpers/ledger';

const MARKER = '欧阳测试名字';

describe('encryption at rest', () => {
  let t: TestLedger;
  let other: TestLedger | undefined;
  afterEach(() => {
    t?.close();
    other?.close();
    other = undefined;
  });

  it('keeps an inserted name out of the database file and its WAL, in UTF-8 and UTF-16', async () => {
    t = await openTestLedger();
    await t.call('org.communities.save', { name: MARKER });
    const db = join(t.dir, 'taizhang.db');
    const wal = `${db}-wal`;
    expect(existsSync(wal)).toBe(true);
    expect(statSync(wal).size).toBeGreaterThan(0); // the write is sitting in the WAL now
    for (const file of [db, wal]) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(MARKER, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(MARKER, 'utf16le'))).toBe(false);
      expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    }
    // and the keyring holds no key in the clear: only wrapped slots
    const keyring = readFileSync(join(t.dir, 'taizhang.keyring.json'), 'utf8');
    expect(keyring).not.toContain(MARKER);
    expect(JSON.parse(keyring).slots).toHaveLength(2);
  });

  it('opens nothing for a wrong password', async () => {
    t = await openTestLedger();
    await t.call('auth.lock', {});
    expect(t.core.services.ledger.isOpen()).toBe(false);
    const e = await t.fail('auth.unlock', { username: ADMIN.username, password: 'not-the-password' });
    expect(e.code).toBe('WRONG_PASSWORD');
    expect(t.core.services.ledger.isOpen()).toBe(false);
  });

  it('tells a plain SQLite file apart from a ledger', async () => {
    t = await openTestLedger();
    await t.call('auth.lock', {});
    const db = join(t.dir, 'taizhang.db');
    for (const f of [db, `${db}-wal`, `${db}-shm`]) if (existsSync(f)) writeFileSync(f, '');
    const plain = new BetterSqlite3(db);
    plain.exec('CREATE TABLE x (a)');
    plain.close();
    const status = await t.call('setup.status', {});
    expect(status.problem?.code).toBe('NOT_A_LEDGER');
    expect((await t.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).code).toBe('NOT_A_LEDGER');
  });

  it('reports a truncated ledger as damaged, not as a wrong password', async () => {
    t = await openTestLedger();
    await t.call('auth.lock', {});
    const db = join(t.dir, 'taizhang.db');
    truncateSync(db, statSync(db).size - 1000);
    expect((await t.call('setup.status', {})).problem?.code).toBe('LEDGER_DAMAGED');
    expect((await t.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).code).toBe('LEDGER_DAMAGED');
  });

  it('reports a corrupted first page as damaged', async () => {
    t = await openTestLedger();
    await t.call('auth.lock', {});
    const db = join(t.dir, 'taizhang.db');
    const bytes = readFileSync(db);
    for (let i = 100; i < 600; i++) bytes[i] = bytes[i]! ^ 0xff;
    writeFileSync(db, bytes);
    expect((await t.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).code).toBe('LEDGER_DAMAGED');
  });

  it('says when the keyring is missing or belongs to another ledger', async () => {
    t = await openTestLedger();
    other = await openTestLedger();
    await t.call('auth.lock', {});
    copyFileSync(join(other.dir, 'taizhang.keyring.json'), join(t.dir, 'taizhang.keyring.json'));
    expect((await t.call('setup.status', {})).problem?.code).toBe('KEYRING_MISMATCH');
    writeFileSync(join(t.dir, 'taizhang.keyring.json'), '{ "broken": ');
    expect((await t.call('setup.status', {})).problem?.code).toBe('LEDGER_DAMAGED');
  });
});
