/**
 * No clear numbers in audit payloads (issue 19 item 2): whatever an area
 * passes to ctx.audit, ID numbers, phones, birth dates and digit searches are
 * stored masked and sealed; the screen shows masks; a coordinator opens them
 * only through audit.reveal, which is audited; without a sealer only the mask.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../../electron/core/audit/audit-log';
import { holdsClearValue, protectColumns, serialisePayload } from '../../../electron/core/audit/audit-seal';
import { ColumnarBatchText, unpackBatch, type ColumnarBatch } from '../../../electron/core/audit/batched-entries';
import type { Sealer } from '../../../electron/core/db/sealer';

/** A batch as the import collects it (io/import/batched-audit.ts), protected row by row. */
function batchOf(records: readonly unknown[], sealer: Sealer | null) {
  const b = ColumnarBatchText.startingWith(records[0], protectColumns(sealer))!;
  for (const r of records.slice(1)) b.add(r);
  return b.serialised();
}
import { asWriteDb } from '../../../electron/core/db/types';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger, rotating } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const ID = makeIdNumber('410105', '1985-03-12', 17);
const PHONE = '13803711002';

function auditText(): string {
  const rows = t.core.services.ledger.handle().prepare(`SELECT before_json, after_json FROM audit_log`).all() as Array<Record<string, string | null>>;
  return rows.map((r) => `${r.before_json ?? ''}\n${r.after_json ?? ''}`).join('\n');
}

async function withCommunity(): Promise<number> {
  return (await t.call('org.communities.save', { name: '幸福社区' })).id;
}

