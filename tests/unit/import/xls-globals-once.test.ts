/**
 * X5's remnant (twelfth attack run, docs/security/attack-run-session26.md): with no sheet chosen, `import.inspect`
 * scores up to 30 visible sheets, and each scored sheet read the workbook again: the file, its hash, the container,
 * the checks and the globals with the whole shared-string table. Now the file is opened once and each further sheet
 * is read against the same globals (source.ts otherSheet, read-xls.ts openXlsWorkbook). Red before: 12 readings of the
 * globals with their strings for 12 sheets.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useImportLedger } from './files';
import { biff8Bytes } from './legacy-files';

const reads = vi.hoisted(() => ({ withStrings: 0 }));
vi.mock('../../../electron/core/io/import/biff8-globals', async (original) => {
  const m = await original<typeof import('../../../electron/core/io/import/biff8-globals')>();
  return {
    ...m,
    readGlobals: (stream: Buffer, withStrings: boolean) => {
      if (withStrings) reads.withStrings++;
      return m.readGlobals(stream, withStrings);
    },
  };
});

const L = useImportLedger();

describe('an .xls of many sheets is read once for the likeliest sheet', () => {
  it('reads the workbook globals (and their shared strings) once while scoring 12 sheets, and still picks the staff list', async () => {
    // Eleven cover and note sheets before the list itself, as a street's workbook may have.
    const notes = Array.from({ length: 11 }, (_, i) => ({ name: `说明${i + 1}`, rows: [['填表说明'], [`第${i + 1}条：请按社区填写。`]] }));
    const path = join(L.dir, '街道汇总.xls');
    writeFileSync(
      path,
      biff8Bytes([
        ...notes,
        {
          name: '名单',
          rows: [
            ['姓名', '类别'],
            ['张三', '网格员'],
            ['李四', '志愿者'],
          ],
        },
      ]),
    );
    reads.withStrings = 0;
    const ins = await L.t.call('import.inspect', { path, target: 'staff' });
    expect(ins.sheet).toBe('名单');
    expect(ins.mapping).toEqual(['name', 'kind']);
    expect(reads.withStrings).toBe(1);
  });
});
