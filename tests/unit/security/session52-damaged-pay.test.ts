/**
 * The thirty-eighth attack run (issue 19, session 52), target 5: the damaged-member flag (S51-A1) on the pay sheet. A
 * shift confirmed as worked before the member's staff row was changed outside the program (viewer1's key, the
 * database alone). Online as the coordinator through Core.call.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring } from '../../../electron/core/db/keyring';
import { openSlotKeys } from '../../../electron/core/db/keyslot';
import { openEncrypted } from '../../../electron/core/db/open';
import { admitAt, PASSWORD, type TestLedger } from '../../helpers/ledger';
import type { RotaFixture } from '../rota/fixture';
import { changedOffline, chenObservedOffice } from '../rota/observed-staff';

let t: TestLedger;
let f: RotaFixture;
let wang: number;
const WEEK = { from: '2020-02-17', to: '2020-02-23' };
const shift = (day: string, staffId: number) => ({ day, postId: f.screening, shiftId: f.shifts.day, staffId });

beforeEach(async () => {
  ({ t, f, wang } = await chenObservedOffice());
});
afterEach(() => t.close());

describe('S52: a shift confirmed before the member’s row was changed outside the program', () => {
  it('S52-A4: 补助 and 补助发放表 refuse to pay it under the forged name, naming the row; her row put back, she is paid again', async () => {
    await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: 10000, label: '临时性工作补助' });
    const hers = (await t.call('rota.assign', shift('2020-02-18', wang))).id;
    await admitAt(t, '2020-02-19T02:00:00.000Z');
    await t.call('rota.attendance.confirm', { entries: [{ assignmentId: hers, status: 'present' }] });
    const before = (await t.call('rota.allowances', WEEK)).find((x) => x.staffId === wang);
    expect([before?.shifts, before?.totalFen]).toEqual([1, 10000]);
    // Offline: 王芳's row given another name: 「李四」 signs for her pay.
    await changedOffline(t, `UPDATE staff SET name = '李四' WHERE id = @wang`, { wang });
    await admitAt(t, '2020-02-19T03:00:00.000Z');
    // Before: 李四 paid 100 元 for 王芳's shift, on the screen and on 补助发放表. Now both refused, naming the row.
    const screen = await t.fail('rota.allowances', WEEK);
    expect([screen.code, screen.message]).toEqual(['LEDGER_DAMAGED', expect.stringContaining(`编号 ${wang}`)]);
    const path = join(mkdtempSync(join(tmpdir(), 'taizhang-pay-')), '补助发放表.xlsx');
    expect((await t.fail('rota.allowances.export', { ...WEEK, path })).code).toBe('LEDGER_DAMAGED');
    expect(existsSync(path)).toBe(false);
    // Her row put back as it was (a backup's row): paid again, as herself.
    await t.call('auth.lock', {}, 'viewer1');
    await t.call('auth.lock', {});
    const keyring = readKeyring(join(t.dir, 'taizhang.keyring.json'));
    const db = openEncrypted(join(t.dir, 'taizhang.db'), openSlotKeys(keyring.ledgerId, findSlot(keyring, 'viewer1')!, PASSWORD)!.dbKey);
    db.prepare(`UPDATE staff SET name = @name WHERE id = @wang`).run({ wang, name: before!.name });
    db.close();
    await admitAt(t, '2020-02-19T04:00:00.000Z');
    expect((await t.call('rota.allowances', WEEK)).find((x) => x.staffId === wang)).toMatchObject({ name: before!.name, totalFen: 10000 });
  }, 60_000);

  it('a damaged member with a shift planned but not worked: the pay of everyone else is still shown (held)', async () => {
    await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: 10000, label: '临时性工作补助' });
    await t.call('rota.assign', shift('2020-02-18', wang));
    await changedOffline(t, `UPDATE staff SET name = '李四' WHERE id = @wang`, { wang });
    const rows = await t.call('rota.allowances', WEEK);
    expect(rows.find((x) => x.staffId === wang)).toMatchObject({ shifts: 0, totalFen: 0 });
  }, 60_000);
});