describe('audit payloads', () => {
  it('hold no full ID number, phone or birth date for a resident saved and edited; the mask and a sealed copy instead', async () => {
    t = await openTestLedger();
    const communityId = await withCommunity();
    const r = await t.call('residents.save', { name: '李秀英', communityId, idNumber: ID, phone: PHONE });
    await t.call('residents.save', { id: r.id, name: '李秀英', communityId, phone: '13903712003' });
    await t.call('rota.staff.save', { name: '张伟', kind: 'community_worker', phone: PHONE, idNumber: ID });
    const text = auditText();
    for (const secret of [ID, PHONE, '13903712003', '1985-03-12', ID.slice(6, 14)]) expect(text).not.toContain(secret);
    expect(text).toContain('"masked":"1985"');
    // A coordinator's session seals: each protected value opens back to the original.
    const sealed = [...text.matchAll(/"sealed":"([^"]+)"/g)].map((m) => m[1]!);
    expect(sealed.length).toBeGreaterThan(0);
  });

  it('shows masks in 操作日志 and opens them only through an audited reveal', async () => {
    t = await openTestLedger();
    const communityId = await withCommunity();
    await t.call('residents.save', { name: '李秀英', communityId, idNumber: ID, phone: PHONE });
    const log = await t.call('audit.list', { filter: { entity: 'resident' }, offset: 0, limit: 10 });
    const row = log.rows[0]!;
    expect(row.sealed).toBe(true);
    expect(row.after).toContain('"birth_date":"1985"');
    expect(row.after).not.toContain(PHONE);
    expect(JSON.stringify(log)).not.toContain('sealed":"');
    const opened = await t.call('audit.reveal', { id: row.id });
    expect(opened.after).toContain('"birth_date":"1985-03-12"');
    const reveals = await t.call('audit.list', { filter: { channel: 'audit.reveal' }, offset: 0, limit: 10 });
    expect(reveals.rows.length).toBeGreaterThanOrEqual(1);
    expect(reveals.rows[0]).toMatchObject({ entity: 'audit_log', entityId: String(row.id), summary: '王建国 查看了操作日志中的原号（编号 ' + row.id + '）' });
    // After a key rotation the entry still opens, with the retired key of its day.
    await t.call('users.rotateKeys', { ...rotating() });
    expect((await t.call('audit.reveal', { id: row.id })).after).toContain('"birth_date":"1985-03-12"');
    // Clerks and viewers cannot ask.
    const clerk = await t.sessionAs('clerk');
    expect((await t.fail('audit.reveal', { id: row.id }, clerk)).code).toBe('FORBIDDEN');
  });

  it('masks digit searches and nested batched rows; without a sealer keeps the mask only', async () => {
    t = await openTestLedger();
    const w = asWriteDb(t.core.services.ledger.handle());
    const batch = [
      { id: 1, name: '甲', idNumber: ID, phone: PHONE, birthDate: '1985-03-12' },
      { id: 2, name: '乙', idNumber: null, phone: '(已填)', birthDate: null },
      { id: 3, name: '丙', id_number: '4101**********0178', phone: '138****1002' },
    ];
    const sealer = t.core.services.ledger.sealer()!;
    const columnar = batchOf(
      [
        // 社区 the same in both: written once (batched-entries.ts `same`), so the rows' places are not the columns'.
        { community: '东风社区', id: 4, name: '丁', idNumber: ID, phone: PHONE },
        { community: '东风社区', id: 5, name: '戊', idNumber: null, phone: null },
      ],
      sealer,
    );
    const at = '2020-02-17T01:00:00.000Z';
    w.transaction(() => {
      appendAudit(w, { at, userId: null, username: 'system', channel: 'import.commit', entity: 'resident', entityId: '1–3', after: batch }, null);
      // The import's batches as w20-speed packs them: by columns, the rows without keys of their own.
      appendAudit(w, { at, userId: 1, username: 'admin', channel: 'import.commit', entity: 'resident', entityId: '4–5', after: columnar }, sealer);
      appendAudit(
        w,
        {
          at: '2020-02-17T01:00:00.000Z',
          userId: null,
          username: 'system',
          channel: 'residents.list',
          entity: 'search',
          entityId: null,
          after: { q: ID, matches: 1 },
        },
        null,
      );
    })();
    const text = auditText();
    expect(text).not.toContain(ID);
    expect(text).not.toContain(PHONE);
    const [withKey, withoutKey] = [
      text.split('\n').filter((l) => l.includes('"sealed"')),
      text.split('\n').filter((l) => l.includes('"masked"') && !l.includes('"sealed"')),
    ];
    expect(withKey).toHaveLength(1);
    expect(withoutKey).toHaveLength(2);
    // The packed batch still reads back record by record, masked on screen and opened by a reveal.
    const packed = (await t.call('audit.list', { filter: { entity: 'resident' }, offset: 0, limit: 10 })).rows.find((r) => r.entityId === '4–5')!;
    expect(JSON.parse(packed.after!)).toMatchObject({ same: { community: '东风社区' } });
    expect(unpackBatch(JSON.parse(packed.after!))).toEqual([
      { community: '东风社区', id: 4, name: '丁', idNumber: `4101**********${ID.slice(-4)}`, phone: '138****1002' },
      { community: '东风社区', id: 5, name: '戊', idNumber: null, phone: null },
    ]);
    const opened = await t.call('audit.reveal', { id: packed.id });
    expect(unpackBatch(JSON.parse(opened.after!))).toEqual([
      { community: '东风社区', id: 4, name: '丁', idNumber: ID, phone: PHONE },
      { community: '东风社区', id: 5, name: '戊', idNumber: null, phone: null },
    ]);
    expect(text).toContain('{"masked":"4101**********' + ID.slice(-4) + '"}');
    expect(text).toContain('{"q":{"masked":"**************' + ID.slice(-4) + '"},"matches":1}');
    // Already masked, or nothing to hide: kept as written.
    expect(text).toContain('"id_number":"4101**********0178","phone":"138****1002"');
    expect(text).toContain('"phone":"(已填)"');
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true });
  });

  it('finds the clear values an older version wrote, and none once the rule applied', () => {
    const old = JSON.parse(JSON.stringify([{ name: '甲', after: { idNumber: ID } }])) as unknown;
    expect(holdsClearValue(old)).toBe(true);
    expect(holdsClearValue(JSON.parse(serialisePayload(old, null)!))).toBe(false);
    expect(holdsClearValue({ q: '王', phone: '(已填)', id_number: '4101**********0178' })).toBe(false);
    const packed: ColumnarBatch = { columns: ['id', 'phone'], rows: [[1, PHONE]] };
    expect(holdsClearValue(packed)).toBe(true);
    expect(holdsClearValue(JSON.parse(batchOf([{ id: 1, phone: PHONE }], null).text))).toBe(false);
  });
});
