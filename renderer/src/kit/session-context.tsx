/** Who is signed in, for every screen: their role decides what a screen offers (the core checks again). */
import { createContext, useContext } from 'react';
import type { SessionInfo } from '../../../electron/core/auth/types.shared';
import { roleAtLeast, type Role } from '../../../electron/core/contract';

export const SessionCtx = createContext<SessionInfo | null>(null);
/** Replaces the session the screens see with one the core just answered (a confirmation that changed the role: auth.confirmCoordinator). */
export const SessionUpdateCtx = createContext<(s: SessionInfo) => void>(() => undefined);

export function useSession(): SessionInfo {
  const s = useContext(SessionCtx);
  if (!s) throw new Error('useSession outside an unlocked ledger');
  return s;
}

export function useRoleAtLeast(need: Role): boolean {
  return roleAtLeast(useSession().user.role, need);
}
