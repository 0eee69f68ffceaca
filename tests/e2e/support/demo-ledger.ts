/**
 * A demo street office built in a temp folder with the clock at a fixed instant, for the preview to open. Its key
 * slots are made with the tests' scrypt parameters (TEST_KDF, as every test ledger's): no e2e test is about the
 * KDF's cost, and the default's made each build and each sign-in on it 0.5–2 s longer on this loaded machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettableClock } from '../../../electron/core/clock';
import { Core } from '../../../electron/core/core';
import { buildDemoLedger } from '../../../electron/core/demo/build-demo';
import { TEST_KDF } from '../../helpers/ledger';
import { appForEachAttempt } from './attempt';
import { openApp } from './preview';

export async function buildDemoFolder(instant: string, residents: number): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'taizhang-e2e-demo-'));
  const clock = new SettableClock();
  clock.set(instant);
  const core = new Core({ dataDir, clock, kdf: TEST_KDF });
  await buildDemoLedger(core, { residents });
  core.close();
  return dataDir;
}

/**
 * A fresh demo ledger of `residents` for every attempt, its page at `screen` on the unlock screen
 * with the core's clock at `instant`: the test unlocks as whom it needs.
 */
export function demoLedgerForEachAttempt(instant: string, residents: number, screen: { width: number; height: number }) {
  return appForEachAttempt(
    async () => {
      const dataDir = await buildDemoFolder(instant, residents);
      return { ...(await openApp({ dataDir })), cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
    },
    async ({ preview, page }) => {
      await page.setViewportSize(screen);
      await preview.setClock({ instant });
      await page.goto(preview.url);
    },
  );
}
