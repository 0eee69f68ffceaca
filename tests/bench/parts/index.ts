/** Every area's benchmarks. A capability adds its part here when it lands. */
import type { BenchPart } from '../types';
import { caseloadBench } from './caseload';
import { dashboardBench } from './dashboard';
import { exportBench } from './export';
import { foundationBench } from './foundation';
import { honoursBench } from './honours';
import { importBench } from './import';
import { keysBench } from './keys';
import { rotaBench } from './rota';
import { rotaThreadBench } from './rota-thread';
import { screenBench } from './screen';
import { signinBench } from './signin';
import { suppliesBench } from './supplies';

// export runs early so its memory high-water mark is its own and the demo's, not the imports';
// the imports run last (they add 200,000 residents and the most memory).
export const BENCH_PARTS: BenchPart[] = [
  foundationBench,
  exportBench,
  caseloadBench,
  suppliesBench,
  honoursBench,
  rotaBench,
  rotaThreadBench,
  dashboardBench,
  screenBench,
  keysBench,
  signinBench,
  importBench,
];
