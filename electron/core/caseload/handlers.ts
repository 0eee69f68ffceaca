import type { HandlersOf } from '../handler-types';
import { caseloadContract } from './contract';

export const caseloadHandlers: HandlersOf<typeof caseloadContract> = {};
