/**
 * The twentieth attack run (session 34) on da77a09f (the lead's fix during this run: backup.inspect and backup.restore
 * refuse a copy holding a trigger the program did not make). What else in a copy's schema runs during the restore's own
 * writes? An index: the database key alone (a viewer, offline) adds an expression index to the ledger, which opens as
 * before (only triggers are listed) and which every backup made afterwards carries (VACUUM INTO copies the schema).
 *
 * S34-A6: an index that throws on recordRestore's row (the one whose payload names `restoredFrom`) makes the restore
 * fail after the swap: the reply is an error, yet the ledger has been replaced by the backup, and the restored ledger
 * holds no row saying who restored it from where (the row before the swap went with the old ledger into the safety copy).
 *
 * Fixed by the lead: a restore whose own record the restored ledger refuses is undone (the ledger's files back, said
 * LEDGER_DAMAGED). Since the schema check covers indexes (db/program-schema.ts) the live ledger no longer opens with
 * the index, so it is planted where it still reaches a restore: into the backup on the stick, manifest signed again.
 *
 * Held beside it, a race the nineteenth run did not try (b012439f, the rotations' password checks on libuv's pool):
 * while the rotating coordinator's checks wait (the pool held: ordering, not timing), a second coordinator restores a
 * backup. The rotation answers CONFLICT without writing into the restored ledger.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { heldCall } from '../../helpers/held-call';
import { openBackupDb, resign } from '../backup/tamper';

let t: TestLedger;
let stick: string | null = null;
afterEach(() => {
  t?.close();
  if (stick) rmSync(stick, { recursive: true, force: true });
  stick = null;
});

const INDEX = `CREATE INDEX audit_keep_off ON audit_log (json(CASE WHEN after_json LIKE '%"restoredFrom"%' THEN 'x' ELSE '1' END))`;

describe('S34-A6: an expression index carried by a backup fails the restore after its swap', () => {
  // S34-A6, fixed (the restore undone when its record is refused); was red: INTERNAL after the swap, ledger replaced, no row.
  it('the restore either refuses the copy before the swap or records itself in the restored ledger', async () => {
    t = await openTestLedger();
    stick = mkdtempSync(join(tmpdir(), 'taizhang-stick-'));
    const { path } = await t.call('backup.create', { folder: stick });
    const key = t.core.services.ledger.currentKey();
    const copy = openBackupDb(path, key);
    copy.exec(INDEX);
    copy.close();
    resign(path, key);
    const { id: communityId } = await t.call('org.communities.save', { name: '在备份之后建的社区' });
    const restored = await t.raw('backup.restore', { path, confirm: true });
    expect(restored).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED', message: expect.stringContaining('已把原来的台账放回原处') } });
    expect(readdirSync(t.dir).filter((n) => n.startsWith('恢复前的台账') || n.startsWith('.restore-'))).toEqual([]);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const swapped = !(await t.call('org.communities.list', {})).some((c) => c.id === communityId);
    const rows = (await t.call('audit.list', { filter: { channel: 'backup.restore' }, offset: 0, limit: 10 })).rows;
    // Either refused with nothing swapped, or restored and saying so in the restored ledger.
    if (restored.ok) expect(rows.some((r) => (r.after ?? '').includes('restoredFrom'))).toBe(true);
    else expect(swapped).toBe(false);
  });
});

describe('更换密钥 pending while another coordinator restores a backup', () => {
  it('the rotation writes nothing into the restored ledger; its keyring stays the backup’s', async () => {
    t = await openTestLedger();
    await t.sessionAs('coordinator', 'deputy');
    stick = mkdtempSync(join(tmpdir(), 'taizhang-stick-'));
    const { path } = await t.call('backup.create', { folder: stick });
    const held = await heldCall(t, 'users.rotateKeys', rotating());
    const restored = await t.raw('backup.restore', { path, confirm: true }, 'deputy');
    expect(held.settled()).toBe(false);
    await held.release();
    const rotated = await held.answer;
    const keyring = readFileSync(t.core.services.ledger.paths.keyring, 'utf8');
    expect(restored.ok).toBe(true);
    expect(rotated).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(keyring).toBe(readFileSync(join(path, 'taizhang.keyring.json'), 'utf8'));
    expect((await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password }, 'again')).user.username).toBe(ADMIN.username);
    const started = t.core.services.ledger.handle().prepare(`SELECT COUNT(*) FROM audit_log WHERE channel = 'keys.rotate'`).pluck().get();
    expect(started).toBe(0);
  });
});
