/**
 * A test ledger made by the test in folders of its own, brought to the state the screen under test meets (through
 * the core, then offline or by a second start), and the preview opened on those folders: for every attempt, the
 * folders removed after it. Five e2e files made the same folders, closed the same ledger and removed the same
 * folders by hand; a stopped rotation also needs the program's own folder (`withAppDir`: the retired-key note and the
 * unlock throttle live there, and the next start must find them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { appForEachAttempt, type AttemptApp } from './attempt';
import { openApp } from './preview';

export interface PreparedFolders {
  readonly dataDir: string;
  /** The program's own folder, with `withAppDir`. */
  readonly appDir?: string;
}

export interface Preparation {
  /** Through the core, the test ledger open and its coordinator signed in. */
  withLedger?: (t: TestLedger, folders: PreparedFolders) => Promise<void>;
  /** After the ledger is closed: what someone does to the files offline, or a second start. */
  thenClosed?: (folders: PreparedFolders) => Promise<void> | void;
  withAppDir?: boolean;
  office?: string;
}

export function preparedLedgerForEachAttempt(preparation: Preparation): AttemptApp {
  return appForEachAttempt(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'taizhang-e2e-ledger-'));
    const appDir = preparation.withAppDir ? mkdtempSync(join(tmpdir(), 'taizhang-e2e-app-')) : undefined;
    const folders: PreparedFolders = appDir ? { dataDir, appDir } : { dataDir };
    const cleanup = () => {
      for (const dir of [dataDir, appDir]) if (dir) rmSync(dir, { recursive: true, force: true });
    };
    try {
      const t = await openTestLedger({ dir: dataDir, office: preparation.office ?? '红旗街道办事处', ...(appDir ? { core: { appDir } } : {}) });
      try {
        await preparation.withLedger?.(t, folders);
      } finally {
        t.close();
      }
      await preparation.thenClosed?.(folders);
      return { ...(await openApp(folders)), cleanup };
    } catch (e) {
      cleanup();
      throw e;
    }
  });
}
