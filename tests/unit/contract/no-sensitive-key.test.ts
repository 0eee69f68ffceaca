/**
 * The one definition of "refused because this sign-in holds no sensitive key" (contract.ts NO_SENSITIVE_KEY,
 * isNoSensitiveKey; auth/key-notice.ts): over every channel of the contract, a clerk whose slot lacks the key
 * gets it wherever a clerk's role would have been enough, with the sign-in's own words; a coordinator's
 * channel stays the bare refusal, and a real viewer never gets it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type Channel } from '../../../electron/core/api';
import { isNoSensitiveKey, NO_SENSITIVE_KEY, roleAtLeast, type Role } from '../../../electron/core/contract';
import { findSlot, type Keyring } from '../../../electron/core/db/keyring';
import type { KeySlotV2 } from '../../../electron/core/db/keyslot';
import { PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
let notice = '';
beforeAll(async () => {
  t = await openTestLedger();
  await t.sessionAs('clerk', 'clerk1');
  await t.sessionAs('viewer', 'viewer1');
  await t.call('auth.lock', {}, 'clerk1');
  const path = join(t.dir, 'taizhang.keyring.json');
  const k = JSON.parse(readFileSync(path, 'utf8')) as Keyring;
  delete (findSlot(k, 'clerk1') as KeySlotV2).keys.sensitive;
  writeFileSync(path, JSON.stringify(k, null, 2));
  notice = (await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1')).keyNotice!.message;
});
afterAll(() => t?.close());

const guarded = (Object.keys(api) as Channel[]).filter((c) => api[c].access !== 'public' && api[c].access !== 'viewer');

describe('NO_SENSITIVE_KEY over the contract', () => {
  it('the keyless clerk: every clerk channel says why, every coordinator channel the bare refusal', async () => {
    expect(guarded.length).toBeGreaterThan(50);
    for (const channel of guarded) {
      const e = await t.fail(channel, {}, 'clerk1');
      const clerkWouldDo = roleAtLeast('clerk', api[channel].access as Role);
      expect({ channel, code: e.code, ours: isNoSensitiveKey(e) }).toEqual({ channel, code: 'FORBIDDEN', ours: clerkWouldDo });
      if (clerkWouldDo) expect(e).toMatchObject({ message: notice, details: { [NO_SENSITIVE_KEY]: 'waiting' } });
    }
  });

  it('a real viewer: never', async () => {
    for (const channel of guarded) expect(isNoSensitiveKey(await t.fail(channel, {}, 'viewer1')), channel).toBe(false);
  });

  it('only a FORBIDDEN carrying the case counts', () => {
    expect(isNoSensitiveKey({ code: 'FORBIDDEN', details: { [NO_SENSITIVE_KEY]: 'refused' } })).toBe(true);
    expect(isNoSensitiveKey({ code: 'FORBIDDEN' })).toBe(false);
    expect(isNoSensitiveKey({ code: 'BAD_INPUT', details: { [NO_SENSITIVE_KEY]: 'waiting' } })).toBe(false);
  });
});
