import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../electron/core/dates.shared';
import { asWriteDb } from '../../../electron/core/db/types';
import { Rng } from '../../../electron/core/demo-kit/random';
import { seedOrgDemo } from '../../../electron/core/org/demo';
import { seedSuppliesDemo } from '../../../electron/core/supplies/demo';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

describe('supplies demo', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  it('books a month of movements ending today, never below zero, with communities in shortage', async () => {
    t = await openTestLedger();
    const db = asWriteDb(t.core.services.ledger.handle());
    const opts = { residents: 1000, rng: new Rng(7), clock: t.clock, log: () => undefined, sealer: t.core.services.ledger.sealer()! };
    db.transaction(() => {
      seedOrgDemo(db, opts);
      seedSuppliesDemo(db, opts);
    })();
    const today = t.clock.today();
    const span = db.prepare(`SELECT min(day) AS first, max(day) AS last, count(*) AS n FROM supply_movements`).get() as {
      first: string;
      last: string;
      n: number;
    };
    expect(span).toMatchObject({ first: addDays(today, -29), last: today });
    expect(span.n).toBeGreaterThan(1000);
    const negative = db.prepare(`SELECT store_id, item_id FROM supply_movements GROUP BY store_id, item_id HAVING sum(delta) < 0`).all();
    expect(negative).toEqual([]);
    const short = await t.call('supplies.stock', { onlyShort: true });
    expect(new Set(short.filter((r) => r.storeId !== 0).map((r) => r.storeName)).size).toBeGreaterThanOrEqual(2);
    expect((await t.call('supplies.deliveries.list', {})).length).toBe(2);
  });
});
