/**
 * One slot per name in the keyring (db/keyring.ts refuseTwinSlots; S29-A1 of the fifteenth attack run): two slots one
 * name names (any case, full width) are refused when the keyring is read and before it is written. Every road that
 * writes slots keeps one per name; the ledger's own keyring is read after each.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { usernameKey } from '../../../electron/core/auth/username.shared';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import { readKeyring, RECOVERY_SLOT, writeKeyring, type Keyring } from '../../../electron/core/db/keyring';
import { AppError } from '../../../electron/core/errors';
import { ADMIN, ADMIN_NEXT, openTestLedger, PASSWORD, rotating, type TestLedger } from '../../helpers/ledger';

let t: TestLedger | null = null;
let dir: string | null = null;
afterEach(() => {
  t?.close();
  t = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

const slotNames = (): string[] => (JSON.parse(readFileSync(join(t!.dir, 'taizhang.keyring.json'), 'utf8')) as Keyring).slots.map((s) => s.name);
const expectOnePerName = (after: string): void => {
  const keys = slotNames().map(usernameKey);
  expect(new Set(keys).size, after).toBe(keys.length);
};

/** A keyring file whose slots are only names (enough for the rule, which looks at nothing else). */
function keyringWith(names: string[]): string {
  dir = mkdtempSync(join(tmpdir(), 'taizhang-twins-'));
  const path = join(dir, 'taizhang.keyring.json');
  const k = { format: 'taizhang-keyring', version: 4, ledgerId: 'x', dbSalt: '', slots: names.map((name) => ({ name })) };
  writeFileSync(path, JSON.stringify(k));
  return path;
}

describe('the keyring keeps one slot per name', () => {
  it.each([
    ['clerk1', 'clerk1', '「clerk1」'],
    ['clerk1', 'CLERK1', '「CLERK1」'],
    ['zhang', 'ｚｈａｎｇ', '「ｚｈａｎｇ」'],
    [RECOVERY_SLOT, RECOVERY_SLOT, '「恢复密钥」'],
  ])('two slots named %s and %s: refused when read, naming the slot (%s)', (a, b, named) => {
    const path = keyringWith(['admin', a, b]);
    let err: unknown = null;
    try {
      readKeyring(path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('LEDGER_DAMAGED');
    expect((err as AppError).message).toContain(`${named}有两项`);
  });

  it('distinct names are read as they are; a keyring with twins is never written', () => {
    const path = keyringWith(['admin', 'clerk1', RECOVERY_SLOT]);
    const k = readKeyring(path);
    expect(k.slots).toHaveLength(3);
    const before = readFileSync(path, 'utf8');
    expect(() => writeKeyring(path, { ...k, slots: [...k.slots, { ...k.slots[1]!, name: 'Clerk1' }] })).toThrow(/有两项/);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('every road that writes slots leaves one per name', async () => {
    t = await openTestLedger();
    expectOnePerName('setup.init');
    const roads: [string, () => Promise<unknown>][] = [
      ['users.create', () => t!.call('users.create', { username: 'Zhang', displayName: '张', role: 'clerk', password: PASSWORD })],
      ['users.create (viewer)', () => t!.call('users.create', { username: 'sunq', displayName: '孙', role: 'viewer', password: PASSWORD })],
      ['users.resetPassword', () => t!.call('users.resetPassword', { id: idOf('zhang'), password: 'initial-pass-7' })],
      [
        'auth.recover (another form of the name)',
        () => t!.call('auth.recover', { username: 'ＺＨＡＮＧ', recoveryKey: t!.recoveryKey, newPassword: 'zhang-own-2020' }, 'z'),
      ],
      ['auth.changePassword', () => t!.call('auth.changePassword', { oldPassword: 'zhang-own-2020', newPassword: 'zhang-own-2021' }, 'z')],
      [
        'users.update (promotion)',
        () => t!.call('users.update', { id: idOf('sunq'), role: 'clerk', initialPassword: 'initial-pass-8', password: ADMIN.password }),
      ],
      ['users.rotateKeys', () => t!.call('users.rotateKeys', rotating())],
      ['users.disable', () => t!.call('users.disable', { id: idOf('sunq'), ...rotating(ADMIN_NEXT, 'correct-horse-3') })],
    ];
    for (const [road, run] of roads) {
      await run();
      expectOnePerName(road);
    }
    expect(slotNames().map(usernameKey).sort()).toEqual(['#recovery', 'admin', 'zhang']);
  });
});

const idOf = (name: string): number => getUserByName(t!.core.services.ledger.handle(), name)!.id;
