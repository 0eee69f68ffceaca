/**
 * T1b's remnant (twelfth attack run): names stored before the look-alike folding. A ledger made by the current version,
 * with names written as an older version stored them (Kangxi radicals, a compatibility ideograph; each row bound by its
 * writer as it was then, a memorial record sealed with its radical name), is unlocked by its coordinator: the names are
 * folded, the rows still open (their MACs follow), the memorial's name is sealed again and never written in clear, one
 * audit row names the ids, nothing else changes, and a second unlock finds nothing to do.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bindRow } from '../../../electron/core/db/row-binding';
import { asWriteDb } from '../../../electron/core/db/types';
import { RESIDENT_BINDING } from '../../../electron/core/caseload/sealed-people';
import { STAFF_BINDING } from '../../../electron/core/rota/sealed-staff';
import { MEMORIAL_PERSONAL, sealPersonal } from '../../../electron/core/honours/sealed-records';
import { namesFoldedUpgrade } from '../../../electron/core/fold-names';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import type { HouseholdListRow, ResidentListRow } from '../../../electron/core/caseload/list-types.shared';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const RADICAL_NAME = '王\u2f24\u2f08'; // 王⼤⼈: ⼤ U+2F24, ⼈ U+2F08
const FOLDED_NAME = '王大人';
const COMPAT_NAME = '\uf900四'; // 豈 U+F900 (compatibility ideograph) → 豈 U+8C48
/** A memorial record as the coordinator writes it. */
const MEMORIAL = {
  name: '孙海燕',
  sex: '女',
  post: '专职社区工作者',
  diedAt: '2020-02-15T16:05:00.000Z',
  place: '和平社区卡点',
  circumstances: '夜间在卡点值守时突发疾病。',
  cause: '突发疾病',
  deeds: '主动放弃春节休假，负责网格内的排查登记。',
} as const;
const unlock = () => t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });

