import type { HandlersOf } from '../../handler-types';
import { importContract } from './contract';

export const importHandlers: HandlersOf<typeof importContract> = {};
