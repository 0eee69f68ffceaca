/**
 * Searches by digits leave a trace: who searched what, on which list, and how
 * many matched (never the numbers found), once per query, session and minute
 * however many pages the grid asks for. A query longer than four digits is
 * kept with all but its last four starred (a whole ID number typed is the
 * number itself). Name searches leave nothing; a viewer's digit search is
 * refused, a whole ID number included.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRow } from '../../../electron/core/audit/contract';
import { READ_AUDIT_WINDOW_MS } from '../../../electron/core/audit/read-audit';
import { ID_A, observedHousehold, openOffice, type Office } from '../caseload/fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice();
  await observedHousehold(o);
});
afterEach(() => o.t.close());

const PHONE = '13912345678';
const page = (q: string, offset = 0) => ({ filter: { q }, offset, limit: 1 });

async function auditRows(): Promise<AuditRow[]> {
  return (await o.t.call('audit.list', { offset: 0, limit: 500 })).rows;
}
const searches = async () => (await auditRows()).filter((r) => r.entity === 'search');

describe('digit searches are audited', () => {
  it("a clerk's digit search leaves one row naming the query and the count, however many pages are read", async () => {
    const clerk = await o.t.sessionAs('clerk', 'liu');
    const first = await o.t.call('residents.list', page('5678'), clerk);
    expect(first.total).toBe(1);
    // The grid pages and re-sorts the same query: still one row.
    await o.t.call('residents.list', page('5678', 1), clerk);
    await o.t.call('residents.list', { ...page('5678'), sort: [{ field: 'name', dir: 'desc' }] }, clerk);

    const rows = await searches();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect([row.channel, row.username, row.entityId]).toEqual(['residents.list', 'liu', null]);
    expect(JSON.parse(row.after!)).toEqual({ q: '5678', matches: 1 });
    expect(row.summary).toBe('测试clerk 按号码搜索了居民「5678」（找到 1 条）');
    // The query and the count, not the numbers it matched.
    for (const field of [row.after, row.summary]) {
      expect(field).not.toContain(PHONE);
      expect(field).not.toContain(ID_A);
    }
    expect(await o.t.call('audit.verify', {})).toMatchObject({ intact: true });
  });

  it('records each distinct query, each list, and the same query again after a minute', async () => {
    const clerk = await o.t.sessionAs('clerk');
    await o.t.call('residents.list', page('5678'), clerk);
    await o.t.call('residents.list', page(ID_A.slice(-6)), clerk);
    await o.t.call('cases.list', page('5678'), clerk);
    await o.t.call('residents.list', page('5678'), 'admin');
    // Newest first, as 操作日志 lists them.
    expect((await searches()).map((r) => [r.username, r.channel, JSON.parse(r.after!) as unknown])).toEqual([
      ['admin', 'residents.list', { q: '5678', matches: 1 }],
      [clerk, 'cases.list', { q: '5678', matches: 1 }],
      [clerk, 'residents.list', { q: `**${ID_A.slice(-4)}`, matches: 1 }],
      [clerk, 'residents.list', { q: '5678', matches: 1 }],
    ]);
    expect((await searches()).find((r) => r.channel === 'cases.list')!.summary).toBe('测试clerk 按号码搜索了个案「5678」（找到 1 条）');

    o.t.clock.set(new Date(Date.parse('2020-02-17T01:00:00.000Z') + READ_AUDIT_WINDOW_MS + 1000).toISOString());
    await o.t.call('residents.list', page('5678', 1), clerk);
    expect(await searches()).toHaveLength(5);
    expect(await o.t.call('audit.verify', {})).toMatchObject({ intact: true });
  });

  it('a name search leaves no row', async () => {
    const clerk = await o.t.sessionAs('clerk');
    const before = (await o.t.call('audit.list', { offset: 0, limit: 1 })).total;
    expect((await o.t.call('residents.list', page('王建'), clerk)).total).toBe(1);
    expect((await o.t.call('cases.list', page('王建'), clerk)).total).toBe(1);
    await o.t.call('residents.list', { offset: 0, limit: 10 }, clerk);
    expect((await o.t.call('audit.list', { offset: 0, limit: 1 })).total).toBe(before);
  });

  it("a viewer's digit search is still refused, and like every refusal writes nothing; a clerk's whole ID number is audited starred", async () => {
    const viewer = await o.t.sessionAs('viewer');
    const before = (await o.t.call('audit.list', { offset: 0, limit: 1 })).total;
    const e = await o.t.fail('residents.list', page('5678'), viewer);
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toContain('只能按姓名搜索');
    expect((await o.t.call('audit.list', { offset: 0, limit: 1 })).total).toBe(before);

    expect((await o.t.fail('residents.list', page(ID_A), viewer)).code).toBe('FORBIDDEN');
    const clerk = await o.t.sessionAs('clerk');
    expect((await o.t.call('residents.list', page(ID_A), clerk)).total).toBe(1);
    expect((await searches()).map((r) => JSON.parse(r.after!) as unknown)).toEqual([{ q: `${'*'.repeat(14)}${ID_A.slice(-4)}`, matches: 1 }]);
  });
});
