/**
 * What an xlsx preview keeps of the workbook's XML (read-xlsx.ts `ownText`): nothing. A cell's text is cut out of
 * the piece of XML it was read from, and V8 cuts a string of 13 characters or more as a view of that piece, so
 * before this each ID number in the staged plan held its piece of the text table alive through the preview and the
 * commit (about 8 MB at 100,000 rows). Counted by a heap snapshot at the preview's check and at the commit's first
 * progress (inside its transaction): at most one piece of the text table's XML is alive at either, not all of them.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeIdNumber, maskIdNumber } from '../../../electron/core/people/id-number';
import { censusAtImportPhases, HEAP_SNAPSHOT_TEST } from '../../helpers/heap-census';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeXlsx } from './files';

const opened: TestLedger[] = [];
afterEach(() => {
  for (const t of opened.splice(0)) t.close();
});

describe('an xlsx import, in memory', () => {
  it("keeps the cells' text, not the workbook's XML it was read from", HEAP_SNAPSHOT_TEST, async () => {
    // Per phase, the strings holding the text table's XML.
    const { emit, seen } = censusAtImportPhases((census) => census.stringsContaining('</t></si><si>'));
    const t = await openTestLedger({ core: { emit } });
    opened.push(t);
    await seedOrg(t);
    // 300 people with their addresses: a text table of about 60 KB, read in pieces of 16 KB.
    const people = Array.from({ length: 300 }, (_, i) => ({
      name: `居民${i}`,
      id: makeIdNumber('420106', `19${String(30 + (i % 60))}-0${1 + (i % 9)}-1${i % 10}`, i),
      address: `幸福小区 ${1 + (i % 40)} 号楼 ${1 + (i % 4)} 单元 ${101 + i} 室 ${i % 2 ? '东侧' : '西侧'} 临街商铺楼上`,
    }));
    const path = await writeXlsx(join(scratch(), '返程人员.xlsx'), [
      { name: '返程人员', rows: [['社区', '姓名', '身份证号', '住址'], ...people.map((p) => ['东风社区', p.name, p.id, p.address])] },
    ]);
    const input = { path, target: 'residents' as const, mapping: ['community', 'name', 'idNumber', 'address'] };
    const pre = await t.call('import.preview', input);
    expect(pre.counts).toMatchObject({ created: 300, rejected: 0 });
    const done = await t.call('import.commit', { ...input, previewId: pre.previewId });
    expect(done.counts).toMatchObject({ created: 300 });
    // At most the last piece read, which V8's own state may still point to; before, every piece (4 here).
    expect(seen.get('check')).toBeLessThanOrEqual(1);
    expect(seen.get('commit')).toBeLessThanOrEqual(1);
    // The copies are the same text: what is stored is what the file says.
    const db = t.core.services.ledger.handle();
    const rows = db
      .prepare(
        `SELECT r.name, r.id_number_masked AS masked, h.address_text AS address FROM residents r JOIN households h ON h.id = r.household_id ORDER BY r.id`,
      )
      .all();
    expect(rows).toEqual(people.map((p) => ({ name: p.name, masked: maskIdNumber(p.id), address: p.address })));
  });
});
