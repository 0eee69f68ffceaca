/**
 * Eighth attack run, the files that come in: a .xlsx row is capped at 1,024 columns (crafted-workbooks.test.ts), but
 * a CSV or a pasted table was read as wide as it came. A 2 MB CSV of one line of a million cells held the core for
 * 29 s (load 11 on 2 cores) and answered with a million headers; 400 kB pasted as one row of 200,000 cells, 14 s.
 * A paste of 1.2 million short rows (4.8 MB, under the paste limit) answered INTERNAL: the column count was taken
 * with Math.max(...rows), which overflows the stack. Now both readers refuse a value past column 1,024, naming the
 * row, let go of empty cells past it, and a long paste is answered.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_COLUMNS } from '../../../electron/core/io/import/cells';
import { expectTypedRefusal } from '../hardening/hostile';
import { useImportLedger } from '../import/files';

const L = useImportLedger();
const WIDE = 5_000;

describe('rows wider than a sheet may be, from a CSV or a paste', () => {
  it('a CSV line of 5,000 values is refused at inspect, preview and commit, naming the row, and writes nothing', async () => {
    const path = join(L.dir, 'wide.csv');
    writeFileSync(path, `姓名,类别\n${'1,'.repeat(WIDE)}\n`);
    for (const [channel, extra] of [
      ['import.inspect', {}],
      ['import.preview', { mapping: ['name', 'kind'] }],
      ['import.commit', { mapping: ['name', 'kind'] }],
    ] as const) {
      const msg = expectTypedRefusal(await L.t.raw(channel, { path, target: 'staff', ...extra }), channel);
      expect(msg).toContain(`第 2 行第 ${WIDE} 列有内容`);
      expect(msg).toContain(`${MAX_COLUMNS} 列`);
    }
    expect((L.db().prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n).toBe(0);
  });

  it('empty cells past column 1,024 (a sheet saved with a styled column far right) are let go, the file read', async () => {
    const path = join(L.dir, 'trailing.csv');
    writeFileSync(path, `姓名,联系电话${','.repeat(WIDE)}\n张三,13803711002${','.repeat(WIDE)}\n`);
    const r = await L.t.call('import.inspect', { path, target: 'residents' });
    expect(r.headers.length).toBe(MAX_COLUMNS);
    expect(r.headers.slice(0, 2)).toEqual(['姓名', '联系电话']);
  });

  it('a pasted row of 5,000 cells is refused, naming the row', async () => {
    const msg = expectTypedRefusal(await L.t.raw('import.inspect', { text: `姓名\t电话\n${'1\t'.repeat(WIDE)}`, target: 'residents' }), 'paste');
    expect(msg).toContain('粘贴的内容第 2 行');
    expect(msg).toContain(`${MAX_COLUMNS} 列`);
  });

  it('a paste of 1.2 million short rows of digits (4.8 MB) is answered, columns named by shape, not an INTERNAL error', async () => {
    const r = await L.t.call('import.inspect', { text: '1\t2\n'.repeat(1_200_000), target: 'residents' });
    expect(r.headers).toEqual(['第1列', '第2列']);
  });
});
