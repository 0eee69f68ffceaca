import { useEffect, useState } from 'react';
import type { Channel } from '../../../electron/core/api';
import { onCoreEvent } from '../api/client';

/** The latest progress of a long task (import, export, backup, rota generation) as 「阶段（12/40）」. */
export function useTaskProgress(channel: Channel): string | null {
  const [phase, setPhase] = useState<string | null>(null);
  useEffect(() => onCoreEvent((e) => e.type === 'progress' && e.channel === channel && setPhase(`${e.phase}（${e.done}/${e.total}）`)), [channel]);
  return phase;
}
