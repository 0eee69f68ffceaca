import type { HandlersOf } from '../handler-types';
import { suppliesContract } from './contract';

export const suppliesHandlers: HandlersOf<typeof suppliesContract> = {};
