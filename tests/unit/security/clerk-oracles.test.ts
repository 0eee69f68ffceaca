/**
 * Fourth attack run, a curious clerk: a clerk may see a full ID number only through an audited reveal or an
 * audited digit search. An import preview matches the file's rows against the ledger by whole ID number (and
 * case sheets by name and phone) and says which row matched whom: a file of candidate numbers for one person
 * told the clerk the right one, and left no trace. A preview that matched ledger people is now audited (the
 * file, its hash and how many rows matched), as a digit search is.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { previewAuditRows } from '../../helpers/audit';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, writeCsv } from '../import/files';

let t: TestLedger;
let clerk: string;
const SEQ = 111;
const REAL = makeIdNumber('410105', '1985-03-12', SEQ);
beforeEach(async () => {
  t = await openTestLedger();
  const c = await t.call('org.communities.save', { name: '东风社区' });
  await t.call('residents.save', { communityId: c.id, name: '张伟', idNumber: REAL });
  clerk = await t.sessionAs('clerk');
});
afterEach(() => t.close());

const previewAudits = () => previewAuditRows(t.core.services.ledger.handle());

describe('an import preview as a number oracle', () => {
  it('a file of candidate ID numbers for one person finds the real one, and the preview is audited', async () => {
    const candidates = Array.from({ length: 30 }, (_, i) => makeIdNumber('410105', '1985-03-12', 100 + i));
    const path = writeCsv(join(scratch(), '候选.csv'), [['社区', '姓名', '身份证号'], ...candidates.map((id) => ['东风社区', '张伟', id])], 'utf-8');
    const ins = await t.call('import.inspect', { path, target: 'residents' }, clerk);
    const pre = await t.call('import.preview', { path, target: 'residents', mapping: ins.mapping }, clerk);
    // The attack works as far as the clerk is allowed: the matched row is the real number's.
    expect(pre.counts, JSON.stringify(pre.sample.slice(0, 3))).toMatchObject({ unchanged: 1, created: 29 });
    const matched = [...pre.conflicts.map((c) => c.rowNumber), ...pre.sample.filter((s) => s.outcome !== 'created').map((s) => s.rowNumber)];
    expect(matched).toEqual([2 + (SEQ - 100)]);
    // ...and it is on record, as an audited digit search would be.
    const rows = previewAudits();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.username).toBe(clerk);
    expect(JSON.parse(rows[0]!.after)).toMatchObject({ fileName: '候选.csv', matchedInLedger: 1 });
    expect(rows[0]!.after).not.toContain(REAL);
  });

  it('a preview that matched nobody in the ledger leaves no row', async () => {
    const path = writeCsv(
      join(scratch(), '新人.csv'),
      [
        ['社区', '姓名', '身份证号'],
        ['东风社区', '李娜', makeIdNumber('410105', '1990-01-01', 5)],
      ],
      'utf-8',
    );
    const ins = await t.call('import.inspect', { path, target: 'residents' }, clerk);
    await t.call('import.preview', { path, target: 'residents', mapping: ins.mapping }, clerk);
    expect(previewAudits()).toEqual([]);
  });
});
