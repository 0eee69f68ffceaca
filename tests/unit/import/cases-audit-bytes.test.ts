/**
 * The audit a cases import writes, record for record. The commit's JavaScript around the audit (each record's object,
 * its row of the batch, the case's MAC planned at preview) was made cheaper in session 15 (io/import/README.md);
 * what the log holds must not move. The digests below were taken on the code before that change (main 03b3f1b) and
 * hold the whole text of every audit row the preview and commit write (sealed values, whose counter blocks are
 * random, compared by their place), with the chain verified. Since session 19 a batch writes a column whose value is
 * the same in every record once (`same`, audit/batched-entries.ts): such a batch is compared as the records it
 * holds, packed as before (`{ columns, rows }`), so the digest still says that every record is what it was.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unpackBatch } from '../../../electron/core/audit/batched-entries';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeCsv } from './files';

const opened: TestLedger[] = [];
afterEach(() => {
  for (const t of opened.splice(0)) t.close();
});

const MAPPING = ['community', 'grid', 'name', 'idNumber', 'phone', 'address', 'tags', 'category', 'startOn', 'origin', 'arrivedOn', 'riskLevel'];
const HEAD = ['社区', '网格', '姓名', '身份证号', '电话', '住址', '特殊人群', '人员类别', '开始日期', '来源地', '返程日期', '风险等级'];
const ID_A = makeIdNumber('420106', '1956-11-08', 31);
const ID_B = makeIdNumber('420106', '1940-01-20', 42);
const ID_C = makeIdNumber('110105', '1990-03-12', 17);
const ID_D = makeIdNumber('110105', '1992-05-02', 28);

// 张伟 is in the ledger and goes under observation; 刘芳 (alone, elderly) is new in his household (a care task);
// 王强 and 赵丽 share a new address; 李娜 has no ID number and no address.
const ROWS = [
  HEAD,
  ['东风社区', '一网格', '张伟', ID_A, '13800138000', '幸福路1号', '', '居家观察', '2020-02-10', '湖北省武汉市', '2020-02-09', '高'],
  ['东风社区', '一网格', '刘芳', ID_B, '', '幸福路1号', '独居老人', '返程人员', '', '湖北省孝感市', '', ''],
  ['东风社区', '二网格', '王强', ID_C, '13900139000', '幸福小区3栋2单元101室', '', '返程人员', '2020-02-12', '浙江省温州市', '2020-02-11', ''],
  ['东风社区', '二网格', '赵丽', ID_D, '', '幸福小区3栋2单元101室', '', '返程人员', '2020-02-12', '浙江省温州市', '', '中'],
  ['东风社区', '', '李娜', '', '13700137000', '', '', '返程人员', '', '', '', ''],
];

async function ledger(): Promise<{ t: TestLedger; path: string }> {
  const t = await openTestLedger();
  opened.push(t);
  const org = await seedOrg(t);
  const household = await t.call('households.save', { communityId: org.dongfeng, addressText: '幸福路1号' });
  await t.call('residents.save', { householdId: household.id, name: '张伟', idNumber: ID_A, phone: '13800138000' });
  return { t, path: writeCsv(join(scratch(), '返程人员.csv'), ROWS, 'utf-8-bom') };
}

/** A batch with columns written once (`same`) as the same records packed as before session 19; any other payload as it is. */
function packedAsBefore(text: unknown): unknown {
  if (typeof text !== 'string' || !text.includes('"same":')) return text;
  const batch = JSON.parse(text) as { columns: string[] };
  const records = unpackBatch(batch) as Record<string, unknown>[];
  return JSON.stringify({ columns: batch.columns, rows: records.map((r) => batch.columns.map((c) => r[c])) });
}

/**
 * Every audit row the import wrote (after the ledger's setup), as text, with sealed values by their place. Not the
 * preview's own row (it found a ledger person: audited as a digit search is, sixth attack run): the commit's rows.
 */
function importAudit(t: TestLedger, afterId: number): string {
  const db = t.core.services.ledger.handle();
  const rows = db
    .prepare(`SELECT at, username, channel, entity, entity_id, before_json, after_json FROM audit_log WHERE id > ? AND channel <> 'import.preview' ORDER BY id`)
    .all(afterId) as Record<string, unknown>[];
  const written = rows.map((r) => String(r.after_json)).join('\n');
  // The cases' batch writes its category, status, risk, the nulls of what the file leaves out… once.
  expect(written).toContain('"same":{"communityId":');
  return JSON.stringify(rows.map((r) => ({ ...r, after_json: packedAsBefore(r.after_json) })))
    .replace(/"sealed":"[^"]*"/g, '"sealed":"…"')
    .replace(/\\"sealed\\":\\"[^"\\]*\\"/g, '\\"sealed\\":\\"…\\"');
}

const lastAuditId = (t: TestLedger): number => (t.core.services.ledger.handle().prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('the audit of a cases import', () => {
  it('holds the same records as before session 15 when the preview prepared the rows', async () => {
    const { t, path } = await ledger();
    const from = lastAuditId(t);
    const input = { path, target: 'cases' as const, mapping: MAPPING, onDuplicate: 'skip' as const };
    const pre = await t.call('import.preview', input);
    expect(pre.counts).toMatchObject({ created: 5, rejected: 0 });
    await t.call('import.commit', { ...input, previewId: pre.previewId });
    const text = importAudit(t, from);
    expect(text).toContain('"entity":"case","entity_id":"1–5"');
    expect(digest(text)).toBe('6806d199b7a33d1d5547fc4e83c448995e1535dbee5e3b37a93ad02e5efb6477');
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true });
  });

  it('holds the same records as before session 15 when the commit computes every row itself', async () => {
    const { t, path } = await ledger();
    const from = lastAuditId(t);
    await t.call('import.commit', { path, target: 'cases' as const, mapping: MAPPING, onDuplicate: 'skip' as const });
    const text = importAudit(t, from);
    expect(digest(text)).toBe('6806d199b7a33d1d5547fc4e83c448995e1535dbee5e3b37a93ad02e5efb6477');
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true });
  });
});
