/**
 * Sixth attack run (O1), a curious clerk: session 18 audited an import preview that *matched* ledger people (a
 * residents file of candidate ID numbers). The case and health-check sheets find their person in the ledger check
 * instead, before any match: a row whose person is found and then refused (「这位居民没有进行中的…观察个案」, or
 * no community needed) reads differently from a row whose person is not there (「台账中没有这位居民」). A file of
 * candidate ID numbers, or of one name with candidate phones (the mask shows all but the middle four digits: 10,000
 * rows), told the clerk the real one in one preview and left no trace. Now a preview whose ledger check found
 * anybody is audited like a digit search: the file, its hash and how many rows found someone, never the numbers.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { previewAuditRows } from '../../helpers/audit';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, writeCsv } from '../import/files';

let t: TestLedger;
let clerk: string;
const PHONE = '13803714321';
const SEQ = 111;
const REAL = makeIdNumber('410105', '1985-03-12', SEQ);
beforeEach(async () => {
  t = await openTestLedger();
  const c = await t.call('org.communities.save', { name: '东风社区' });
  await t.call('residents.save', { communityId: c.id, name: '张伟', idNumber: REAL, phone: PHONE });
  clerk = await t.sessionAs('clerk');
});
afterEach(() => t.close());

const previewAudits = () => previewAuditRows(t.core.services.ledger.handle());

async function preview(target: 'health_checks' | 'cases', rows: string[][]) {
  const path = writeCsv(join(scratch(), '候选.csv'), rows, 'utf-8');
  const ins = await t.call('import.inspect', { path, target }, clerk);
  return t.call('import.preview', { path, target, mapping: ins.mapping }, clerk);
}

/** The rows whose reasons differ from what most rows were told: what the clerk reads off the preview. */
function oddOnesOut(pre: { rejected: Array<{ rowNumber: number; reasons: Array<{ message: string }> }>; sample: Array<{ rowNumber: number }> }, rows: number) {
  const told = new Map<number, string>();
  for (let n = 2; n < rows + 2; n++) told.set(n, 'planned');
  for (const r of pre.rejected) told.set(r.rowNumber, r.reasons.map((x) => x.message).join('；'));
  const counts = new Map<string, number>();
  for (const v of told.values()) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...told].filter(([, v]) => counts.get(v) === 1).map(([n]) => n);
}

function expectAudited(real: string) {
  const rows = previewAudits();
  expect(rows).toHaveLength(1);
  expect(rows[0]!.username).toBe(clerk);
  expect(JSON.parse(rows[0]!.after)).toMatchObject({ fileName: '候选.csv', peopleFound: 1 });
  expect(rows[0]!.after).not.toContain(real);
}

describe('case and health-check previews as number oracles', () => {
  it('health checks: a file of candidate ID numbers singles out the real one, and the preview is audited', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => makeIdNumber('410105', '1985-03-12', 100 + i));
    const pre = await preview('health_checks', [['身份证号', '日期', '体温', '方式', '监测人'], ...ids.map((id) => [id, '2020-02-01', '36.5', '电话', '李'])]);
    expect(oddOnesOut(pre, ids.length)).toEqual([2 + (SEQ - 100)]);
    expectAudited(REAL);
  });

  it('health checks: one name with candidate phones singles out the real phone, and the preview is audited', async () => {
    const phones = Array.from({ length: 40 }, (_, i) => `1380371${String(4300 + i).padStart(4, '0')}`);
    const pre = await preview('health_checks', [
      ['姓名', '联系电话', '日期', '体温', '方式', '监测人'],
      ...phones.map((p) => ['张伟', p, '2020-02-01', '36.5', '电话', '李']),
    ]);
    expect(oddOnesOut(pre, phones.length)).toEqual([2 + 21]);
    expectAudited(PHONE);
  });

  it('cases without a community column: the row whose phone is the real one is the only one not refused, and the preview is audited', async () => {
    const phones = Array.from({ length: 40 }, (_, i) => `1380371${String(4300 + i).padStart(4, '0')}`);
    const pre = await preview('cases', [['姓名', '联系电话', '人员类别'], ...phones.map((p) => ['张伟', p, '返乡人员'])]);
    expect(oddOnesOut(pre, phones.length)).toEqual([2 + 21]);
    expectAudited(PHONE);
  });

  it('a health-check preview that found nobody leaves no row', async () => {
    await preview('health_checks', [
      ['身份证号', '日期', '体温', '方式', '监测人'],
      [makeIdNumber('410105', '1990-01-01', 5), '2020-02-01', '36.5', '电话', '李'],
    ]);
    expect(previewAudits()).toEqual([]);
  });
});
