/**
 * Fourteenth attack run (session 28), X7: an .xls's cells are counted once (MAX_XLS_CELLS), but import.inspect reads
 * up to 30 sheets whole to score them, and nothing stopped 30 BOUNDSHEET records (other names) pointing at one BOF:
 * the one sheet was read 30 times (200,000 cells: inspect 1.3 s → 6.1 s). Now a sheet is read once by where its BOF
 * is (io/import/read-xls.ts openXlsWorkbook, w45-import); the attack run's own proposal, refusing the file as damaged,
 * would have broken crafted-sheets.test.ts, whose 100,000 sheets share one BOF.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openXlsWorkbook } from '../../../electron/core/io/import/read-xls';
import { useImportLedger } from '../import/files';
import { STAFF_LIST, withWorkbookStream } from '../import/legacy-files';

const L = useImportLedger();
const BOUNDSHEET = 0x0085;

/** The staff list with its BOUNDSHEET copied once, the copy's name's last character changed, both at the same BOF. */
function twoNamesOneSheet(): Buffer {
  return withWorkbookStream(STAFF_LIST, (body) => {
    let p = 0;
    while (body.readUInt16LE(p) !== BOUNDSHEET) p += 4 + body.readUInt16LE(p + 2);
    const record = body.subarray(p, p + 4 + body.readUInt16LE(p + 2));
    const copy = Buffer.from(record);
    copy[copy.length - 1] = copy[copy.length - 1]! ^ 1;
    const out = Buffer.concat([body.subarray(0, p + record.length), copy, body.subarray(p + record.length)]);
    // The sheet's BOF moved by the copy's length: both records point at it where it now is.
    const bof = record.readUInt32LE(4) + copy.length;
    out.writeUInt32LE(bof, p + 4);
    out.writeUInt32LE(bof, p + record.length + 4);
    return out;
  });
}

describe('X7: two sheets of an .xls at one BOF', () => {
  it('the sheet is read once for both names (the same rows handed back), and inspect reads the file', async () => {
    const buf = twoNamesOneSheet();
    const book = openXlsWorkbook(buf, '名单.xls');
    expect(book.sheets).toHaveLength(2);
    const [a, b] = book.sheets.map((name) => book.read(name));
    expect(a!.rows.map((r) => r.cells)).toEqual([
      ['姓名', '类别'],
      ['张三', '网格员'],
    ]);
    expect(b).toBe(a);
    const path = join(L.dir, '名单.xls');
    writeFileSync(path, buf);
    const ins = await L.t.call('import.inspect', { path, target: 'staff' });
    expect(ins.mapping).toEqual(['name', 'kind']);
  });
});
