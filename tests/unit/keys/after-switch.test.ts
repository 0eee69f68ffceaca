/**
 * keys/after-switch.ts: a step failing after a rotation's switch (not a stop: the process goes on) leaves the rotation
 * standing and says so. Red before: the reply was an error (the coordinator told nothing changed while their old
 * password no longer opened the ledger, the new recovery key dropped unseen), the window kept the retired sensitive key
 * and sealed what it saved next under it, and an anchor that could not be written under the new key stayed `forged`.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { ADMIN, ADMIN_NEXT, callsOn, rotating, type TestLedger } from '../../helpers/ledger';
import { ledgerAndRestart } from '../../helpers/restart';

const folders = ledgerAndRestart();
let t: TestLedger;

const BEFORE = makeIdNumber('410105', '1962-03-12', 17);
const AFTER = makeIdNumber('410105', '1975-08-30', 23);

/** A ledger with one resident saved before the rotation; the household to save the next one in. */
async function ledgerWithResident(): Promise<{ householdId: number; before: number }> {
  t = await folders.open();
  const { id: communityId } = await t.call('org.communities.save', { name: '东风社区' });
  const { id: householdId } = await t.call('households.save', { communityId, addressText: '建设路1号' });
  const { id: before } = await t.call('residents.save', { householdId, name: '王大明', phone: '13803711001', idNumber: BEFORE });
  return { householdId, before };
}

/** The next start on the same folder, the coordinator on the new password. */
async function nextStart() {
  t.core.close();
  const { call, fail } = callsOn(folders.restart());
  expect(await fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({ code: 'WRONG_PASSWORD' });
  // The wrong password's delay (5 ms in tests) runs out before the right one is tried.
  await new Promise((done) => setTimeout(done, 30));
  const info = (await call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT })) as { anchorFinding: unknown };
  return { call, info };
}

describe('a step failing after the switch: the rotation stands and says so', () => {
  it('the throttle file not re-MACed: keys changed, the new recovery key shown, the window seals under the new key', async () => {
    const { householdId, before } = await ledgerWithResident();
    t.core.services.throttle.remac = () => {
      throw new Error('ENOSPC: no space left on device');
    };
    const r = await t.call('users.rotateKeys', rotating());
    expect(r).toMatchObject({ rotated: true, recoveryKey: expect.any(String) });
    expect(r.unfinished).toContain('密钥已经更换');
    expect(r.unfinished).toContain('taizhang.throttle.json');
    // What the window saves after the reply is sealed under the key the next sign-in opens.
    const { id: after } = await t.call('residents.save', { householdId, name: '李小红', phone: '13803711002', idNumber: AFTER });
    expect(await t.call('residents.reveal', { residentId: after, field: 'idNumber' })).toMatchObject({ value: AFTER });
    const { call } = await nextStart();
    expect(await call('residents.reveal', { residentId: before, field: 'idNumber' })).toMatchObject({ value: BEFORE });
    expect(await call('residents.reveal', { residentId: after, field: 'idNumber' })).toMatchObject({ value: AFTER });
    expect(await call('audit.verify', {})).toMatchObject({ intact: true, anchor: { state: 'ok' } });
    const steps = (await call('audit.list', { filter: { channel: 'keys.rotate' }, offset: 0, limit: 10 })) as { rows: Array<{ after: string | null }> };
    expect(steps.rows.map((x) => (JSON.parse(x.after!) as { keysRotated: string }).keysRotated)).toContain('done');
  });

  it('the audit anchor not written under the new key: said, and written by the next save once the disk allows', async () => {
    const { householdId } = await ledgerWithResident();
    const anchorPath = join(t.dir, 'taizhang.anchor.json');
    const throttle = t.core.services.throttle;
    const remac = throttle.remac.bind(throttle);
    // The anchor's place taken right after the switch (a folder where the file goes: every write of it fails).
    throttle.remac = (oldKey, newKey) => {
      remac(oldKey, newKey);
      rmSync(anchorPath, { force: true });
      mkdirSync(anchorPath);
    };
    const r = await t.call('users.rotateKeys', rotating());
    expect(r).toMatchObject({ rotated: true, recoveryKey: expect.any(String) });
    expect(r.unfinished).toContain('taizhang.anchor.json');
    expect(r.unfinished).not.toContain('taizhang.throttle.json');
    await t.call('residents.save', { householdId, name: '李小红', phone: '13803711002', idNumber: AFTER });
    // The disk has room again: the next save writes the anchor for the log as it stands, under the new key.
    rmSync(anchorPath, { recursive: true });
    await t.call('org.communities.save', { name: '光明社区' });
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true, anchor: { state: 'ok' } });
    const { call, info } = await nextStart();
    expect(info.anchorFinding).toBeNull();
    expect(await call('audit.verify', {})).toMatchObject({ intact: true, anchor: { state: 'ok' } });
  });

  it('nothing failing: no words about unfinished steps', async () => {
    await ledgerWithResident();
    const r = await t.call('users.rotateKeys', rotating());
    expect(r.rotated).toBe(true);
    expect(r).not.toHaveProperty('unfinished');
  });
});
