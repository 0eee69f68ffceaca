/**
 * The ledger folder and its files are readable by their owner only: 0700 for
 * folders, 0600 for files on Linux and macOS. (On Windows the ledger lives in
 * the user's own profile, %APPDATA%, which other accounts cannot read; chmod
 * there only toggles the read-only flag, so these calls change nothing.)
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const posix = process.platform !== 'win32';

/** Creates the folder (and missing parents) owner-only; an existing folder is tightened. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (posix) chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Tightens existing files made by older versions (0644) or by SQLite itself. Missing files are skipped. */
export function makePrivate(paths: readonly string[], mode = PRIVATE_FILE_MODE): void {
  if (!posix) return;
  for (const p of paths) {
    try {
      if (existsSync(p)) chmodSync(p, mode);
    } catch {
      // a file we do not own (shared folder): opening it still works, the owner must fix it
    }
  }
}
