import { join } from 'node:path';
import { it } from 'vitest';
import { scratch } from '../../unit/import/files';
import { bigRows, writeBigXlsx } from './make-big';
import { openSource } from '../../../electron/core/io/import/source';
it('dbg2', async () => {
  const rows = bigRows(100000);
  const path = join(scratch(), 'a.xlsx');
  await writeBigXlsx(path, rows);
  const src = openSource(path);
  let i = -1; let bad = 0;
  for await (const r of src.rows()) {
    if (i >= 0) {
      const w = rows[i]!;
      const got = r.cells.map(String);
      if (got[1] !== w.name || got[2] !== w.idNumber || got[3] !== w.phone || got[4] !== w.address) { if (bad++ < 3) console.log(i, r.rowNumber, got, w); }
    }
    i++;
  }
  console.log('rows', i, 'bad', bad);
}, 120000);
