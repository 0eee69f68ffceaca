import { medianMs, type BenchPart } from '../types';

/** 工作台: every tile and chart in one dashboard.summary call, for the office and for one community. */
export const dashboardBench: BenchPart = {
  area: 'dashboard',
  async run(env) {
    const call = async (input: unknown) => {
      const r = await env.core.call('bench', 'dashboard.summary', input);
      if (r.ok !== true) throw new Error(`dashboard.summary failed: ${JSON.stringify(r)}`);
      return r.value as { communities: Array<{ id: number }>; caseload: { casesByCategory: { bars: Array<{ total: number }> } } | null };
    };
    const first = await call({});
    const cases = first.caseload?.casesByCategory.bars.reduce((s, b) => s + b.total, 0) ?? 0;
    const office = await medianMs(9, () => call({}));
    const communityId = first.communities[0]?.id;
    const one = communityId === undefined ? 0 : await medianMs(9, () => call({ communityId }));
    return [
      { name: `dashboard.summary, whole office (${first.communities.length} communities, ${cases} active cases)`, value: office, unit: 'ms', target: 200 },
      { name: 'dashboard.summary, one community', value: one, unit: 'ms', target: 200 },
    ];
  },
};
