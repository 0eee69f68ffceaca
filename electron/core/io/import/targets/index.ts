import type { TargetId } from '../fields.shared';
import { casesTarget } from './cases';
import { healthChecksTarget } from './health-checks';
import { residentsTarget } from './residents';
import { screeningsTarget } from './screenings';
import { staffTarget } from './staff';
import { stockCountsTarget } from './stock-counts';
import type { AnyTarget } from './types';

export const IMPORT_TARGETS: Record<TargetId, AnyTarget> = {
  residents: residentsTarget as unknown as AnyTarget,
  staff: staffTarget as unknown as AnyTarget,
  cases: casesTarget as unknown as AnyTarget,
  health_checks: healthChecksTarget as unknown as AnyTarget,
  stock_counts: stockCountsTarget as unknown as AnyTarget,
  screenings: screeningsTarget as unknown as AnyTarget,
};
