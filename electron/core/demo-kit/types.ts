import type { Clock } from '../clock';
import type { WriteDb } from '../db/types';
import type { Sealer } from '../keys/sealer';
import type { Rng } from './random';

export interface DemoOptions {
  /** Residents to create (the caseload scales households and cases from it). */
  residents: number;
  rng: Rng;
  clock: Clock;
  /** Progress for long seeds. */
  log: (line: string) => void;
  /** Seals personal numbers as the areas' writers do (the builder holds the coordinator's sensitive key). */
  sealer: Sealer;
}

/** Each area seeds its own demo data; runs inside one transaction per area with one audit row. */
export type DemoSeed = (db: WriteDb, opts: DemoOptions) => void;
