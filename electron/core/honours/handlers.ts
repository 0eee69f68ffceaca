import type { HandlersOf } from '../handler-types';
import { careHandlers } from './care-handlers';
import { commendationHandlers } from './commendation-handlers';
import type { honoursContract } from './contract';
import { memorialHandlers } from './memorial-handlers';
// Side effect: puts overdue memorial reports and family follow-ups on 今日随访.
import './today-provider';

export const honoursHandlers: HandlersOf<typeof honoursContract> = { ...memorialHandlers, ...careHandlers, ...commendationHandlers };
