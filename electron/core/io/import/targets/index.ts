import type { TargetId } from '../fields';
import { residentsTarget } from './residents';
import { staffTarget } from './staff';
import type { AnyTarget } from './types';

export const IMPORT_TARGETS: Record<TargetId, AnyTarget> = {
  residents: residentsTarget as unknown as AnyTarget,
  staff: staffTarget as unknown as AnyTarget,
};
