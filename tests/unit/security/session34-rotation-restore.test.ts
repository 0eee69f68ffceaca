/**
 * The twentieth attack run (session 34) on the rotations' password checks on libuv's pool (b012439f): a race the
 * nineteenth run did not try. While the rotating coordinator's checks wait (the pool held: ordering, not timing),
 * a second coordinator restores a backup (the ledger closed, every window locked, the files swapped). Held: the
 * rotation answers without writing into the restored ledger, whose keyring stays the backup's and opens with the
 * passwords of its day.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { heldCall } from '../../helpers/held-call';

let t: TestLedger;
let stick: string | null = null;
afterEach(() => {
  t?.close();
  if (stick) rmSync(stick, { recursive: true, force: true });
  stick = null;
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
