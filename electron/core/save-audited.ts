/**
 * The save of a settings-like record (a community, a grid, a supply item): a new one when no id is given, else the one
 * with that id changed; either way audited with the record as read back after the write (and before it, on a change).
 * One place for it, so the three saves cannot drift apart in what they audit or how a missing id is refused.
 */
import { notFound } from './errors';
import type { AuditInput } from './handler-types';

export interface SaveSteps<R> {
  insert: () => number;
  update: (id: number) => void;
  get: (id: number) => R | undefined;
}

/** `what` names the record in the NOT_FOUND message (「这个社区」). */
export function saveAudited<R>(ctx: { audit(entry: AuditInput): void }, entity: string, id: number | undefined, what: string, steps: SaveSteps<R>): R {
  if (id === undefined) {
    const made = steps.insert();
    const after = steps.get(made)!;
    ctx.audit({ entity, entityId: made, after });
    return after;
  }
  const before = steps.get(id);
  if (!before) throw notFound(what);
  steps.update(id);
  const after = steps.get(id)!;
  ctx.audit({ entity, entityId: id, before, after });
  return after;
}
