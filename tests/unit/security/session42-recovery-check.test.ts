/**
 * The twenty-eighth attack run (session 42) on session 41's 用恢复密钥核对 → anchor path (auth/recovery-sheet-check.ts
 * onOpened → db/recovery-slot-witness.ts noteSlotOpenedBySheet → audit/anchor.ts reanchorRecoverySlot): who may run the
 * check, and what a passing check does when the anchor cannot be rewritten (a read-only or locked anchor file, a full
 * disk). The anchor write is made to fail for real: the anchor file made immutable (chattr +i; root on a file system
 * that has the flag, as on this box), which is what a read-only attribute or another program's lock does on Windows.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RECOVERY_SLOT_ALTERED_WORDS } from '../../../electron/core/auth/recovery-notice.shared';
import { findSlot, readKeyring, RECOVERY_SLOT, replaceSlot, writeKeyring } from '../../../electron/core/db/keyring';
import type { KeySlotV2 } from '../../../electron/core/db/keyslot';
import { ADMIN, ADMIN_NEXT, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';

const keyringPath = (t: TestLedger): string => join(t.dir, 'taizhang.keyring.json');
const anchorPath = (t: TestLedger): string => join(t.dir, 'taizhang.anchor.json');
const recoverySlot = (t: TestLedger): KeySlotV2 => findSlot(readKeyring(keyringPath(t)), RECOVERY_SLOT) as KeySlotV2;
const putSlot = (t: TestLedger, slot: KeySlotV2): void => writeKeyring(keyringPath(t), replaceSlot(readKeyring(keyringPath(t)), slot));

/** Whether this box can make a file that even root cannot replace (chattr +i), so the anchor write really fails. */
function canMakeImmutable(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-immutable-'));
  const probe = join(dir, 'probe');
  try {
    writeFileSync(probe, 'x');
    execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const immutable = canMakeImmutable();
const setImmutable = (path: string, on: boolean): void => void execFileSync('chattr', [on ? '+i' : '-i', path], { stdio: 'ignore' });

describe('who may run 用恢复密钥核对', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  it('held: a clerk’s and a viewer’s window are refused (FORBIDDEN), with the office’s own sheet typed in', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await t.sessionAs('viewer', 'viewer1');
    for (const s of ['clerk1', 'viewer1']) expect((await t.fail('auth.checkRecoveryKey', { recoveryKey: t.recoveryKey }, s)).code).toBe('FORBIDDEN');
  }, 60_000);
});

describe('a passing check whose anchor cannot be rewritten', () => {
  let t: TestLedger;
  let locked = '';
  afterEach(() => {
    if (locked) setImmutable(locked, false);
    locked = '';
    t?.close();
  });

  // Found by this run before the rebase and fixed on main meanwhile (2254cebc, session 41's doubt: the check answered
  // IO_FAILED although the sheet had opened the slot; its test makes renameSync fail in-process). Here the file itself
  // refuses (immutable, as a read-only or locked file on Windows), a real write failure: red on e61efa7f (before it)
  // (IO_FAILED 「没有权限写入这个位置…本次操作没有保存。」), green on 2254cebc. Not counted as a finding of this run.
  it.skipIf(!immutable)(
    'held (fixed on main, 2254cebc): the anchor file cannot be replaced: the office’s sheet still checks (核对通过), the anchor is left as it was, and the next write takes the slot',
    async () => {
      t = await openTestLedger();
      const { recoveryKey } = await t.call('users.rotateKeys', rotating());
      await t.call('auth.lock', {});
      putSlot(t, { ...recoverySlot(t), comment: 'x' } as KeySlotV2); // a field added: the sheet still opens it
      const info = (await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT })) as unknown as { recoverySheetUnseen: string | null };
      expect(info.recoverySheetUnseen).toBe(RECOVERY_SLOT_ALTERED_WORDS);
      const anchorBefore = readFileSync(anchorPath(t), 'utf8');
      locked = anchorPath(t);
      setImmutable(locked, true);
      const r = await t.raw('auth.checkRecoveryKey', { recoveryKey: recoveryKey! });
      expect(r).toMatchObject({ ok: true, value: { opens: true } });
      expect(readFileSync(anchorPath(t), 'utf8')).toBe(anchorBefore);
      setImmutable(locked, false);
      locked = '';
      // The program knows the slot now (in memory): the next keyed write anchors it, and the next sign-in is silent.
      await t.call('org.communities.save', { name: '核对后的社区' });
      await t.call('auth.lock', {});
      const again = (await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT })) as unknown as { recoverySheetUnseen: string | null };
      expect(again.recoverySheetUnseen).toBeNull();
    },
    90_000,
  );
});
