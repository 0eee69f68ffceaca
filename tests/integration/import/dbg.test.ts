import { join } from 'node:path';
import { it } from 'vitest';
import { openTestLedger } from '../../helpers/ledger';
import { scratch } from '../../unit/import/files';
import { bigRows, MAPPING, writeBigGbkCsv } from './make-big';
import * as cw from '../../../electron/core/caseload/write-queries';
import { upsertHousehold, upsertResident } from '../../../electron/core/caseload/write-queries';
import { asWriteDb } from '../../../electron/core/db/types';
it('dbg', async () => {
  const rows = bigRows(100000);
  const path = join(scratch(), 'a.csv');
  await writeBigGbkCsv(path, rows);
  const t = await openTestLedger();
  const c = await t.call('org.communities.save', { name: '东风社区' });
  console.log(t.core.services.ledger.handle().pragma('cache_size'), t.core.services.ledger.handle().pragma('synchronous'));
  let s = performance.now();
  await t.call('import.commit', { path, target: 'residents', mapping: MAPPING });
  console.log('commit', performance.now() - s);
  void cw;
  const db = asWriteDb(t.core.services.ledger.handle());
  const more = bigRows(0);
  s = performance.now();
  let hh = 0, rr = 0;
  db.transaction(() => {
    for (const r of more) {
      const a = performance.now();
      const h = upsertHousehold(db, { communityId: c.id, addressText: r.address }, '2020-02-17T00:00:00Z');
      const b = performance.now();
      upsertResident(db, { householdId: h.id, name: r.name, idNumber: r.idNumber, phone: r.phone }, '2020-02-17T00:00:00Z');
      hh += b - a; rr += performance.now() - b;
    }
  })();
  console.log('raw upserts', performance.now() - s, 'household', hh, 'resident', rr);
});
