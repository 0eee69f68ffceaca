/**
 * What a commit keeps of its file while it writes (handlers.ts `described`): its name, hash and how it was read,
 * not the source, whose reader holds the file's bytes for as long as the source is referenced (11 MB for the
 * bench's CSV, alive through a 100,000-row write). Checked by counting, in the middle of the commit's write (its
 * first progress event, inside the transaction), the array buffers of the file's size (the reader reads one byte
 * more, to see a file that grew): the preview, which reads the rows, holds one at the same point of its own work.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { censusAtImportPhases, HEAP_SNAPSHOT_TEST } from '../../helpers/heap-census';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeCsv } from './files';

const opened: TestLedger[] = [];
afterEach(() => {
  for (const t of opened.splice(0)) t.close();
});

describe('a commit, in memory', () => {
  it("keeps its file's name and hash while it writes, not the file's bytes", HEAP_SNAPSHOT_TEST, async () => {
    // Per phase, how many buffers of the file's size are alive (the file is written before the preview starts).
    let fileBytes = 0;
    const { emit, seen } = censusAtImportPhases((census) => census.arrayBuffersOf(fileBytes, 16));
    const t = await openTestLedger({ core: { emit } });
    opened.push(t);
    await seedOrg(t);
    // A column nobody maps makes the file large and of a size nothing else in the heap has.
    const filler = '备'.repeat(40_000);
    const path = writeCsv(
      join(scratch(), '返程人员.csv'),
      [
        ['社区', '姓名', '身份证号', '电话', '备注（不导入）'],
        ['东风社区', '张伟', makeIdNumber('420106', '1956-11-08', 31), '13800138000', filler],
        ['东风社区', '刘芳', makeIdNumber('420106', '1958-01-20', 42), '13900139000', `${filler}备`],
      ],
      'utf-8',
    );
    fileBytes = statSync(path).size;
    const input = { path, target: 'residents' as const, mapping: ['community', 'name', 'idNumber', 'phone', null] };
    const pre = await t.call('import.preview', input);
    expect(pre.counts).toMatchObject({ created: 2 });
    const done = await t.call('import.commit', { ...input, previewId: pre.previewId });
    expect(done.counts).toMatchObject({ created: 2 });
    expect(seen.get('check')).toBe(1);
    expect(seen.get('commit')).toBe(0);
  });
});
