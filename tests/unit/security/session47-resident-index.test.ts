/**
 * The thirty-third attack run (session 47), target 1: migration 073's staff.id_number_resident_index, by which
 * 自动排班 and the calendar find a staff member under 居家/医学观察 (staff-queries.ts observationSpans). The index
 * is not in the row's MAC (staff.repo.ts staffResidentIndexUpgrade says so), and a viewer's password opens the
 * database key: offline, the index can be copied from any resident's row, or spoiled, with the row still intact.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAsViewerOffline } from '../../helpers/attacker';
import { ADMIN, PASSWORD, rotating, type TestLedger } from '../../helpers/ledger';
import type { RotaFixture } from '../rota/fixture';
import { changedOffline, chenObservedWangNot, observedRota, STRANGER, WEEK, type ObservedRota } from '../rota/observed-staff';

let t: TestLedger, f: RotaFixture, observe: ObservedRota['observe'], observedOn18th: ObservedRota['observedOn18th'];
beforeEach(async () => void ({ t, f, observe, observedOn18th } = await observedRota()));
afterEach(() => t.close());
beforeEach(async () => {
  await t.sessionAs('viewer', 'viewer1');
});
const offline = (sql: string, params: Record<string, unknown> = {}) => changedOffline(t, sql, params);

describe('S47-A1: a staff member’s resident index forged offline with a viewer’s key', () => {
  let chen: number;
  let wang: number;
  beforeEach(async () => {
    ({ chen, wang } = await chenObservedWangNot({ t, f, observe }));
    expect(await observedOn18th()).toEqual([chen]);
  });

  it('a stranger’s index copied onto 王芳: after the coordinator’s sign-in she is not taken off the rota by another’s observation', async () => {
    await offline(`UPDATE staff SET id_number_resident_index = (SELECT id_number_index FROM residents WHERE name = '李强') WHERE id = @wang`, { wang });
    expect(await observedOn18th()).toEqual([chen]);
    await t.call('rota.generate', { ...WEEK });
    expect((await t.call('rota.calendar', WEEK)).assignments.some((a) => a.staffId === wang)).toBe(true);
  }, 60_000);

  it('陈静’s index spoiled: after the coordinator’s sign-in she is still off the rota while under observation', async () => {
    await offline(`UPDATE staff SET id_number_resident_index = randomblob(32) WHERE id = @chen`, { chen });
    expect(await observedOn18th()).toEqual([chen]);
    await t.call('rota.generate', { ...WEEK });
    expect((await t.call('rota.calendar', WEEK)).assignments.some((a) => a.staffId === chen)).toBe(false);
  }, 60_000);

  it('the correction is audited at the sign-in, and a viewer’s own sign-in corrects nothing (it holds no key)', async () => {
    await t.call('auth.lock', {}, 'viewer1');
    await t.call('auth.lock', {});
    const d = openAsViewerOffline(t.dir);
    d.prepare(`UPDATE staff SET id_number_resident_index = randomblob(32) WHERE id = @chen`).run({ chen });
    d.close();
    const viewer = 'viewer1';
    await t.call('auth.unlock', { username: viewer, password: PASSWORD }, viewer);
    expect(await observedOn18th(viewer)).toEqual([]);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(await observedOn18th(viewer)).toEqual([chen]);
    const audited = await t.call('audit.list', { filter: { channel: 'auth.unlock' }, offset: 0, limit: 20 });
    expect(audited.rows.some((r) => r.after?.includes('"sealed":"staff.id_number.resident_index","rows":1,"corrected":1'))).toBe(true);
  }, 60_000);

  it('the row itself altered too (its binding broken): the index is cleared and the old name-and-mask match takes her off', async () => {
    await offline(`UPDATE staff SET id_number_resident_index = randomblob(32), agency = '别处' WHERE id = @chen`, { chen });
    expect(await observedOn18th()).toEqual([chen]);
    // Not pending again at the next sign-in.
    await t.call('auth.lock', {});
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const audited = await t.call('audit.list', { filter: { channel: 'auth.unlock' }, offset: 0, limit: 20 });
    expect(audited.rows.filter((r) => r.after?.includes('staff.id_number.resident_index')).length).toBe(1);
  }, 60_000);

  it('held: 更换密钥 after a forgery recomputes every index under the new key', async () => {
    await offline(`UPDATE staff SET id_number_resident_index = randomblob(32) WHERE id = @chen`, { chen });
    await t.call('users.rotateKeys', rotating());
    expect(await observedOn18th()).toEqual([chen]);
  }, 120_000);
});

describe('held: a viewer-era member and a viewer’s session', () => {
  it('a viewer cannot save a member (so none is saved without the index by a viewer)', async () => {
    expect((await t.fail('rota.staff.save', { name: '赵敏', kind: 'volunteer', communityId: f.c1, idNumber: STRANGER }, 'viewer1')).code).toBe('FORBIDDEN');
  });
});
