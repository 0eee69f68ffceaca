import { createContext, useContext } from 'react';
import type { SessionInfo } from '../../../electron/core/auth/contract';

export const SessionCtx = createContext<SessionInfo | null>(null);
export function useSession(): SessionInfo {
  const s = useContext(SessionCtx);
  if (!s) throw new Error('useSession outside an unlocked ledger');
  return s;
}
