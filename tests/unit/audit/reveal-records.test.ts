/**
 * Memorial records are sealed whole into their audit rows (`personal`,
 * honours/sealed-records.ts auditPersonal). A coordinator opens them in 操作日志
 * like any sealed number: audit.reveal gives the record's fields back, as JSON
 * and as labelled lines in Chinese, and still does after a key rotation.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRow } from '../../../electron/core/audit/contract';
import { openTestLedger, type TestLedger, rotating } from '../../helpers/ledger';
import { memorialFields } from '../honours/helpers';
import { LEGACY_PDF } from '../honours/legacy-fixture';

let t: TestLedger;
let files: string;
afterEach(() => {
  t?.close();
  rmSync(files, { recursive: true, force: true });
});

const CIRCUMSTANCES = memorialFields().circumstances;

describe('audit.reveal of sealed memorial records', () => {
  it('opens the record, the family member and the attachment written by honours, labelled in Chinese, before and after a rotation', async () => {
    t = await openTestLedger({ now: '2020-02-18T02:00:00.000Z' });
    files = mkdtempSync(join(tmpdir(), 'taizhang-reveal-'));
    const m = await t.call('honours.memorials.save', memorialFields());
    await t.call('honours.family.save', { memorialId: m.id, name: '周文华', relation: '配偶', phone: '138 0371 2345' });
    const pdf = join(files, '孙海燕事迹材料.pdf');
    writeFileSync(pdf, LEGACY_PDF);
    await t.call('honours.attachments.add', { memorialId: m.id, path: pdf, caption: '单位出具的事迹材料' });

    const rows = (await t.call('audit.list', { offset: 0, limit: 50 })).rows;
    const of = (entity: string): AuditRow => rows.find((r) => r.entity === entity)!;
    const wanted = [
      { entity: 'memorial', field: { label: '牺牲经过', value: CIRCUMSTANCES }, word: '孙海燕' },
      { entity: 'memorial_family', field: { label: '与逝者关系', value: '配偶' }, word: '13803712345' },
      { entity: 'memorial_attachment', field: { label: '附件说明', value: '单位出具的事迹材料' }, word: '孙海燕事迹材料.pdf' },
    ];
    for (const w of wanted) {
      const row = of(w.entity);
      // The list shows the mask only, and offers the reveal.
      expect(row.sealed).toBe(true);
      expect(row.after).toContain('（已加密保存）');
      expect(row.after).not.toContain(w.word);
      expect(row.after).not.toContain('"sealed"');
    }

    const reveal = async () => Promise.all(wanted.map((w) => t.call('audit.reveal', { id: of(w.entity).id })));
    const opened = await reveal();
    opened.forEach((o, n) => {
      expect(o.after).toContain(wanted[n]!.word);
      expect(o.after).not.toContain('（已加密保存）');
      expect(o.fields.after).toContainEqual(wanted[n]!.field);
      expect(
        o.fields.after.every((f) => !/[a-z]/.test(f.label)),
        JSON.stringify(o.fields.after),
      ).toBe(true);
    });
    expect(JSON.parse(opened[0]!.after!)).toMatchObject({ personal: { name: '孙海燕', circumstances: CIRCUMSTANCES, place: '和平社区第二网格卡点' } });
    const reveals = await t.call('audit.list', { filter: { channel: 'audit.reveal' }, offset: 0, limit: 10 });
    expect(reveals.rows.map((r) => r.entityId).sort()).toEqual(wanted.map((w) => String(of(w.entity).id)).sort());

    // Audit rows keep the key of their day: after a rotation the key history opens them.
    await t.call('users.rotateKeys', { ...rotating() });
    expect((await reveal()).map((o) => o.after)).toEqual(opened.map((o) => o.after));
  });
});
