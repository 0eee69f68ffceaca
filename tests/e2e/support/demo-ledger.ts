/** A demo street office built in a temp folder with the clock at a fixed instant, for the preview to open. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettableClock } from '../../../electron/core/clock';
import { Core } from '../../../electron/core/core';
import { buildDemoLedger } from '../../../electron/core/demo/build-demo';

export async function buildDemoFolder(instant: string, residents: number): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'taizhang-e2e-demo-'));
  const clock = new SettableClock();
  clock.set(instant);
  const core = new Core({ dataDir, clock });
  await buildDemoLedger(core, { residents });
  core.close();
  return dataDir;
}
