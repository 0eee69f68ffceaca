/**
 * Eleventh attack run (session 25, docs/security/attack-run-session25.md): RK1's note of keys retired on this PC
 * (auth/retired-here.ts, `taizhang.retired-keys.json` in the app's folder) as someone with the same OS account finds
 * it: a FIFO, a huge file, a symlink, a folder in its place. Deleting it is the stated limit; these are the rest.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSealer } from '../../../electron/core/db/sealer';
import { noteRetiredHere, RETIRED_HERE_FILE, retiredHere, retiredHereTag } from '../../../electron/core/auth/retired-here';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('the retired-keys note as the same OS account finds it', () => {
  // Issue 19's rule for reads: regular files only, never blocking the core thread. A FIFO at the note's path is read
  // with readFileSync at every recovery and every rotation: the core's one thread waits for a writer, and every
  // window with it. Here a writer opens the FIFO after 30 s; a read that waited for it returns only after the writer
  // has gone. Fixed by the lead: read with fs-guard's readRegularFile (O_NONBLOCK, fstat, size cap).
  it('a FIFO at the note’s path: the recovery check does not wait for a writer (RK1-F, fixed)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'taizhang-app-'));
    const fifo = join(dir, RETIRED_HERE_FILE);
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `sleep 30; : > '${fifo}'`], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => writer.on('exit', () => resolve()));
    try {
      retiredHere(dir, 'ledger-a', makeSealer(randomBytes(32)));
      // Read synchronously: had it waited, the writer has exited by now (its exit event is queued).
      await new Promise((r) => setTimeout(r, 50));
      expect(writer.exitCode).toBeNull();
    } finally {
      writer.kill();
      await exited;
    }
  }, 20_000);

  // A folder where the note goes, made once while the leaver still used this PC's account: every later rotation's
  // note fails quietly (swallowed so the rotation stands), and nothing says so. Deleting the note after a put-back is
  // the stated limit; this one is done in advance, and lasts. Asserted: the rotation's tag is noted.
  it('a folder made in advance at the note’s path: a rotation’s tag is still noted (RK1-P, fixed: moved aside)', () => {
    dir = mkdtempSync(join(tmpdir(), 'taizhang-app-'));
    mkdirSync(join(dir, RETIRED_HERE_FILE));
    const sealer = makeSealer(randomBytes(32));
    expect(() => noteRetiredHere(dir, 'ledger-a', retiredHereTag(sealer))).not.toThrow();
    expect(retiredHere(dir, 'ledger-a', sealer)).toBe(true);
  });

  // The same with a note of the right format whose ledger entry is not a list (one line, the ledger id is in the
  // keyring in clear): `.filter` throws, the write is skipped, every later rotation of that ledger too.
  it('a note whose entry for the ledger is not a list: a rotation’s tag is still noted (RK1-P, fixed)', () => {
    dir = mkdtempSync(join(tmpdir(), 'taizhang-app-'));
    writeFileSync(join(dir, RETIRED_HERE_FILE), JSON.stringify({ format: 'taizhang-retired-keys', ledgers: { 'ledger-a': 'x' } }));
    const sealer = makeSealer(randomBytes(32));
    noteRetiredHere(dir, 'ledger-a', retiredHereTag(sealer));
    expect(retiredHere(dir, 'ledger-a', sealer)).toBe(true);
  });

  it('a symlink at the note’s path is replaced by the note, never written through', () => {
    dir = mkdtempSync(join(tmpdir(), 'taizhang-app-'));
    const elsewhere = join(dir, 'elsewhere.txt');
    writeFileSync(elsewhere, 'not yours');
    symlinkSync(elsewhere, join(dir, RETIRED_HERE_FILE));
    const sealer = makeSealer(randomBytes(32));
    noteRetiredHere(dir, 'ledger-a', retiredHereTag(sealer));
    expect(readFileSync(elsewhere, 'utf8')).toBe('not yours');
    expect(lstatSync(join(dir, RETIRED_HERE_FILE)).isSymbolicLink()).toBe(false);
    expect(retiredHere(dir, 'ledger-a', sealer)).toBe(true);
  });
});
