/**
 * A small street office's ledger made through the real core (export/fixture seedSmallOffice, then whatever `then`
 * adds at the clock `now`), served by the preview with a USB stick 「KINGSTON」 among its drives.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { seedSmallOffice } from '../../unit/export/fixture';
import type { AttemptApp } from './attempt';
import { launchBrowser, newPage, startPreview } from './preview';

export async function officeWithStick(opts: { now?: string; then?: (t: TestLedger) => Promise<void> } = {}): Promise<AttemptApp & { media: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'taizhang-e2e-export-'));
  const t = await openTestLedger({ dir: dataDir, ...(opts.now ? { now: opts.now } : {}) });
  seedSmallOffice(t);
  await opts.then?.(t);
  t.close();
  const media = mkdtempSync(join(tmpdir(), 'taizhang-media-'));
  mkdirSync(join(media, 'KINGSTON'));
  const preview = await startPreview({ dataDir, env: { TAIZHANG_DRIVE_ROOTS: media } });
  const browser = await launchBrowser();
  const cleanup = () => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(media, { recursive: true, force: true });
  };
  return { preview, browser, page: await newPage(browser), cleanup, media };
}
