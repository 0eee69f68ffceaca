/**
 * The applications after a death (工伤认定, 烈士评定 where applicable, 抚恤): the
 * office tracks where each stands and records the outcome as decided by the
 * body concerned, never one of its own. A step nobody has touched reads 未办理.
 */
import type { ReadDb, WriteDb } from '../db/types';
import { badInput } from '../errors';
import type { AuditInput } from '../handler-types';
import { MEMORIAL_STEPS, STEP_STATUS_LABELS, type MemorialStep, type MemorialStepKind, type StepStatus } from './types.shared';

export function listSteps(db: ReadDb, memorialId: number): MemorialStep[] {
  const rows = db
    .prepare(
      `SELECT kind, status, applied_on AS appliedOn, applied_to AS appliedTo, decided_on AS decidedOn, outcome, notes FROM honours_steps WHERE memorial_id = @memorialId`,
    )
    .all({ memorialId }) as MemorialStep[];
  return MEMORIAL_STEPS.map(
    (kind) => rows.find((r) => r.kind === kind) ?? { kind, status: 'not_started', appliedOn: null, appliedTo: '', decidedOn: null, outcome: '', notes: '' },
  );
}

export interface StepInput {
  memorialId: number;
  kind: MemorialStepKind;
  status: StepStatus;
  appliedOn: string | null;
  appliedTo: string;
  decidedOn: string | null;
  outcome: string;
  notes: string;
}

/** Checks what each stage needs (an application has a day and a body; a result has a day and the outcome), then saves. */
export function saveStep(db: WriteDb, s: StepInput, today: string, nowIso: string): AuditInput {
  const what = `「${s.kind}」${STEP_STATUS_LABELS[s.status]}`;
  if ((s.status === 'applied' || s.status === 'decided') && (s.appliedOn === null || s.appliedTo.trim() === ''))
    throw badInput(`「申请日期」和「受理部门」：${what}时都要填写。`, { field: 'appliedOn' });
  if (s.status === 'decided' && (s.decidedOn === null || s.outcome.trim() === ''))
    throw badInput(`「结果」：${what}时请填写结果日期和有关部门的结论。`, { field: 'outcome' });
  if (s.status === 'not_applicable' && s.notes.trim() === '') throw badInput(`「说明」：${what}时请写明原因。`, { field: 'notes' });
  for (const [label, d] of [
    ['申请日期', s.appliedOn],
    ['结果日期', s.decidedOn],
  ] as const)
    if (d !== null && d > today) throw badInput(`「${label}」${d} 晚于今天。`);
  if (s.appliedOn !== null && s.decidedOn !== null && s.decidedOn < s.appliedOn) throw badInput('「结果日期」不能早于「申请日期」。', { field: 'decidedOn' });
  const before = listSteps(db, s.memorialId).find((x) => x.kind === s.kind)!;
  db.prepare(
    `INSERT INTO honours_steps (memorial_id, kind, status, applied_on, applied_to, decided_on, outcome, notes, created_at, updated_at)
     VALUES (@memorialId, @kind, @status, @appliedOn, @appliedTo, @decidedOn, @outcome, @notes, @now, @now)
     ON CONFLICT (memorial_id, kind) DO UPDATE SET status = excluded.status, applied_on = excluded.applied_on, applied_to = excluded.applied_to,
       decided_on = excluded.decided_on, outcome = excluded.outcome, notes = excluded.notes, updated_at = excluded.updated_at`,
  ).run({ ...s, appliedTo: s.appliedTo.trim(), outcome: s.outcome.trim(), notes: s.notes.trim(), now: nowIso });
  const { memorialId, ...after } = s;
  return { entity: 'memorial_step', entityId: `${memorialId}:${s.kind}`, before, after };
}

/** One line for the submission form: 工伤认定：已申请（2020-02-20，区人社局）；烈士评定：不适用；抚恤：未办理. */
export function stepsLine(steps: readonly MemorialStep[]): string {
  return steps
    .map((x) => {
      const when = x.status === 'decided' ? `${x.decidedOn}，${x.outcome}` : x.status === 'applied' ? `${x.appliedOn}，${x.appliedTo}` : '';
      return `${x.kind}：${STEP_STATUS_LABELS[x.status]}${when ? `（${when}）` : ''}`;
    })
    .join('；');
}
