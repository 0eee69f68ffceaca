import type { Clock } from '../clock';
import type { WriteDb } from '../db/types';
import type { Rng } from './random';
import type { Sealer } from '../db/sealer';

export interface DemoOptions {
  /** Residents to create (the caseload scales households and cases from it). */
  residents: number;
  rng: Rng;
  clock: Clock;
  /** Seals personal values as the areas' writers do (the demo builder runs as the coordinator, who holds the sensitive key). */
  sealer: Sealer;
  /** Progress for long seeds. */
  log: (line: string) => void;
}

/** Each area seeds its own demo data; runs inside one transaction per area with one audit row. */
export type DemoSeed = (db: WriteDb, opts: DemoOptions) => void;
