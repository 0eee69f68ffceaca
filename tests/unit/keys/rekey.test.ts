/**
 * What key rotation relies on in SQLite3MultipleCiphers' `PRAGMA rekey`
 * (version bundled with better-sqlite3-multiple-ciphers; see "Keys at rest"
 * in electron/core/README.md for the reading of its source):
 * - it is refused in WAL mode, so Ledger.rekeyDatabase checkpoints first and
 *   a WAL holding frames not yet in the file loses none of them;
 * - a rekey that fails half way (disk full) leaves the file under the old key,
 *   even when the pages did not fit in the cache (no cache spill);
 * - a crash while the rekey commits leaves a hot journal under the old key:
 *   the next start keeps the old keyring even if the new first page (new salt)
 *   was already written, and SQLite puts the old pages back.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../electron/core/core';
import { readKeyring } from '../../../electron/core/db/keyring';
import { openEncrypted } from '../../../electron/core/db/open';
import { ADMIN, openTestLedger, TEST_KDF, type TestLedger } from '../../helpers/ledger';

const scratch: string[] = [];
let t: TestLedger | null = null;
afterEach(() => {
  t?.close();
  t = null;
  for (const d of scratch.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `taizhang-${name}-`));
  scratch.push(d);
  return d;
};

/** Whether a copy of the database file alone (no WAL, no journal) opens with `key`, and what it holds. */
function fileAloneOpens(dbPath: string, key: Buffer): { communities: number; integrity: string } | null {
  const copy = join(tempDir('alone'), 'copy.db');
  copyFileSync(dbPath, copy);
  try {
    const db = openEncrypted(copy, key);
    try {
      const communities = (db.prepare('SELECT count(*) AS n FROM communities').get() as { n: number }).n;
      return { communities, integrity: (db.pragma('integrity_check') as Array<{ integrity_check: string }>)[0]!.integrity_check };
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** A ledger with about 2 MB in a table of its own: more pages than a small cache holds. */
async function ledgerWithFiller(dir: string): Promise<TestLedger> {
  const l = await openTestLedger({ dir });
  await l.call('org.communities.save', { name: '东风社区' });
  const db = l.core.services.ledger.handle();
  db.exec('CREATE TABLE filler (b BLOB)');
  db.transaction(() => {
    for (let i = 0; i < 500; i++) db.prepare('INSERT INTO filler (b) VALUES (randomblob(4000))').run();
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  return l;
}

describe('PRAGMA rekey as rotation uses it', () => {
  it('is refused in WAL mode by the bundled library (the reason rekeyDatabase leaves WAL first)', async () => {
    t = await openTestLedger();
    const db = t.core.services.ledger.handle();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(() => db.pragma(`rekey="x'${randomBytes(32).toString('hex')}'"`)).toThrow(/WAL/);
  });

  it('a WAL holding frames not yet checkpointed: every one is in the file after the rekey, under the new key only', async () => {
    t = await openTestLedger();
    const ledger = t.core.services.ledger;
    const db = ledger.handle();
    db.pragma('wal_autocheckpoint = 0');
    db.pragma('wal_checkpoint(TRUNCATE)');
    for (const name of ['一社区', '二社区', '三社区']) await t.call('org.communities.save', { name });
    expect(statSync(`${ledger.paths.db}-wal`).size).toBeGreaterThan(0);
    // The file alone does not have them yet: they live in the WAL.
    const oldKey = Buffer.from(ledger.currentKey());
    expect(fileAloneOpens(ledger.paths.db, oldKey)?.communities).toBe(0);

    const newKey = randomBytes(32);
    ledger.rekeyDatabase(newKey);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('cache_spill', { simple: true })).not.toBe(0);
    expect(existsSync(`${ledger.paths.db}-journal`)).toBe(false);
    expect(fileAloneOpens(ledger.paths.db, newKey)).toEqual({ communities: 3, integrity: 'ok' });
    expect(fileAloneOpens(ledger.paths.db, oldKey)).toBeNull();
    // And the open handle goes on writing under the new key.
    await t.call('org.communities.save', { name: '四社区' });
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fileAloneOpens(ledger.paths.db, newKey)?.communities).toBe(4);
  });

  it('a rekey that fails half way (file size limit, as a full disk) leaves the file under the old key, the cache too small to hold it', async () => {
    const dir = tempDir('rekey-full');
    const setup = await ledgerWithFiller(dir);
    const oldKey = Buffer.from(setup.core.services.ledger.currentKey());
    setup.close();
    const size = statSync(join(dir, 'taizhang.db')).size;
    expect(size).toBeGreaterThan(1_500_000);

    // The child unlocks with the real Ledger, shrinks the cache to 20 pages and rekeys; the journal hits the limit half way.
    const out = tempDir('rekey-child');
    const entry = join(out, 'child.ts');
    writeFileSync(
      entry,
      `import { Ledger } from ${JSON.stringify(resolve('electron/core/db/ledger.ts'))};
const [dir, user, password, n] = process.argv.slice(2);
const ledger = new Ledger(dir, {}, { N: ${TEST_KDF.N}, r: ${TEST_KDF.r}, p: ${TEST_KDF.p} });
void ledger.unlock(user, password, '2020-02-17T01:00:00.000Z').then((opened) => {
  if (!opened) throw new Error('unlock');
  ledger.handle().pragma('cache_size = ' + n);
  try { ledger.rekeyDatabase(Buffer.alloc(32, 7)); console.log('REKEYED'); } catch (e) { console.log('FAILED ' + (e as Error).message); }
  ledger.close();
});
`,
    );
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: join(out, 'child.cjs'),
      external: ['better-sqlite3-multiple-ciphers'],
      logLevel: 'error',
      // The migrations' `?raw` imports, as Vite reads them.
      plugins: [{ name: 'raw', setup: (b) => b.onResolve({ filter: /\?raw$/ }, (a) => ({ path: resolve(a.resolveDir, a.path.replace(/\?raw$/, '')) })) }],
      loader: { '.sql': 'text' },
    });
    const limitKb = Math.floor(size / 2 / 1024);
    const run = spawnSync(
      'bash',
      ['-c', `ulimit -f ${limitKb}; exec "$0" "$@"`, process.execPath, join(out, 'child.cjs'), dir, ADMIN.username, ADMIN.password, '20'],
      {
        encoding: 'utf8',
        env: { ...process.env, NODE_PATH: resolve('node_modules') },
      },
    );
    expect(run.stdout).toMatch(/^FAILED /);
    expect(fileAloneOpens(join(dir, 'taizhang.db'), oldKey)).toEqual({ communities: 1, integrity: 'ok' });
    expect(fileAloneOpens(join(dir, 'taizhang.db'), Buffer.alloc(32, 7))).toBeNull();
    const core = new Core({ dataDir: dir, kdf: TEST_KDF, failureDelayBaseMs: 5 });
    try {
      expect((await core.call('admin', 'auth.unlock', { username: ADMIN.username, password: ADMIN.password })).ok).toBe(true);
      expect((core.services.ledger.handle().prepare('SELECT count(*) AS n FROM filler').get() as { n: number }).n).toBe(500);
    } finally {
      core.close();
    }
  });

  it('a crash while the rekey commits (hot journal, the new first page already written): the next start keeps the old keyring and opens', async () => {
    const dir = tempDir('rekey-crash');
    const setup = await ledgerWithFiller(dir);
    const oldKey = Buffer.from(setup.core.services.ledger.currentKey());
    setup.close();
    const dbPath = join(dir, 'taizhang.db');
    const keyringBefore = readFileSync(join(dir, 'taizhang.keyring.json'), 'utf8');

    // The first page a committed rekey writes: page 1 of the same file rekeyed, carrying the new salt.
    const rekeyed = join(tempDir('rekeyed'), 'r.db');
    copyFileSync(dbPath, rekeyed);
    const r = openEncrypted(rekeyed, oldKey);
    r.pragma('journal_mode = DELETE');
    r.pragma(`rekey="x'${Buffer.alloc(32, 9).toString('hex')}'"`);
    r.close();
    const newFirstPage = readFileSync(rekeyed).subarray(0, 4096);

    // A hot journal as the commit leaves it: the pages from before (page 1 among them) under the old key, synced, the file being written.
    const crashed = tempDir('crashed');
    const w = openEncrypted(dbPath, oldKey);
    w.pragma('journal_mode = DELETE');
    w.pragma('cache_size = 10');
    w.exec('BEGIN IMMEDIATE');
    w.pragma('user_version = 99');
    w.exec('UPDATE filler SET b = randomblob(4000)');
    expect(existsSync(`${dbPath}-journal`)).toBe(true);
    for (const f of ['taizhang.db', 'taizhang.db-journal', 'taizhang.keyring.json']) copyFileSync(join(dir, f), join(crashed, f));
    w.exec('ROLLBACK');
    w.close();
    const file = readFileSync(join(crashed, 'taizhang.db'));
    newFirstPage.copy(file, 0);
    writeFileSync(join(crashed, 'taizhang.db'), file);
    // The rotation had staged its keyring (any other keyring: it must not be taken).
    const keyring = readKeyring(join(crashed, 'taizhang.keyring.json'));
    writeFileSync(join(crashed, 'taizhang.keyring.next.json'), JSON.stringify({ ...keyring, keyId: 'staged-by-the-cut-rotation' }));

    const core = new Core({ dataDir: crashed, kdf: TEST_KDF, failureDelayBaseMs: 5 });
    try {
      expect(core.services.ledger.problem()).toBeNull();
      expect(existsSync(join(crashed, 'taizhang.keyring.next.json'))).toBe(false);
      expect(readFileSync(join(crashed, 'taizhang.keyring.json'), 'utf8')).toBe(keyringBefore);
      expect(await core.call('admin', 'auth.unlock', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({ ok: true });
      const db = core.services.ledger.handle();
      expect(db.pragma('user_version', { simple: true })).toBe(0);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((db.prepare('SELECT count(*) AS n FROM filler').get() as { n: number }).n).toBe(500);
      expect(existsSync(join(crashed, 'taizhang.db-journal'))).toBe(false);
    } finally {
      core.close();
    }
  });
});
