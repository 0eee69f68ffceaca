import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A retried e2e test must not inherit the first attempt's ledger and preview
 * (it then fails with a misleading 首次使用 timeout): every e2e file starts its
 * app through appForEachAttempt (tests/e2e/support/attempt.ts), or demoLedgerForEachAttempt
 * or preparedLedgerForEachAttempt built on it, never in beforeAll.
 */
describe('e2e files start a fresh app for every attempt', () => {
  const dir = join('tests', 'e2e');
  const files = readdirSync(dir).filter((f) => f.endsWith('.e2e.ts'));

  it.each(files)('%s', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text, 'beforeAll would share one app across retries: use appForEachAttempt').not.toMatch(/\bbeforeAll\s*\(/);
    // demoLedgerForEachAttempt (support/demo-ledger.ts) and preparedLedgerForEachAttempt (support/prepared-ledger.ts) are
    // appForEachAttempt with a demo ledger or a test ledger made by the test.
    expect(text).toMatch(/\b(appForEachAttempt|demoLedgerForEachAttempt|preparedLedgerForEachAttempt)\(/);
  });
});
