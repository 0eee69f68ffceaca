import type { HandlersOf } from '../../handler-types';
import { backupContract } from './contract';

export const backupHandlers: HandlersOf<typeof backupContract> = {};
