import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addressKey, formatAddress } from '../../../electron/core/caseload/address';
import { seedCaseloadDemo } from '../../../electron/core/caseload/demo';
import { registerTodayProvider } from '../../../electron/core/caseload/today';
import { openCase, recordHealthCheck, upsertHousehold, upsertResident } from '../../../electron/core/caseload/write-queries';
import { asWriteDb } from '../../../electron/core/db/types';
import { Rng } from '../../../electron/core/demo-kit/random';
import { seedOrgDemo } from '../../../electron/core/org/demo';
import { toCsv } from '../../../renderer/src/features/caseload/csv';
import { openTestLedger } from '../../helpers/ledger';
import { ID_A, openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice();
});
afterEach(() => o.t.close());
const db = () => asWriteDb(o.t.core.services.ledger.handle());
const NOW = '2020-02-17T01:00:00.000Z';

describe('write functions for other areas (import)', () => {
  it('writing the same records twice changes nothing the second time', () => {
    const once = () =>
      db().transaction(() => {
        const h = upsertHousehold(
          db(),
          { communityId: o.communityId, gridId: o.gridId, estate: '幸福小区', building: '3号楼', unit: '2', room: '101室' },
          NOW,
          '2020-02-17',
          o.t.core.services.ledger.sealer(),
        );
        const r = upsertResident(db(), { householdId: h.id, name: '王建华', idNumber: ID_A }, NOW, '2020-02-17', o.t.core.services.ledger.sealer());
        return { h, r };
      })();
    const first = once();
    expect(first.h.created && first.r.created).toBe(true);
    const second = once();
    expect([second.h.id, second.r.id]).toEqual([first.h.id, first.r.id]);
    expect([...second.h.audit, ...second.r.audit]).toEqual([]);
    const c = openCase(
      db(),
      { residentId: first.r.id, category: 'medical_observation', obsStartOn: '2020-02-16' },
      NOW,
      '2020-02-17',
      o.t.core.services.ledger.sealer(),
    );
    const check = { caseId: c.id, checkDate: '2020-02-16', temperature: 36.4, method: 'visit' as const, checkedBy: '社区医生' };
    expect(recordHealthCheck(db(), check, NOW, '2020-02-17').created).toBe(true);
    expect(recordHealthCheck(db(), check, NOW, '2020-02-17')).toMatchObject({ created: false, audit: [] });
  });

  it('recognises the same address however the unit words are typed', () => {
    expect(addressKey({ estate: '幸福小区', building: '3号楼', unit: '2单元', room: '101室' })).toBe(
      addressKey({ estate: '幸福小区', building: '3', unit: '2', room: '101' }),
    );
    expect(formatAddress({ estate: '幸福小区', building: '3', unit: '2', room: '101' })).toBe('幸福小区3栋2单元101室');
  });
});

describe('today.list takes items from other areas', () => {
  it('adds a registered provider’s items and counts', async () => {
    registerTodayProvider((_db, today) => [
      {
        kind: 'external',
        area: 'honours',
        link: '#/honours',
        key: 'memorial:1',
        title: '烈士褒扬材料',
        detail: '今日上报截止',
        dueOn: today,
        communityName: '幸福社区',
        gridName: null,
      },
    ]);
    const t = await o.t.call('today.list', {});
    expect(t.counts.external).toBe(1);
    expect(t.items.find((i) => i.kind === 'external')?.title).toBe('烈士褒扬材料');
  });
});

describe('demo seed', () => {
  it('makes N residents, ~0.4N households, 0.2N cases with observations at every stage', async () => {
    const t = await openTestLedger();
    const demoDb = asWriteDb(t.core.services.ledger.handle());
    const opts = { residents: 2000, rng: new Rng(7), clock: t.clock, log: () => undefined, sealer: t.core.services.ledger.sealer()! };
    demoDb.transaction(() => {
      seedOrgDemo(demoDb, opts);
      seedCaseloadDemo(demoDb, opts);
    })();
    const n = (sql: string) => (demoDb.prepare(sql).get() as { n: number }).n;
    expect(n(`SELECT count(*) AS n FROM residents`)).toBe(2000);
    expect(n(`SELECT count(*) AS n FROM households`)).toBe(800);
    expect(n(`SELECT count(*) AS n FROM cases`)).toBe(400);
    expect(n(`SELECT count(*) AS n FROM cases WHERE status = 'released'`)).toBeGreaterThan(0);
    expect(n(`SELECT count(*) AS n FROM cases WHERE status = 'observing' AND first_missing_check_on < '2020-02-17'`)).toBeGreaterThan(0);
    expect(n(`SELECT count(DISTINCT category) AS n FROM cases`)).toBeGreaterThanOrEqual(9);
    expect(n(`SELECT count(*) AS n FROM health_checks WHERE escalation = 'open'`)).toBeGreaterThanOrEqual(0);
    expect((await t.call('today.list', {})).counts.check_due).toBeGreaterThan(0);
    t.close();
  });
});

describe('CSV export', () => {
  it('starts with a BOM, quotes commas and defuses formulas', () => {
    const csv = toCsv(
      ['姓名', '备注'],
      [
        ['王建华', '咳嗽, 乏力'],
        ['=1+1', null],
      ],
    );
    expect(csv.startsWith('\uFEFF姓名,备注\r\n')).toBe(true);
    expect(csv).toContain('"咳嗽, 乏力"');
    expect(csv).toContain("'=1+1,");
  });
});
