/**
 * A backup's folder is placed only inside the transaction of its audit row (task-write.ts placeAudited): a commit that
 * fails after the rename leaves no backup in the chosen folder (nor its temporary folder) and no row saying one was made.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { failNextCommit } from '../../helpers/held-task';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger | undefined;
let stick = '';
afterEach(() => {
  vi.restoreAllMocks();
  t?.close();
  t = undefined;
  if (stick) rmSync(stick, { recursive: true, force: true });
});

describe('backup.create placed with its row', () => {
  it('a commit failing after the folder was renamed into place: no backup there, no row; made again, both', async () => {
    t = await openTestLedger();
    stick = mkdtempSync(join(tmpdir(), 'taizhang-backup-placed-'));
    const db = t.core.services.ledger.handle();
    const rows = () => db.prepare(`SELECT count(*) FROM audit_log WHERE channel = 'backup.create'`).pluck().get();
    failNextCommit(db);
    expect(await t.raw('backup.create', { folder: stick })).toMatchObject({ ok: false });
    expect(readdirSync(stick)).toEqual([]);
    expect(rows()).toBe(0);
    const made = await t.call('backup.create', { folder: stick });
    expect(readdirSync(stick)).toHaveLength(1);
    expect(join(stick, readdirSync(stick)[0]!)).toBe(made.path);
    expect(rows()).toBe(1);
  });
});
