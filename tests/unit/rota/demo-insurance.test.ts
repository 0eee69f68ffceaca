/**
 * rota/demo.ts: the demo's 专属保险 cover holds on the day the demo is built. It was fixed to 2020-02-01…2020-12-31, so
 * a demo built in 2026 listed every insured worker under 「无保险或已过期」 (found by w57-screens' walk). Red before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SettableClock } from '../../../electron/core/clock';
import { Core } from '../../../electron/core/core';
import { buildDemoLedger, DEMO_USERS } from '../../../electron/core/demo/build-demo';
import type { InsuranceGaps } from '../../../electron/core/rota/types.shared';
import { TEST_KDF } from '../../helpers/ledger';

const dir = mkdtempSync(join(tmpdir(), 'taizhang-demo-insurance-'));
let core: Core | undefined;
afterAll(() => {
  core?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo office’s 专属保险', () => {
  it('built on 2026-12-05: every insured worker covered that day, only the uninsured listed as without cover', async () => {
    const clock = new SettableClock();
    clock.set('2026-12-05T02:00:00.000Z');
    core = new Core({ dataDir: dir, clock, kdf: TEST_KDF, failureDelayBaseMs: 5 });
    await buildDemoLedger(core, { residents: 200 });
    expect((await core.call('admin', 'auth.unlock', { username: 'admin', password: DEMO_USERS[0].password })).ok).toBe(true);
    const today = clock.today();
    expect(today).toBe('2026-12-05');
    // Counted from the rows: the insured and uninsured among the active staff, and each insured one's cover that day.
    const rows = core.services.ledger
      .handle()
      .prepare(`SELECT insurer, insurance_from AS f, insurance_to AS t FROM staff WHERE status = 'active'`)
      .all() as Array<{ insurer: string | null; f: string | null; t: string | null }>;
    const insured = rows.filter((r) => r.insurer !== null);
    expect(insured.length).toBeGreaterThan(0);
    for (const r of insured.filter((x) => x.t !== null)) expect(r.f! <= today && today <= r.t!, `${r.f}…${r.t}`).toBe(true);
    const r = await core.call('admin', 'rota.staff.insurance', { withinDays: 14 });
    expect(r.ok).toBe(true);
    const gaps = (r as { value: InsuranceGaps }).value;
    expect(gaps.missing.length).toBe(rows.length - insured.length);
    // A year's cover: whoever ends within 14 days began about a year before.
    for (const l of gaps.ending) expect(l.insuranceTo! >= today).toBe(true);
  }, 120_000);
});
