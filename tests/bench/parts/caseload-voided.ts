/**
 * Voided cases at scale (作废登记, migration 070): the caseload's figures with 2,000 cases voided among the demo's,
 * so liveCase's condition (not among the voided ids, partial index cases_voided) does work, beside the same calls
 * measured in this run just before the voiding. The cases are voided through cases.void, spread over the ledger by
 * id, and restored (撤销作废) after, so the parts that run later see the demo ledger as it was.
 */
import type { ApiInput, ApiResult, Channel } from '../../../electron/core/api';
import { medianMs, type BenchEnv, type BenchRow } from '../types';

type Call = <C extends Channel>(channel: C, input: ApiInput<C>) => Promise<ApiResult<C>>;

const VOIDED = 2_000;

export async function voidedCasesBench(env: BenchEnv, call: Call, communityId: number): Promise<BenchRow[]> {
  const calls: Array<[string, number, () => Promise<unknown>]> = [
    [
      'cases.list: community + category filter, sorted by 登记日期, 100 rows',
      10,
      () => call('cases.list', { filter: { communityId, category: 'home_observation' }, sort: [{ field: 'openedOn', dir: 'desc' }], limit: 100 }),
    ],
    [
      'cases.list: overdue observations only',
      10,
      () => call('cases.list', { filter: { overdue: true }, sort: [{ field: 'openedOn', dir: 'desc' }], limit: 100 }),
    ],
    ['today.list: whole office, counts + first page of each kind (今日随访)', 50, () => call('today.list', { limit: 8 })],
    ['coverage.summary (whole office)', 100, () => call('coverage.summary', {})],
    ['dashboard.summary, whole office', 200, () => call('dashboard.summary', {})],
  ];
  const timed = async () => {
    const out: number[] = [];
    for (const [, , fn] of calls) {
      await fn(); // warm the statement cache, as a second click would
      out.push(await medianMs(15, fn));
    }
    return out;
  };
  const ids = env.core.services.ledger.handle().prepare(`SELECT id FROM cases WHERE voided_at IS NULL ORDER BY id`).pluck().all() as number[];
  const step = Math.max(1, Math.floor(ids.length / VOIDED));
  const chosen = ids.filter((_, i) => i % step === 0).slice(0, VOIDED);
  const before = await timed();
  const started = performance.now();
  for (const caseId of chosen) await call('cases.void', { caseId, kind: 'mistake', reason: '基准测试' });
  const voidMs = (performance.now() - started) / chosen.length;
  const after = await timed();
  env.log(`  voided ${chosen.length} of ${ids.length} cases (every ${step}th by id), ${voidMs.toFixed(2)} ms a cases.void`);
  for (const caseId of chosen) await call('cases.restore', { caseId, reason: '基准测试结束' });
  return [
    ...calls.map(([name, target], i) => ({
      name: `${name}, ${chosen.length} of ${ids.length} cases voided`,
      value: after[i]!,
      unit: 'ms' as const,
      target,
      baseline: { name: 'the same call, none voided (this run, just before)', value: before[i]! },
    })),
    { name: 'cases.void, one case (mean over the voiding)', value: voidMs, unit: 'ms', target: null },
  ];
}
