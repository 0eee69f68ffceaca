/**
 * The ledger file as the program closed it (db/ledger-contents.ts): a coordinator's close notes its digest under the
 * sensitive key; the first keyed sign-in after an open finds the note holds, or checks every index against its table
 * and refuses a file whose indexes lie (S35-A1/A2: an index pointed at another b-tree, its name and SQL untouched).
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../electron/core/db/types';
import { digestAtOpen } from '../../../electron/core/db/ledger-contents';
import { ADMIN, openTestLedger, PASSWORD, type TestLedger } from '../../helpers/ledger';
import { offline } from '../security/swap-helpers';

let t: TestLedger | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

const signIn = () => t!.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
const checkedBy = () => t!.core.services.ledger.contentsCheckedBy();
const note = () => join(t!.dir, 'taizhang.closed.json');

/** A viewer account, every window locked (the file closed, its note written by the coordinator's close). */
async function closedWithViewer(): Promise<void> {
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  await t.call('org.communities.save', { name: '幸福社区' });
  for (const who of ['viewer1', 'admin']) await t.call('auth.lock', {}, who);
}

/** The program's index `name` pointed at a b-tree made by `createLying` (named `lying`), offline with viewer1's key. */
function pointedElsewhere(name: string, createLying: string): (db: Database) => void {
  return (db) => {
    db.unsafeMode(true);
    db.exec(createLying);
    const root = db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'lying'`).pluck().get() as number;
    db.pragma('writable_schema = ON');
    db.prepare(`UPDATE sqlite_master SET rootpage = ? WHERE name = ?`).run(root, name);
    db.prepare(`DELETE FROM sqlite_master WHERE name = 'lying'`).run();
    db.pragma('writable_schema = OFF');
  };
}

/** users' username index: admin and viewer1 trade names (S35-A2). */
const namesTraded = pointedElsewhere(
  'sqlite_autoindex_users_1',
  `CREATE INDEX lying ON users ((CASE username WHEN 'admin' THEN 'viewer1' WHEN 'viewer1' THEN 'admin' ELSE username END) COLLATE NOCASE)`,
);
/** The log's by-user index without viewer1's rows (S35-A1 on the log). */
const viewerHidden = pointedElsewhere('audit_log_by_user', `CREATE INDEX lying ON audit_log ((CASE WHEN username = 'viewer1' THEN '' ELSE username END), id)`);

describe('the file as the program closed it', () => {
  it('a coordinator’s close notes it; the next sign-in finds the note holds and checks nothing more', async () => {
    await closedWithViewer();
    expect(existsSync(note())).toBe(true);
    await signIn();
    expect(checkedBy()).toBe('note');
  });

  it('an index pointed at another b-tree offline (the log’s, without viewer1’s rows): refused at the sign-in, no session, file closed', async () => {
    await closedWithViewer();
    offline(t!, viewerHidden);
    const refused = await t!.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(refused.code).toBe('LEDGER_DAMAGED');
    expect(refused.message).toMatch(/^台账文件上次关闭后在本程序之外被改动过，检查发现索引与数据不一致（SQLite 报告：.+）.*请从备份恢复。$/);
    expect((await t!.fail('residents.list', {})).code).toBe('UNAUTHENTICATED');
    expect(t!.core.services.ledger.isOpen()).toBe(false);
  });

  it('touched outside but sound (a row edited offline): the full check runs, the sign-in goes on', async () => {
    await closedWithViewer();
    offline(t!, (db) => db.prepare(`UPDATE communities SET name = name WHERE 1`).run());
    offline(t!, (db) => db.exec(`VACUUM`));
    await signIn();
    expect(checkedBy()).toBe('full');
  });

  it('a note a viewer wrote (no sensitive key: a MAC of their own) is not the program’s: the full check runs', async () => {
    await closedWithViewer();
    const written = JSON.parse(readFileSync(note(), 'utf8')) as { mac: string };
    writeFileSync(note(), JSON.stringify({ ...written, mac: '00'.repeat(16) }));
    await signIn();
    expect(checkedBy()).toBe('full');
  });

  it('a viewer signs in first (cannot tell the note): nothing checked; the coordinator’s sign-in while it is open checks the file as opened', async () => {
    await closedWithViewer();
    await t!.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    expect(checkedBy()).toBe(null);
    await signIn();
    expect(checkedBy()).toBe('note');
  });

  it('a name lookup answering another’s row (S35-A2’s names traded) is refused, for the viewer’s own sign-in too (it checks no file)', async () => {
    await closedWithViewer();
    offline(t!, namesTraded);
    for (const [username, password, window] of [
      ['viewer1', PASSWORD, 'viewer1'],
      [ADMIN.username, ADMIN.password, 'admin'],
    ] as const) {
      const refused = await t!.fail('auth.unlock', { username, password }, window);
      expect(refused).toMatchObject({ code: 'LEDGER_DAMAGED', message: expect.stringContaining('台账文件的用户索引与用户表不一致') });
      expect((await t!.fail('residents.list', {}, window)).code).toBe('UNAUTHENTICATED');
    }
  });

  it('a file that cannot be read whole beside the lock gives no digest (the full check follows), never a refused open', () => {
    expect(digestAtOpen(join(tmpdir(), `taizhang-no-such-${process.pid}.db`))).toBeNull();
  });

  it('a file renamed over the open ledger (S36-A2): the close puts the program’s back with the session’s work, keeps the other aside, notes nothing', async () => {
    await closedWithViewer();
    await signIn();
    const path = join(t!.dir, 'taizhang.db');
    // Another file (here a copy of the ledger as it stood) renamed over the path while the window is open (Linux, macOS).
    copyFileSync(path, `${path}.copy`);
    renameSync(`${path}.copy`, path);
    await t!.call('org.communities.save', { name: '和平社区' });
    const noteBefore = readFileSync(note(), 'utf8');
    await t!.call('auth.lock', {});
    expect(readdirSync(t!.dir).filter((n) => n.startsWith('taizhang.db.replaced-'))).toHaveLength(1);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(note(), 'utf8')).toBe(noteBefore);
    await signIn();
    expect(checkedBy()).toBe('full');
    const names = ((await t!.call('org.communities.list', {})) as Array<{ name: string }>).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['幸福社区', '和平社区']));
  });
});
