import type { HandlersOf } from '../handler-types';
import { rotaContract } from './contract';

export const rotaHandlers: HandlersOf<typeof rotaContract> = {};
