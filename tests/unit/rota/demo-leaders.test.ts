/**
 * The demo office's printed roster names a 带班领导 on every day of its fortnight, in every community. Before (session
 * 49's demo) each community had one leader, who rested about half the days (02-18 to 02-20 among them, built on the
 * 17th): the roster hid nobody, the line was empty because nobody leading was on duty. Now two leaders each take
 * 社区带班 (a post only they can take) in turn (rota/demo.ts). Both clocks the tests build the demo on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettableClock } from '../../../electron/core/clock';
import { Core } from '../../../electron/core/core';
import { buildDemoLedger, DEMO_USERS } from '../../../electron/core/demo/build-demo';
import type { Roster } from '../../../electron/core/rota/report-types.shared';
import { TEST_KDF } from '../../helpers/ledger';

async function demoRoster(now: string): Promise<Roster> {
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-demo-leaders-'));
  const clock = new SettableClock();
  clock.set(now);
  const core = new Core({ dataDir: dir, clock, kdf: TEST_KDF, failureDelayBaseMs: 5 });
  try {
    await buildDemoLedger(core, { residents: 50 });
    expect((await core.call('admin', 'auth.unlock', { username: 'admin', password: DEMO_USERS[0].password })).ok).toBe(true);
    const span = core.services.ledger.handle().prepare(`SELECT min(day) AS a, max(day) AS b FROM rota_assignments`).get() as { a: string; b: string };
    const r = await core.call('admin', 'rota.roster', { from: span.a, to: span.b });
    if (r.ok !== true) throw new Error(JSON.stringify(r));
    return r.value as Roster;
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the demo roster’s 带班领导', () => {
  for (const now of ['2020-02-17T02:00:00.000Z', '2020-03-01T02:00:00.000Z'])
    it(`names one on every day in every community (demo built ${now.slice(0, 10)})`, async () => {
      const roster = await demoRoster(now);
      expect(roster.communities.length).toBeGreaterThan(1);
      const missing = roster.communities.flatMap((c) => c.days.filter((d) => !c.leaders[d]).map((d) => `${c.communityName} ${d}`));
      expect(missing).toEqual([]);
      expect(roster.communities[0]!.days).toHaveLength(14);
    }, 180_000);
});
