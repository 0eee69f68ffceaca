/** Every area's benchmarks. A capability adds its part here when it lands. */
import type { BenchPart } from '../types';
import { caseloadBench } from './caseload';
import { dashboardBench } from './dashboard';
import { exportBench } from './export';
import { foundationBench } from './foundation';
import { honoursBench } from './honours';
import { importBench } from './import';
import { rotaBench } from './rota';
import { suppliesBench } from './supplies';

// export runs last: it tops the ledger up to 20,000 cases when the caseload seed made fewer.
export const BENCH_PARTS: BenchPart[] = [foundationBench, caseloadBench, suppliesBench, honoursBench, rotaBench, dashboardBench, importBench, exportBench];
