import type { HandlersOf } from '../handler-types';
import { dashboardContract } from './contract';

export const dashboardHandlers: HandlersOf<typeof dashboardContract> = {};
