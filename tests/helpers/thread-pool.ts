/**
 * Ordering, not timing, for tests of work moved off the core thread: every thread of libuv's pool is given a
 * read-open of a FIFO, which blocks until a writer comes, so a scrypt run queued after it cannot start until `release`.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Holds every thread of libuv's pool until `release`: work queued after this (a scrypt run) waits. */
export function holdThreadPool(): { release: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-pool-'));
  const size = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  const fifos = Array.from({ length: size }, (_, i) => join(dir, `fifo-${i}`));
  for (const f of fifos) execFileSync('mkfifo', [f]);
  const readers = fifos.map((f) => open(f, 'r'));
  return {
    async release() {
      for (const f of fifos) {
        // Non-blocking: ENXIO until that reader's open is under way on a pool thread.
        for (;;) {
          try {
            closeSync(openSync(f, constants.O_WRONLY | constants.O_NONBLOCK));
            break;
          } catch {
            await new Promise((r) => setImmediate(r));
          }
        }
      }
      for (const h of await Promise.all(readers)) await h.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
