/**
 * The eighteenth attack run (session 32) on where a task's file is placed (task-write.ts placeAudited, fs-atomic.ts).
 *
 * S32-A2 (low; fixed, the folder looked at again right before the rename): the chosen path was checked only when the handle was taken (fs-grants.ts take), before the task's awaits; the
 * file is written aside and renamed by the path as a string after them. Someone who can rename the chosen folder (a
 * shared folder, another account's writable parent) swaps it for a symlink to the ledger folder while the workbook is
 * written: the file lands inside the ledger folder, which no write may (issue 19, What to build 1). Nothing of the
 * ledger's is replaced: every file name placed this way is app-made or must end in .xlsx (pay sheet, insurer roster,
 * a filled form's name gets .xlsx), and a save without "replace" links (EEXIST).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { holdNextWorkbook } from '../../helpers/held-task';

let t: TestLedger | undefined;
let scratch: string | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  t?.close();
  t = undefined;
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('S32-A2: the chosen folder swapped for a symlink to the ledger folder while the task awaits', () => {
  // S32-A2, fixed (task-write.ts placeAudited looks at the folder again right before the rename: fs-guard.ts
  // requireStillOutside). Was it.fails: 补助发放表.xlsx beside taizhang.db, ok.
  it('the pay sheet is not placed inside the ledger folder', async () => {
    t = await openTestLedger();
    scratch = mkdtempSync(join(tmpdir(), 'taizhang-s32-place-'));
    const chosen = join(scratch, 'chosen');
    mkdirSync(chosen);
    const before = readdirSync(t.dir).sort();
    const held = holdNextWorkbook();
    const task = t.raw('rota.allowances.export', { from: '2020-02-17', to: '2020-02-23', path: join(chosen, '补助发放表.xlsx') });
    await held.reached;
    renameSync(chosen, join(scratch, 'moved'));
    symlinkSync(t.dir, chosen);
    held.release();
    const answer = await task;
    expect(existsSync(join(t.dir, '补助发放表.xlsx')), JSON.stringify(answer)).toBe(false);
    expect(answer).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(readdirSync(t.dir).sort()).toEqual(before);
  });
});