describe('names stored before the look-alike folding', () => {
  it('are folded at the coordinator’s unlock: rows still open, the sealed name sealed again, one audit row, nothing else changed', async () => {
    t = await openTestLedger();
    let db = t.core.services.ledger.handle();
    const w = asWriteDb(db);
    const sealer = t.core.services.ledger.sealer()!;
    const community = await t.call('org.communities.save', { name: '和平社区', kind: '社区', households: 0, population: 0 });
    const clash = await t.call('org.communities.save', { name: '大王庄', kind: '社区', households: 0, population: 0 });
    const radicalCommunity = await t.call('org.communities.save', { name: '小王庄', kind: '社区', households: 0, population: 0 });
    const household = (await t.call('households.save', { communityId: community.id, addressText: '幸福里3号楼' })) as HouseholdListRow;
    const person = (await t.call('residents.save', {
      householdId: household.id,
      name: '王大人',
      idNumber: makeIdNumber('410105', '1980-01-01', 11),
    })) as ResidentListRow;
    const other = (await t.call('residents.save', {
      householdId: household.id,
      name: '李四',
      idNumber: makeIdNumber('410105', '1981-01-01', 12),
    })) as ResidentListRow;
    const compat = (await t.call('residents.save', { householdId: household.id, name: '张三' })) as ResidentListRow;
    await t.call('cases.open', { residentId: person.id, category: 'home_observation', obsStartOn: '2020-02-12' });
    const staff = await t.call('rota.staff.save', { name: '赵医生', kind: 'medical', idNumber: makeIdNumber('410105', '1975-05-05', 13) });
    const memorial = await t.call('honours.memorials.save', MEMORIAL);

    // As an older version stored them: the names as typed, each row bound by its writer to what it held.
    w.prepare(`UPDATE residents SET name = ? WHERE id = ?`).run(RADICAL_NAME, person.id);
    bindRow(w, sealer, RESIDENT_BINDING, person.id);
    w.prepare(`UPDATE residents SET name = ? WHERE id = ?`).run(COMPAT_NAME, compat.id);
    bindRow(w, sealer, RESIDENT_BINDING, compat.id);
    w.prepare(`UPDATE cases SET resident_name = ? WHERE resident_id = ?`).run(RADICAL_NAME, person.id);
    w.prepare(`UPDATE staff SET name = ? WHERE id = ?`).run('赵医\u2f63', staff.id); // ⽣ U+2F63
    bindRow(w, sealer, STAFF_BINDING, staff.id);
    w.prepare(`UPDATE communities SET name = ? WHERE id = ?`).run('小王\u2f9f', radicalCommunity.id); // ⾟ U+2F9F: 小王辛
    // Beside 大王庄 (clash), a community 「⼤王庄」: folded it would be the other one; the unique column keeps it as stored.
    const clashing = (await t.call('org.communities.save', { name: '临时庄', kind: '社区', households: 0, population: 0 })).id;
    w.prepare(`UPDATE communities SET name = ? WHERE id = ?`).run('\u2f24王庄', clashing);
    const opened = JSON.parse(
      sealer.open(
        MEMORIAL_PERSONAL.purpose,
        (db.prepare(`SELECT personal_sealed AS s FROM honours_memorials WHERE id = ?`).get(memorial.id) as { s: Buffer }).s,
      ),
    );
    w.prepare(`UPDATE honours_memorials SET personal_sealed = ? WHERE id = ?`).run(
      sealPersonal(sealer, MEMORIAL_PERSONAL, { ...opened, name: '孙海\u2f55' }), // ⽕ U+2F55 火 — a radical in the sealed name
      memorial.id,
    );
    bindRow(w, sealer, MEMORIAL_PERSONAL.binding, memorial.id);
    // Five that fold (two residents, a staff member, a community, the memorial's sealed name); the clashing community does not.
    expect(namesFoldedUpgrade.pending(db, sealer)).toBe(5);

    const residentsBefore = db.prepare(`SELECT * FROM residents ORDER BY id`).all() as Array<Record<string, unknown>>;
    const auditBefore = (db.prepare(`SELECT count(*) AS n FROM audit_log`).get() as { n: number }).n;
    await t.call('auth.lock', {});
    await unlock();
    db = t.core.services.ledger.handle(); // the lock closed the file; the unlock opened it again

    const names = (table: string, column = 'name') =>
      Object.fromEntries((db.prepare(`SELECT id, ${column} AS v FROM ${table}`).all() as Array<{ id: number; v: string }>).map((r) => [r.id, r.v]));
    expect(names('residents')[person.id]).toBe(FOLDED_NAME);
    expect(names('residents')[compat.id]).toBe('\u8c48四');
    expect((db.prepare(`SELECT resident_name AS n FROM cases WHERE resident_id = ?`).get(person.id) as { n: string }).n).toBe(FOLDED_NAME);
    expect(names('staff')[staff.id]).toBe('赵医生');
    expect(names('communities')[radicalCommunity.id]).toBe('小王辛');
    expect(names('communities')[clash.id]).toBe('大王庄');
    expect(names('communities')[clashing]).toBe('\u2f24王庄');
    // The rows still open: their MACs follow the folded names.
    expect((await t.call('residents.reveal', { residentId: person.id, field: 'idNumber' })).value).toBe(makeIdNumber('410105', '1980-01-01', 11));
    expect((await t.call('residents.get', { id: person.id })).name).toBe(FOLDED_NAME);
    // The memorial's name folded inside its sealed value; its plain column stays empty (never unsealed into clear).
    expect((await t.call('honours.memorials.get', { id: memorial.id })).name).toBe('孙海火');
    expect((db.prepare(`SELECT name FROM honours_memorials WHERE id = ?`).get(memorial.id) as { name: string | null }).name ?? '').toBe('');
    // Nothing else changed in the residents' rows: the columns but name and row_mac are as they were.
    const strip = (rows: Array<Record<string, unknown>>) => rows.map(({ name: _n, row_mac: _m, ...rest }) => rest);
    expect(strip(db.prepare(`SELECT * FROM residents ORDER BY id`).all() as Array<Record<string, unknown>>)).toEqual(strip(residentsBefore));
    expect((db.prepare(`SELECT row_mac FROM residents WHERE id = ?`).get(other.id) as { row_mac: Buffer }).row_mac).toEqual(
      residentsBefore.find((r) => r.id === other.id)!.row_mac,
    );
    // One audit row for the run, naming the ids (never the names).
    const rows = (db.prepare(`SELECT after_json FROM audit_log WHERE after_json LIKE '%names.look_alikes_folded%'`).all() as Array<{ after_json: string }>).map(
      (r) => JSON.parse(r.after_json),
    );
    expect(rows).toEqual([
      {
        sealed: 'names.look_alikes_folded',
        rows: 5,
        changed: {
          residents: [person.id, compat.id].sort((a, b) => a - b),
          staff: [staff.id],
          communities: [radicalCommunity.id],
          honours_memorials: [memorial.id],
        },
        kept: { communities: [clashing] },
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain('王大人');
    expect((db.prepare(`SELECT count(*) AS n FROM audit_log`).get() as { n: number }).n).toBeGreaterThan(auditBefore);

    // A second unlock: only the kept one is left, and it is not tried again as a change.
    await t.call('auth.lock', {});
    await unlock();
    db = t.core.services.ledger.handle();
    expect((db.prepare(`SELECT count(*) AS n FROM audit_log WHERE after_json LIKE '%names.look_alikes_folded%'`).get() as { n: number }).n).toBe(1);
  });

  it('a sealed record that no longer opens does not stop the unlock: it is left for its own reads to report', async () => {
    t = await openTestLedger();
    const memorial = await t.call('honours.memorials.save', MEMORIAL);
    const db = t.core.services.ledger.handle();
    const sealed = (db.prepare(`SELECT personal_sealed AS s FROM honours_memorials WHERE id = ?`).get(memorial.id) as { s: Buffer }).s;
    sealed[sealed.length - 1]! ^= 0xff;
    asWriteDb(db).prepare(`UPDATE honours_memorials SET personal_sealed = ? WHERE id = ?`).run(sealed, memorial.id);
    expect(namesFoldedUpgrade.pending(db, t.core.services.ledger.sealer()!)).toBe(0);
    await t.call('auth.lock', {});
    await unlock();
    expect((await t.call('auth.whoami', {}))?.user.username).toBe(ADMIN.username);
  });
});
