/**
 * Audit rows an older version wrote with clear numbers: rewritten under the
 * rule at the first coordinator unlock (never a viewer's), the chain
 * re-computed so audit.verify stays intact, the anchor moved, one audit row
 * saying how many rows and the old and new head; every value opens back to
 * what was written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { unpackBatch } from '../../../electron/core/audit/batched-entries';
import { readMeta } from '../../../electron/core/db/ledger-files';
import { appendAsBefore, closeAsBefore } from '../../helpers/audit-before';
import { OLD_RECORD_AUDIT_PURPOSE } from '../../../electron/core/audit/payload-upgrade';
import type { Database } from '../../../electron/core/db/types';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const ID = makeIdNumber('410105', '1985-03-12', 17);
const ID2 = makeIdNumber('410105', '1990-07-01', 23);
const PHONE = '13803711002';
const CLEAR = [ID, ID2, PHONE, '1985-03-12', '1990-07-01'];
const MEMORIAL_WORDS = '在小区卡点连续值守二十余天后突发疾病';

const auditText = (db: Database) =>
  (db.prepare(`SELECT coalesce(before_json, '') || coalesce(after_json, '') AS t FROM audit_log`).all() as { t: string }[]).map((r) => r.t).join('\n');

/** A ledger as the version before this one leaves it: clear numbers in old payloads, no anchor, migration 022 not yet applied. */
async function ledgerFromBefore(): Promise<void> {
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  await t.call('auth.lock', {}, 'viewer1');
  const db = t.core.services.ledger.handle();
  db.transaction(() => {
    appendAsBefore(db, {
      channel: 'residents.save',
      entity: 'resident',
      entityId: '1',
      after: { name: '李秀英', id_number: ID, phone: PHONE, birth_date: '1985-03-12' },
    });
    appendAsBefore(db, { channel: 'rota.staff.save', entity: 'staff', entityId: '1', before: { phone: PHONE }, after: { phone: '13903712003' } });
    appendAsBefore(db, {
      channel: 'import.commit',
      entity: 'staff',
      entityId: '2–3',
      after: [
        { id: 2, name: '张伟', idNumber: ID2, phone: null },
        { id: 3, name: '王芳', idNumber: null, phone: '13703713004' },
      ],
    });
    appendAsBefore(db, {
      channel: 'import.commit',
      entity: 'resident',
      entityId: '4–5',
      // Packed by columns, as imports write batches on main today.
      after: {
        columns: ['id', 'name', 'birth_date', 'id_number'],
        rows: [
          [4, '赵六', '1990-07-01', '4101**********0231'],
          [5, '钱七', null, null],
        ],
      },
    });
    appendAsBefore(db, { channel: 'residents.list', entity: 'search', entityId: null, after: { q: ID.slice(-8), matches: 1 } });
    // A memorial record is personal as a whole: its words, not only its numbers.
    appendAsBefore(db, {
      channel: 'honours.memorials.save',
      entity: 'memorial',
      entityId: '1',
      after: { id: 1, name: '张桂兰', circumstances: MEMORIAL_WORDS },
    });
  })();
  closeAsBefore(t);
}

describe('the audit payload upgrade', () => {
  it('waits for a key: a viewer unlock applies the migration, changes no row', async () => {
    await ledgerFromBefore();
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    const db = t.core.services.ledger.handle();
    expect(Number(readMeta(db, 'audit_clear_before'))).toBeGreaterThan(5);
    expect(auditText(db)).toContain(ID);
  });

  it('rewrites old payloads at a coordinator unlock; chain intact, anchored, every value opens back', async () => {
    await ledgerFromBefore();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const db = t.core.services.ledger.handle();
    const text = auditText(db);
    for (const clear of CLEAR) expect(text).not.toContain(clear);
    expect(text).not.toContain(MEMORIAL_WORDS);
    expect(text).not.toContain('张桂兰');
    const memorial = db.prepare(`SELECT after_json FROM audit_log WHERE entity = 'memorial'`).get() as { after_json: string };
    const sealed = (JSON.parse(memorial.after_json) as { personal: { sealed: string } }).personal.sealed;
    expect(t.core.services.ledger.sealer()!.open(OLD_RECORD_AUDIT_PURPOSE, Buffer.from(sealed, 'base64'))).toContain(MEMORIAL_WORDS);
    expect(readMeta(db, 'audit_clear_before')).toBe('0');
    // A ledger from before sealing has no coordinator key either: confirmed once with the recovery key (CR1-U).
    await t.call('auth.confirmCoordinator', { recoveryKey: t.recoveryKey, password: ADMIN.password });
    const v = await t.call('audit.verify', {});
    expect(v, JSON.stringify(v)).toMatchObject({ intact: true, anchor: { state: 'ok' } });

    const note = db.prepare(`SELECT after_json FROM audit_log WHERE after_json LIKE '%audit_log.payloads%'`).all() as { after_json: string }[];
    expect(note).toHaveLength(1);
    const entry = JSON.parse(note[0]!.after_json) as { rows: number; oldHead: string; newHead: string; rechainedFrom: number };
    expect(entry.rows).toBe(6);
    expect(entry.oldHead).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.newHead).not.toBe(entry.oldHead);

    // Everything comes back through the coordinator's reveal, as written.
    const rows = (await t.call('audit.list', { offset: 0, limit: 100 })).rows.filter((r) => r.sealed);
    const opened = await Promise.all(rows.map((r) => t.call('audit.reveal', { id: r.id })));
    const all = opened.map((o) => `${o.before ?? ''}${o.after ?? ''}`).join('\n');
    for (const clear of CLEAR) expect(all).toContain(clear);
    // The memorial row sealed whole opens too, field by field under its Chinese name.
    const memorialRow = rows.find((r) => r.entity === 'memorial')!;
    const memorialOpened = opened[rows.indexOf(memorialRow)]!;
    expect(JSON.parse(memorialOpened.after!)).toEqual({ personal: { id: 1, name: '张桂兰', circumstances: MEMORIAL_WORDS } });
    expect(memorialOpened.fields.after).toContainEqual({ label: '牺牲经过', value: MEMORIAL_WORDS });
    const batch = opened.find((o) => o.after?.includes('"columns"'))!;
    expect(unpackBatch(JSON.parse(batch.after!))).toEqual([
      { id: 4, name: '赵六', birth_date: '1990-07-01', id_number: '4101**********0231' },
      { id: 5, name: '钱七', birth_date: null, id_number: null },
    ]);
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true, anchor: { state: 'ok' } });

    // Once only.
    await t.call('auth.lock', {});
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(auditText(t.core.services.ledger.handle()).match(/audit_log\.payloads/g)).toHaveLength(1);
  });
});
