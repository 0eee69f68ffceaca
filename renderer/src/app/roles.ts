import type { Role } from '../../../electron/core/contract';

const ORDER: Role[] = ['viewer', 'clerk', 'coordinator'];
export const roleAtLeast = (have: Role, need: Role): boolean => ORDER.indexOf(have) >= ORDER.indexOf(need);
export const ROLE_NAMES: Record<Role, string> = { viewer: '只读查看', clerk: '录入员', coordinator: '统筹负责人' };
