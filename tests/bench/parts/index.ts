/** Every area's benchmarks. A capability adds its part here when it lands. */
import type { BenchPart } from '../types';
import { foundationBench } from './foundation';

export const BENCH_PARTS: BenchPart[] = [foundationBench];
