/**
 * The twenty-third attack run (session 37) on S36-A2's fix (db/ledger-contents.ts `identityOf`, `sameFile`,
 * `putBackReplacedFile`): a close that finds another file at the ledger's path puts the program's back (VACUUM INTO)
 * and keeps the one found as `taizhang.db.replaced-<hex>`, with no note. Tried with something other than a renamed
 * file at the path while the coordinator is signed in (Linux/macOS: the same PC account, as S36-A2's tool): a symlink
 * to a tampered copy, a symlink to the program's own file moved elsewhere, a directory; and what the put-back file is
 * (encrypted? owner-only?).
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileDigest } from '../../../electron/core/db/ledger-contents';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger | undefined;
let elsewhere: string | null = null;
afterEach(() => {
  t?.close();
  t = undefined;
  if (elsewhere) rmSync(elsewhere, { recursive: true, force: true });
  elsewhere = null;
});

const admin = { username: ADMIN.username, password: ADMIN.password };
const db = () => join(t!.dir, 'taizhang.db');
const note = () => join(t!.dir, 'taizhang.closed.json');
const replaced = () => readdirSync(t!.dir).filter((n) => n.startsWith('taizhang.db.replaced-'));
const communities = async () => ((await t!.call('org.communities.list', {})) as Array<{ name: string }>).map((c) => c.name);

/** A viewer, a community, every window locked; then the coordinator signed in again (the file open, held). */
async function signedIn(): Promise<void> {
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  await t.call('org.communities.save', { name: '幸福社区' });
  for (const who of ['viewer1', 'admin']) await t.call('auth.lock', {}, who);
  await t.call('auth.unlock', admin);
  elsewhere = mkdtempSync(join(tmpdir(), 'taizhang-elsewhere-'));
}

function firstBytes(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    readSync(fd, buf, 0, n, 0);
    return buf;
  } finally {
    closeSync(fd);
  }
}

describe('the put-back at close, with other things than a renamed file at the path', () => {
  it('held: a symlink to a copy elsewhere is kept aside as the link (its target untouched); the program’s file put back, encrypted, owner-only', async () => {
    await signedIn();
    const copy = join(elsewhere!, 'copy.db');
    copyFileSync(db(), copy);
    const copyDigest = fileDigest(copy);
    rmSync(db());
    symlinkSync(copy, db());
    await t!.call('org.communities.save', { name: '和平社区' });
    const noteBefore = readFileSync(note(), 'utf8');
    await t!.call('auth.lock', {});
    // The link went aside as a link; what it named is as the tool left it; no note for anything.
    expect(replaced()).toHaveLength(1);
    expect(lstatSync(join(t!.dir, replaced()[0]!)).isSymbolicLink()).toBe(true);
    expect(fileDigest(copy)).toBe(copyDigest);
    expect(readFileSync(note(), 'utf8')).toBe(noteBefore);
    expect(lstatSync(db()).isFile()).toBe(true);
    if (process.platform !== 'win32') expect(statSync(db()).mode & 0o777).toBe(0o600);
    // VACUUM INTO kept the cipher: no plaintext SQLite header, nothing of the data readable in the bytes.
    expect(firstBytes(db(), 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    expect(readFileSync(db()).includes(Buffer.from('和平社区'))).toBe(false);
    await t!.call('auth.unlock', admin);
    expect(t!.core.services.ledger.contentsCheckedBy()).toBe('full');
    expect(await communities()).toEqual(expect.arrayContaining(['幸福社区', '和平社区']));
  }, 60_000);

  it('held: a directory at the path is kept aside; the program’s file put back with the session’s work', async () => {
    await signedIn();
    rmSync(db());
    mkdirSync(db());
    writeFileSync(join(db(), 'inside'), 'x');
    await t!.call('org.communities.save', { name: '和平社区' });
    await t!.call('auth.lock', {});
    expect(replaced()).toHaveLength(1);
    expect(statSync(join(t!.dir, replaced()[0]!)).isDirectory()).toBe(true);
    await t!.call('auth.unlock', admin);
    expect(await communities()).toEqual(expect.arrayContaining(['幸福社区', '和平社区']));
  }, 60_000);

  it('held (as designed): the program’s own file moved elsewhere and a symlink to it at the path is the same file: noted, opened again', async () => {
    await signedIn();
    const moved = join(elsewhere!, 'moved.db');
    renameSync(db(), moved);
    symlinkSync(moved, db());
    await t!.call('org.communities.save', { name: '和平社区' });
    await t!.call('auth.lock', {});
    expect(replaced()).toHaveLength(0);
    expect(existsSync(note())).toBe(true);
    // The next open reads the file the link names: the program's own, with the session's work; the note holds for it.
    await t!.call('auth.unlock', admin);
    expect(t!.core.services.ledger.contentsCheckedBy()).toBe('note');
    expect(await communities()).toEqual(expect.arrayContaining(['幸福社区', '和平社区']));
  }, 60_000);
});
