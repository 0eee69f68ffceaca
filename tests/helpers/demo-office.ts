/**
 * The demo street office in a temp folder, as the security scans use it: a
 * core on a clock set to 2020-03-01 (the demo's days), the test KDF and short
 * unlock delays, filled by the demo builder. Nobody is unlocked afterwards.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettableClock } from '../../electron/core/clock';
import { Core } from '../../electron/core/core';
import { buildDemoLedger } from '../../electron/core/demo/build-demo';
import { TEST_KDF } from './ledger';

export async function demoOfficeInTempDir(prefix: string, residents: number): Promise<{ dir: string; core: Core }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const clock = new SettableClock();
  clock.set('2020-03-01T02:00:00.000Z');
  const core = new Core({ dataDir: dir, clock, kdf: TEST_KDF, failureDelayBaseMs: 5 });
  await buildDemoLedger(core, { residents });
  return { dir, core };
}
