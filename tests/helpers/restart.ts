/**
 * A test ledger and the program started again on its folders, as the next start after a stop, a crash or a tool's
 * offline edit finds them. Registers its own afterEach: the second core and the ledger closed, the folders removed,
 * in that order (the second core holds the same file).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Core, type CoreOptions } from '../../electron/core/core';
import { TEST_KDF, openTestLedger, type TestLedger } from './ledger';
import { removeFolder } from './stop-child';

export interface LedgerAndRestart {
  /** Opens the test ledger; with `withAppDir`, the program's own folder (the retired-key note, the throttle) is a temp folder of its own. */
  open(opts?: Parameters<typeof openTestLedger>[0]): Promise<TestLedger>;
  /** The program's own folder given to both cores ('' without `withAppDir`). */
  readonly appDir: string;
  /** A second core on the ledger's folders (and the app folder), with the ledger's clock; the previous one closed first. */
  restart(core?: Partial<CoreOptions>): Core;
}

export function ledgerAndRestart(opts: { withAppDir?: boolean } = {}): LedgerAndRestart {
  let ledger: TestLedger | null = null;
  let again: Core | null = null;
  let appDir = '';
  afterEach(() => {
    again?.close();
    again = null;
    ledger?.close();
    ledger = null;
    if (appDir) removeFolder(appDir);
    appDir = '';
  });
  return {
    async open(o = {}) {
      if (opts.withAppDir) appDir = mkdtempSync(join(tmpdir(), 'taizhang-app-'));
      ledger = await openTestLedger(appDir ? { ...o, core: { appDir, ...o.core } } : o);
      return ledger;
    },
    get appDir() {
      return appDir;
    },
    restart(core = {}) {
      if (!ledger) throw new Error('restart: open the ledger first');
      again?.close();
      again = new Core({ dataDir: ledger.dir, ...(appDir ? { appDir } : {}), clock: ledger.clock, kdf: TEST_KDF, failureDelayBaseMs: 5, ...core });
      return again;
    },
  };
}
