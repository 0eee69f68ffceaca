/**
 * The nineteenth attack run (session 33) on `placeAudited`'s kept copy of a replaced file (2c6d421, fs-atomic.ts
 * keepBeside): before a task's file replaces the user's, a second name is made for the old one so a failed commit can
 * put it back: a hard link, and where the folder refuses one, a copy. A link is refused for a file another account
 * owns (Linux `fs.protected_hardlinks`, on by default: a shared folder), on a FAT stick, or for an immutable file; the
 * copy is then the whole file, made on the core thread between the folder's last check and the rename. By hand: a
 * 1 GB (sparse) file at the chosen name held the core 8.5 s in one turn (load 9.5) and wrote 1 GB beside it. Here the
 * link is refused by `chattr +i` (root in this container; the rename is then refused too, so the task ends IO_FAILED,
 * as it would on a file another account protects), and the bytes the process writes are counted, not timed.
 * The window it widens does not place the file in the ledger folder (the rename's source is named through the same
 * folder, read): what is left is the core thread held and the disk (the user's stick) filled.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger | undefined;
let scratch = '';
afterEach(() => {
  t?.close();
  execFileSync('chattr', ['-i', join(scratch, '补助发放表.xlsx')]);
  rmSync(scratch, { recursive: true, force: true });
});

/** Bytes this process has handed to write()-like calls so far (/proc/self/io `wchar`). */
const written = (): number => Number(/wchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))![1]);

describe('S33-A4: the replaced file kept as a whole copy on the core thread', () => {
  // S33-A4, fixed (keepBeside renames the file aside where a link is refused, never copies); was red: the process wrote the 256 MB file again beside it before the rename.
  it('replacing a 256 MB file the folder will not hard-link writes no copy of it', async () => {
    t = await openTestLedger();
    scratch = mkdtempSync(join(tmpdir(), 'taizhang-s33-kept-'));
    const target = join(scratch, '补助发放表.xlsx');
    writeFileSync(target, 'x');
    truncateSync(target, 256 * 1024 * 1024);
    execFileSync('chattr', ['+i', target]);
    const before = written();
    const r = await t.raw('rota.allowances.export', { from: '2020-02-17', to: '2020-02-23', path: target });
    const copied = written() - before;
    expect(r).toMatchObject({ ok: false, error: { code: 'IO_FAILED' } });
    expect(copied).toBeLessThan(64 * 1024 * 1024);
  }, 120_000);
});
