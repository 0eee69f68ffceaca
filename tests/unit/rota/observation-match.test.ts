/**
 * S45-A4: the rota finds its staff under 居家/医学观察 by the whole ID number (staff keep it under the residents'
 * index purpose as well, migration 073), not by name and masked number: a namesake whose number shares the first and
 * last four digits is someone else. The index is written with every save and import, recomputed by 「更换密钥」, and
 * filled for members saved before 073 at the next clerk's or coordinator's unlock; until then such a member is
 * matched the old way (the safer error: someone perhaps under observation stays off the rota).
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { staffResidentIndexUpgrade } from '../../../electron/core/rota/staff.repo';
import { ADMIN, PASSWORD, rotating, type TestLedger } from '../../helpers/ledger';
import { scratch, writeXlsx } from '../import/files';
import type { RotaFixture } from './fixture';
import { observedRota, WEEK, type ObservedRota } from './observed-staff';

const STAFF_NUMBER = makeIdNumber('410102', '1988-05-06', 321);
/** Another person: another district of the same city, another birthday, the same last four digits. */
const NAMESAKE_NUMBER = ((): string => {
  for (let d = 1; ; d++) {
    const n = makeIdNumber('410103', `1990-01-${String(d).padStart(2, '0')}`, 321);
    if (n.slice(-4) === STAFF_NUMBER.slice(-4)) return n;
  }
})();

let t: TestLedger, f: RotaFixture, observe: ObservedRota['observe'], observedOn18th: ObservedRota['observedOn18th'];
beforeEach(async () => void ({ t, f, observe, observedOn18th } = await observedRota()));
afterEach(() => t.close());

const db = () => t.core.services.ledger.handle();
const indexOf = (id: number): Buffer | null =>
  (db().prepare(`SELECT id_number_resident_index AS i FROM staff WHERE id = @id`).get({ id }) as { i: Buffer | null }).i;

describe('S45-A4: a member of staff is the resident with their whole ID number', () => {
  it('a namesake’s observation leaves the member on the rota; their own, under another writing of the name, takes them off; a viewer sees the same', async () => {
    const member = f.workers[3]!;
    await t.call('rota.staff.save', { id: member, name: '陈静', kind: 'community_worker', communityId: f.c1, idNumber: STAFF_NUMBER });
    await observe('陈静', NAMESAKE_NUMBER);
    expect(await observedOn18th()).toEqual([]);
    const r = await t.call('rota.generate', { ...WEEK });
    expect(r.created).toBeGreaterThan(0);
    expect((await t.call('rota.calendar', WEEK)).assignments.some((a) => a.staffId === member)).toBe(true);

    await observe('陈靜', STAFF_NUMBER);
    expect(await observedOn18th()).toEqual([member]);
    const viewer = await t.sessionAs('viewer', 'viewer1');
    expect(await observedOn18th(viewer)).toEqual([member]);
  });

  it('written by a save and an import, recomputed by 「更换密钥」: the match holds under the new key', async () => {
    const saved = f.workers[3]!;
    await t.call('rota.staff.save', { id: saved, name: '陈静', kind: 'community_worker', communityId: f.c1, idNumber: STAFF_NUMBER });
    const imported = makeIdNumber('410102', '1975-11-30', 77);
    const path = await writeXlsx(join(scratch(), '人员.xlsx'), [
      {
        name: '名单',
        rows: [
          ['姓名', '类别', '所属社区', '身份证号码'],
          ['孙丽', '志愿者', '幸福社区', imported],
        ],
      },
    ]);
    const ins = await t.call('import.inspect', { path, target: 'staff' });
    const pre = await t.call('import.preview', { path, target: 'staff', mapping: ins.mapping });
    await t.call('import.commit', { path, target: 'staff', mapping: ins.mapping, previewId: pre.previewId });
    const sun = (db().prepare(`SELECT id FROM staff WHERE name = '孙丽'`).get() as { id: number }).id;
    const before = [indexOf(saved), indexOf(sun)];
    expect(before.every((i) => i !== null)).toBe(true);
    await observe('陈静', STAFF_NUMBER);
    await observe('孙丽', imported);
    expect((await observedOn18th()).sort()).toEqual([saved, sun].sort());

    await t.call('users.rotateKeys', rotating());
    expect(indexOf(saved)!.equals(before[0]!)).toBe(false);
    expect((await observedOn18th()).sort()).toEqual([saved, sun].sort());
    // The old match would still find them; a namesake under the new key still does not.
    await t.call('rota.staff.save', {
      id: saved,
      name: '陈静',
      kind: 'community_worker',
      communityId: f.c1,
      idNumber: makeIdNumber('410104', '1991-02-02', 55),
    });
    expect(await observedOn18th()).toEqual([sun]);
  });

  it('a member saved before 073: matched by name and mask until a coordinator’s unlock fills the index (a viewer’s does not)', async () => {
    const member = f.workers[3]!;
    await t.call('rota.staff.save', { id: member, name: '陈静', kind: 'community_worker', communityId: f.c1, idNumber: STAFF_NUMBER });
    await observe('陈静', NAMESAKE_NUMBER);
    db().exec(`UPDATE staff SET id_number_resident_index = NULL`);
    expect(staffResidentIndexUpgrade.pending(db())).toBe(1);
    // The old match: the namesake's observation counts while the index is missing.
    expect(await observedOn18th()).toEqual([member]);
    const viewer = await t.sessionAs('viewer', 'viewer1');
    await t.call('auth.lock', {}, viewer);
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, viewer);
    expect(indexOf(member)).toBeNull();
    expect(await observedOn18th(viewer)).toEqual([member]);

    await t.call('auth.lock', {});
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(indexOf(member)).not.toBeNull();
    expect(staffResidentIndexUpgrade.pending(db())).toBe(0);
    expect(await observedOn18th()).toEqual([]);
    expect(await observedOn18th(viewer)).toEqual([]);
    const audited = await t.call('audit.list', { filter: { channel: 'auth.unlock' }, offset: 0, limit: 20 });
    expect(audited.rows.some((r) => r.after?.includes('"sealed":"staff.id_number.resident_index","rows":1'))).toBe(true);
  });

  it('a member whose row was altered outside the program keeps the old match and is not pending at every unlock', async () => {
    const member = f.workers[3]!;
    await t.call('rota.staff.save', { id: member, name: '陈静', kind: 'community_worker', communityId: f.c1, idNumber: STAFF_NUMBER });
    db().exec(`UPDATE staff SET id_number_resident_index = NULL, name = '陈晶' WHERE id = ${member}`);
    const sealer = t.core.services.ledger.sealer()!;
    expect([staffResidentIndexUpgrade.pending(db()), staffResidentIndexUpgrade.pending(db(), sealer)]).toEqual([1, 0]);
    await t.call('auth.lock', {});
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(indexOf(member)).toBeNull();
  });
});
