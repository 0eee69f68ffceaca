import { useCallback, useEffect, useState } from 'react';
import type { ApiInput, ApiResult, Channel } from '../../../electron/core/api';
import { call, errorMessage, onCoreEvent } from './client';

/** Loads a read channel, reloads when the core reports a change. */
export function useQuery<C extends Channel>(
  channel: C,
  input: ApiInput<C>,
  deps: unknown[] = [],
): { data: ApiResult<C> | undefined; error: string | null; reload: () => void; loading: boolean } {
  const [data, setData] = useState<ApiResult<C>>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    let alive = true;
    setLoading(true);
    call(channel, input)
      .then((v) => alive && (setData(v), setError(null)))
      .catch((e: unknown) => alive && setError(errorMessage(e)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [channel, tick, ...deps]);
  useEffect(() => onCoreEvent((e) => e.type === 'changed' && reload()), [reload]);
  return { data, error, reload, loading };
}
