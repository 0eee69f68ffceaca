import type { HandlersOf } from '../handler-types';
import { honoursContract } from './contract';

export const honoursHandlers: HandlersOf<typeof honoursContract> = {};
