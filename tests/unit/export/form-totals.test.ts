/**
 * The 合计 row of every built-in form that adds up its own rows, on the demo street office: each numeric column's
 * total is the sum of the rows above it, as the district adds it up on paper. A total that disagreed would be
 * re-keyed by hand at the district, the very work the forms are there to save.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettableClock } from '../../../electron/core/clock';
import { Core } from '../../../electron/core/core';
import { buildDemoLedger } from '../../../electron/core/demo/build-demo';
import { memorialCommendationsForm } from '../../../electron/core/io/export/forms/memorial-commendations';
import { FORMS } from '../../../electron/core/io/export/forms/registry';
import { isTotalRow } from '../../../electron/core/io/export/forms/types';
import { TEST_KDF } from '../../helpers/ledger';

describe('the 合计 rows of the built-in forms on the demo ledger', () => {
  let dir: string;
  let core: Core;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'form-totals-'));
    const clock = new SettableClock();
    clock.set('2020-02-17T02:00:00.000Z');
    core = new Core({ dataDir: dir, clock, kdf: TEST_KDF, failureDelayBaseMs: 5 });
    await buildDemoLedger(core, { residents: 300 });
    const unlock = await core.call('totals', 'auth.unlock', { username: 'admin', password: 'taizhang2020' });
    expect(unlock.ok).toBe(true);
  });
  afterAll(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('each numeric column of a 合计 row is the sum of the rows above it', () => {
    const db = core.services.ledger.handle();
    const period = { from: '2020-02-10', to: '2020-02-16' };
    const checked: string[] = [];
    // The memorial records open only under the coordinator's sealer; that form lists people and has no 合计 row.
    for (const form of FORMS.filter((f) => f.id !== memorialCommendationsForm.id)) {
      const rows = form.read(db, period, null);
      const totals = rows.filter((r) => isTotalRow(form, r));
      if (totals.length === 0) continue;
      expect(totals, form.title).toHaveLength(1);
      expect(isTotalRow(form, rows.at(-1)!), `${form.title}：合计在最后一行`).toBe(true);
      const body = rows.slice(0, -1);
      expect(body.length, form.title).toBeGreaterThan(0);
      for (const c of form.columns.filter((x) => x.kind === 'number')) {
        const sum = body.reduce((n, r) => n + Number(r[c.key] ?? 0), 0);
        expect(Number(totals[0]![c.key] ?? 0), `${form.title}「${c.header}」`).toBeCloseTo(sum, 2);
      }
      checked.push(form.title);
    }
    expect(checked.length).toBeGreaterThanOrEqual(2);
  });
});
