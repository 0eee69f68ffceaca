/**
 * The demo street office, area by area. Each capability adds its seed to
 * this list when it lands.
 */
import { seedOrgDemo } from '../org/demo';
import { seedSuppliesDemo } from '../supplies/demo';
import { seedHonoursDemo } from '../honours/demo';
import { seedCaseloadDemo } from '../caseload/demo';
import { seedRotaDemo } from '../rota/demo';
import type { DemoSeed } from '../demo-kit/types';

export const DEMO_SEEDS: Array<{ area: string; seed: DemoSeed }> = [
  { area: 'org', seed: seedOrgDemo },
  { area: 'caseload', seed: seedCaseloadDemo },
  { area: 'supplies', seed: seedSuppliesDemo },
  { area: 'honours', seed: seedHonoursDemo },
  { area: 'rota', seed: seedRotaDemo },
];
