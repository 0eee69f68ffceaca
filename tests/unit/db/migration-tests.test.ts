/**
 * Every migration has its own test (tests/unit/db/migration-NNN.test.ts) that
 * applies it to a ledger made by the version before it, holding data: a new
 * migration without one fails here.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index';
import { REPO } from '../../helpers/import-graph';

describe('migration tests', () => {
  it('exist for every migration', () => {
    const missing = MIGRATIONS.map((m) => `tests/unit/db/migration-${String(m.version).padStart(3, '0')}.test.ts`).filter((p) => !existsSync(join(REPO, p)));
    expect(missing).toEqual([]);
  });
});
