/** Caseload figures on the demo ledger: the grid's page in the core, today's list, coverage. */
import type { ApiInput, ApiResult, Channel } from '../../../electron/core/api';
import { medianMs, type BenchPart, type BenchRow } from '../types';

export const caseloadBench: BenchPart = {
  area: 'caseload',
  async run(env) {
    const call = async <C extends Channel>(channel: C, input: ApiInput<C>) => {
      const r = await env.core.call('bench', channel, input);
      if (r.ok !== true) throw new Error(`${channel} failed: ${JSON.stringify(r)}`);
      return r.value as ApiResult<C>;
    };
    const counts = env.core.services.ledger
      .handle()
      .prepare(`SELECT (SELECT count(*) FROM residents) AS residents, (SELECT count(*) FROM households) AS households, (SELECT count(*) FROM cases) AS cases`)
      .get() as { residents: number; households: number; cases: number };
    env.log(`  caseload ledger: ${counts.residents} residents, ${counts.households} households, ${counts.cases} cases`);
    const community = (await call('org.communities.list', {}))[0]!;
    const page =
      (filter: ApiInput<'cases.list'>['filter'], sort: ApiInput<'cases.list'>['sort'], offset = 0) =>
      () =>
        call('cases.list', { filter, sort, offset, limit: 100 });
    const rows: BenchRow[] = [];
    const time = async (name: string, target: number | null, fn: () => unknown) => {
      await fn(); // warm the statement cache, as a second click would
      rows.push({ name, value: await medianMs(15, fn), unit: 'ms', target });
    };
    await time(
      'cases.list: community + category filter, sorted by 登记日期, 100 rows',
      10,
      page({ communityId: community.id, category: 'home_observation' }, [{ field: 'openedOn', dir: 'desc' }]),
    );
    await time('cases.list: status filter, sorted by 姓名, 100 rows', 10, page({ status: 'observing' }, [{ field: 'name', dir: 'asc' }]));
    await time('cases.list: no filter, sorted by 办结期限, page at offset 10,000', 10, page(undefined, [{ field: 'dueOn', dir: 'asc' }], 10_000));
    await time('cases.list: search by last 4 ID digits', 10, page({ q: '1234' }, undefined));
    await time('cases.list: overdue observations only', 10, page({ overdue: true }, [{ field: 'openedOn', dir: 'desc' }]));
    await time('today.list (whole office)', 50, () => call('today.list', { limit: 300 }));
    await time('coverage.summary (whole office)', 100, () => call('coverage.summary', {}));
    const t = await call('today.list', { limit: 300 });
    env.log(
      `  today: ${Object.entries(t.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    return rows;
  },
};
