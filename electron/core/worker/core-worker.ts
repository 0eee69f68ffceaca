/**
 * The core's thread. The database and every handler live here, in the app
 * and in preview alike, so a long import never freezes a window.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SettableClock } from '../clock';
import { Core } from '../core';
import { TEST_KDF } from '../db/slot-wrap';
import { sweepIdleSessions } from '../router';
import type { FromWorker, ToWorker, WorkerInit } from './protocol';
import { rotaPlannerPathBeside } from './thread-files';

const init = workerData as WorkerInit;
const port = parentPort!;
const post = (m: FromWorker): void => port.postMessage(m);
const clock = new SettableClock();
const startClock = (): void => (init.testClock && init.testNow ? clock.startAt(init.testNow) : clock.release());
startClock();
const core = new Core({
  dataDir: init.dataDir,
  clock,
  emit: (sessionId, event) => post({ type: 'event', sessionId, event }),
  ...(init.nativeBinding ? { nativeBinding: init.nativeBinding } : {}),
  ...(init.appDir ? { appDir: init.appDir } : {}),
  // Built beside this file (scripts/build.mjs) and shipped unpacked beside the app's archive (electron-builder.yml,
  // thread-files.ts): 自动排班 plans there.
  rotaPlannerPath: rotaPlannerPathBeside(__dirname),
  // Preview test mode only (main-preview.ts refuses TAIZHANG_TEST_KDF without it; the app sets neither).
  ...(init.testClock && init.testKdf === true ? { kdf: TEST_KDF } : {}),
});
const running = new Map<number, AbortController>();

// Preview test mode only (main-preview.ts refuses TAIZHANG_TEST_FAULT without it; the app never sets either).
if (init.testClock && init.testFault === 'rotation-unfinished') {
  const throttle = core.services.throttle;
  const remac = throttle.remac.bind(throttle);
  let failed = false;
  throttle.remac = (oldKey, newKey) => {
    if (failed) return remac(oldKey, newKey);
    failed = true;
    throw new Error('ENOSPC: no space left on device (TAIZHANG_TEST_FAULT)');
  };
}

const sweep = setInterval(() => {
  sweepIdleSessions(core.services);
  // A ledger left unlocked overnight still gets its daily backup.
  const coordinator = core.services.sessions.all().find((s) => s.role === 'coordinator');
  if (coordinator && ++sweeps % 120 === 0) void core.call(coordinator.sessionId, 'backup.runDue', {});
}, 30_000);
let sweeps = 0;
sweep.unref();

port.on('message', (msg: ToWorker) => {
  switch (msg.type) {
    case 'call': {
      const abort = new AbortController();
      running.set(msg.id, abort);
      void core
        .call(msg.sessionId, msg.channel, msg.input, { signal: abort.signal, log: (e) => console.error('[core]', msg.channel, e) })
        .then((result) => {
          post({ type: 'result', id: msg.id, result });
          // The daily automatic backup: checked whenever a coordinator unlocks (the channel itself
          // decides whether one is due today and refuses other roles).
          if (msg.channel === 'auth.unlock' && result.ok === true) void core.call(msg.sessionId, 'backup.runDue', {});
        })
        .finally(() => running.delete(msg.id));
      return;
    }
    case 'grant':
      post({ type: 'result', id: msg.id, result: core.choose(msg.sessionId, msg.request, msg.checkOnly) });
      return;
    case 'cancel':
      running.get(msg.id)?.abort();
      return;
    case 'clock':
      if (!init.testClock) return;
      if (msg.action === 'set') clock.set(msg.instant);
      else if (msg.action === 'advanceDays') clock.advanceDays(msg.days);
      else startClock();
      return;
    case 'shutdown':
      clearInterval(sweep);
      core.close();
      post({ type: 'closed' });
      port.close();
      return;
    default: {
      const never: never = msg;
      console.error('[core] unknown message', never);
    }
  }
});

post({ type: 'ready' });
