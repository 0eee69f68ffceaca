/**
 * What the crash drills interrupt. Each operation runs in the child (until
 * SIGKILL) and has a check that the parent runs on the reopened ledger.
 * Capabilities add theirs here: an import commit, an export, a backup, a
 * rota generation.
 */
import type { Core } from '../../electron/core/core';
import type { ReadDb } from '../../electron/core/db/types';

export interface DrillOperation {
  /** Prepares the ledger before the first kill (in the parent, unlocked as admin). */
  prepare?: (core: Core, dir: string) => Promise<void>;
  /** Runs in the child, round after round, until killed. */
  run: (core: Core, round: number) => Promise<void>;
  /** Runs in the parent on the reopened ledger; throws when the invariant does not hold. */
  check: (db: ReadDb, dir: string) => void;
}

async function ok(p: Promise<{ ok: unknown }>): Promise<void> {
  const r = await p;
  if (r.ok !== true) throw new Error(JSON.stringify(r));
}

export const DRILL_OPERATIONS: Record<string, DrillOperation> = {
  /** Audited writes back to back: every change must have its audit row, and no audit row may lack its change. */
  'org-writes': {
    run: async (core, round) => {
      for (let i = 0; i < 50; i++) await ok(core.call('drill', 'org.communities.save', { name: `社区-${process.pid}-${round}-${i}`, households: i }));
    },
    check: (db) => {
      const communities = (db.prepare('SELECT count(*) AS n FROM communities').get() as { n: number }).n;
      const audited = (db.prepare(`SELECT count(*) AS n FROM audit_log WHERE channel = 'org.communities.save'`).get() as { n: number }).n;
      if (communities !== audited) throw new Error(`${communities} communities but ${audited} audit rows`);
    },
  },
};
