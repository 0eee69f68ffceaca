/** Events the core pushes to the renderer (progress of long jobs, "data changed", "you were locked"). */
export type CoreEvent =
  | { type: 'changed'; channel: string }
  | { type: 'progress'; channel: string; phase: string; done: number; total: number }
  | { type: 'locked'; reason: 'idle' | 'manual' | 'user-disabled' };

export type EventSink = (sessionId: string | null, event: CoreEvent) => void;
