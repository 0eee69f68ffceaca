/** Messages between the transport (Electron main or the preview server) and the core worker. */
import type { Channel, CoreEvent } from '../api';
import type { DispatchResult } from '../router';
import type { GrantRequest } from '../shell/contract';

export interface WorkerInit {
  dataDir: string;
  nativeBinding?: string;
  /** The app's own folder outside the ledger folder (CoreOptions.appDir). */
  appDir?: string;
  /** Lets tests move the clock (preview test mode only; never in the app). */
  testClock?: boolean;
  /** With testClock: the clock starts at this instant and runs on (TAIZHANG_TEST_NOW), so a test run can be put at any hour. */
  testNow?: string;
  /** With testClock: a failure a test stands for (TAIZHANG_TEST_FAULT; preview test mode only, never in the app). */
  testFault?: TestFault;
  /**
   * With testClock: slots made with the tests' cheap scrypt (db/slot-wrap.ts TEST_KDF; TAIZHANG_TEST_KDF=1), so a browser
   * test's setup and unlock cost milliseconds. Never in the app; a core without it refuses such a slot at unlock.
   */
  testKdf?: boolean;
}

/**
 * 'rotation-unfinished': the next key rotation's step after its switch that re-MACs the unlock throttle's file fails once,
 * as on a full disk (keys/after-switch.ts): the rotation stands and its reply says what was left undone, which the
 * renderer's RotationResult shows (tests/e2e/rotation-unfinished.e2e.ts).
 */
export const TEST_FAULTS = ['rotation-unfinished'] as const;
export type TestFault = (typeof TEST_FAULTS)[number];

export type ToWorker =
  | { type: 'call'; id: number; sessionId: string; channel: Channel; input: unknown }
  | { type: 'cancel'; id: number }
  /** The user chose a path (main's dialog, or typed in preview): check it, and unless `checkOnly` issue a handle. */
  | { type: 'grant'; id: number; sessionId: string; request: GrantRequest; checkOnly: boolean }
  | { type: 'clock'; action: 'set'; instant: string }
  | { type: 'clock'; action: 'advanceDays'; days: number }
  | { type: 'clock'; action: 'release' }
  | { type: 'shutdown' };

export type FromWorker =
  | { type: 'result'; id: number; result: DispatchResult }
  | { type: 'event'; sessionId: string | null; event: CoreEvent }
  | { type: 'ready' }
  | { type: 'closed' };
