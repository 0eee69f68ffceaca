import { useEffect, useState } from 'react';
import type { MemorialDetail } from '../../../../electron/core/honours/contract';
import { call, errorMessage } from '../../api/client';

/**
 * Opens one memorial record. Opening is audited (a write on the core side),
 * so this loads once per id and never on the 'changed' events other writes
 * send; edits hand back the fresh record, which replaces it here.
 */
export function useMemorial(id: number | null): { detail: MemorialDetail | null; setDetail: (d: MemorialDetail) => void; error: string | null } {
  const [detail, setDetail] = useState<MemorialDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDetail(null);
    setError(null);
    if (id === null) return;
    let alive = true;
    call('honours.memorials.get', { id })
      .then((d) => alive && setDetail(d))
      .catch((e: unknown) => alive && setError(errorMessage(e)));
    return () => {
      alive = false;
    };
  }, [id]);
  return { detail, setDetail, error };
}
