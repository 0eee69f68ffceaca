/** Shared by the hostile-input property tests: a call must answer, and a refusal must be a typed error in Chinese. */
import { expect } from 'vitest';
import type { DispatchResult } from '../../../electron/core/router';

const HAN = /[\u4e00-\u9fff]/;

/** Passes when the call succeeded or was refused with a typed, non-INTERNAL error whose message is Chinese. */
export function expectAnsweredOrTypedRefusal(r: DispatchResult, what: string): void {
  if (r.ok === true) return;
  if (r.ok !== false) throw new Error(`${what}: unexpected shell answer`);
  expect(r.error.code, `${what}: ${r.error.message}`).not.toBe('INTERNAL');
  expect(r.error.message, what).toMatch(HAN);
}

/** Refusals only: the call must fail with a typed error. */
export function expectTypedRefusal(r: DispatchResult, what: string): string {
  expect(r.ok, what).toBe(false);
  expectAnsweredOrTypedRefusal(r, what);
  return r.ok === false ? r.error.message : '';
}
