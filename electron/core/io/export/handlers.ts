import type { HandlersOf } from '../../handler-types';
import { exportContract } from './contract';

export const exportHandlers: HandlersOf<typeof exportContract> = {};
