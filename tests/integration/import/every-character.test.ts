/** Issue 4 §10: 100,000 rows in, every cell in the ledger equal to its source cell. */
import { residentsOf } from '../../helpers/sealed-residents';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch } from '../../unit/import/files';
import { bigRows, MAPPING, writeBigGbkCsv, writeBigXlsx, type BigRow } from './make-big';

const N = 100_000;
let t: TestLedger | undefined;
afterEach(() => t?.close());

async function importAndCompare(path: string, rows: BigRow[]): Promise<void> {
  t = await openTestLedger();
  await t.call('org.communities.save', { name: '东风社区' });
  const done = await t.call('import.commit', { path, target: 'residents', mapping: MAPPING });
  expect(done.counts).toMatchObject({ total: N, created: N, rejected: 0 });
  const addresses = new Map(
    (t.core.services.ledger.handle().prepare(`SELECT id, address_text AS address FROM households`).all() as Array<{ id: number; address: string }>).map((h) => [
      h.id,
      h.address,
    ]),
  );
  const stored = residentsOf(t).map((r) => ({ name: r.name, idNumber: r.id_number, phone: r.phone, address: addresses.get(r.household_id!) })) as BigRow[];
  const byId = new Map(stored.map((s) => [s.idNumber, s]));
  expect(byId.size).toBe(N);
  const wrong = rows.filter((r) => {
    const s = byId.get(r.idNumber);
    return !s || s.name !== r.name || s.phone !== r.phone || s.address !== r.address;
  });
  expect(wrong.slice(0, 3)).toEqual([]);
}

describe('every character survives a 100,000-row import', () => {
  const rows = bigRows(N);
  it('from an .xlsx', async () => {
    const path = join(scratch(), '十万居民.xlsx');
    await writeBigXlsx(path, rows);
    await importAndCompare(path, rows);
  }, 180_000);
  it('from a GBK CSV', async () => {
    const path = join(scratch(), '十万居民.csv');
    await writeBigGbkCsv(path, rows);
    await importAndCompare(path, rows);
  }, 180_000);
});
