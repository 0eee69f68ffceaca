import type { HandlersOf } from '../handler-types';
import { careHandlers } from './care-handlers';
import { commendationHandlers } from './commendation-handlers';
import type { honoursContract } from './contract';
import { memorialHandlers } from './memorial-handlers';

export const honoursHandlers: HandlersOf<typeof honoursContract> = { ...memorialHandlers, ...careHandlers, ...commendationHandlers };
