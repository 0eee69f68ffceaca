/**
 * 069_allowance_rates_before on a ledger in use: a new table for the 补助标准 each kind of staff had before a change
 * (and the last day it applied), empty; the standard in use stays in rota_allowance_rates, so every day of such a
 * ledger is paid as it was. Its primary key is the lookup the pay sheet makes (a kind's earliest row on or after a
 * day), so no other index.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FOUNDATION_TABLES, ledgerBefore, planOf, seedFoundation, upgradeKeepingRows, type LedgerBefore } from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(69);
  seedFoundation(l.db);
  l.db
    .prepare(
      `INSERT INTO rota_allowance_rates (staff_kind, basis, amount_fen, label, updated_at) VALUES ('community_worker', 'day', 12000, '临时性工作补助', @now)`,
    )
    .run({ now: '2020-02-17T00:00:00.000Z' });
});
afterEach(() => l.close());

describe('069_allowance_rates_before on an existing ledger', () => {
  it('adds rota_allowance_rates_before, empty, and keeps the standard in use and every row', () => {
    const added = upgradeKeepingRows(l, 69, [...FOUNDATION_TABLES, 'rota_allowance_rates']);
    expect(added.tables).toEqual({ rota_allowance_rates_before: ['staff_kind', 'until_day', 'basis', 'amount_fen', 'label', 'created_at'] });
    // The primary key's own index (namesOf lists only indexes with SQL): nothing else added.
    expect(added.indexes).toEqual([]);
    expect(l.db.prepare(`SELECT count(*) AS n FROM rota_allowance_rates_before`).get()).toEqual({ n: 0 });
    expect(
      planOf(l.db, `SELECT * FROM rota_allowance_rates_before WHERE staff_kind = 'volunteer' AND until_day >= '2020-03-01' ORDER BY until_day LIMIT 1`),
    ).toMatch(/USING PRIMARY KEY|sqlite_autoindex_rota_allowance_rates_before_1/);
  });

  it('refuses a row with a basis and no amount (no standard is all three empty)', () => {
    l.upgrade();
    const insert = (basis: string | null, amount: number | null, label: string | null) =>
      l.db
        .prepare(
          `INSERT INTO rota_allowance_rates_before (staff_kind, until_day, basis, amount_fen, label, created_at) VALUES ('volunteer', '2020-03-15', ?, ?, ?, 'x')`,
        )
        .run(basis, amount, label);
    expect(() => insert('day', null, '志愿者补贴')).toThrow(/CHECK/);
    expect(() => insert(null, null, null)).not.toThrow();
  });
});
