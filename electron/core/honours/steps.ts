/**
 * The applications after a death (工伤认定, 烈士评定 where applicable, 抚恤): the
 * office tracks where each stands and records the outcome as decided by the
 * body concerned, never one of its own. A step nobody has touched reads 未办理.
 */
import type { ReadDb, WriteDb } from '../db/types';
import { badInput } from '../errors';
import type { AuditInput } from '../handler-types';
import type { Sealer } from '../db/sealer';
import { auditPersonal, bindPersonal, openPersonal, personalColumns, sealedParams, STEP_PERSONAL } from './sealed-records';
import { MEMORIAL_STEPS, STEP_STATUS_LABELS, type MemorialStep, type MemorialStepKind, type StepStatus } from './types.shared';

export function listSteps(db: ReadDb, sealer: Sealer | null, memorialId: number): MemorialStep[] {
  const rows = (
    db
      .prepare(
        `SELECT s.kind, s.status, s.applied_on AS appliedOn, s.decided_on AS decidedOn, ${personalColumns(STEP_PERSONAL, 's')} FROM honours_steps s WHERE s.memorial_id = @memorialId`,
      )
      .all({ memorialId }) as Array<MemorialStep & { personalSealed: Buffer | null }>
  ).map((r) => openPersonal(db, sealer, STEP_PERSONAL, r));
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
export function saveStep(db: WriteDb, sealer: Sealer, s: StepInput, today: string, nowIso: string): AuditInput {
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
  const before = listSteps(db, sealer, s.memorialId).find((x) => x.kind === s.kind)!;
  const personal = { appliedTo: s.appliedTo.trim(), outcome: s.outcome.trim(), notes: s.notes.trim() };
  db.prepare(
    `INSERT INTO honours_steps (memorial_id, kind, status, applied_on, applied_to, decided_on, outcome, notes, created_at, updated_at, personal_sealed)
     VALUES (@memorialId, @kind, @status, @appliedOn, @appliedTo, @decidedOn, @outcome, @notes, @now, @now, @personalSealed)
     ON CONFLICT (memorial_id, kind) DO UPDATE SET status = excluded.status, applied_on = excluded.applied_on, applied_to = excluded.applied_to,
       decided_on = excluded.decided_on, outcome = excluded.outcome, notes = excluded.notes, personal_sealed = excluded.personal_sealed, updated_at = excluded.updated_at`,
  ).run({
    memorialId: s.memorialId,
    kind: s.kind,
    status: s.status,
    appliedOn: s.appliedOn,
    decidedOn: s.decidedOn,
    ...sealedParams(sealer, STEP_PERSONAL, personal),
    now: nowIso,
  });
  const { id } = db
    .prepare(`SELECT id FROM honours_steps WHERE memorial_id = @memorialId AND kind = @kind`)
    .get({ memorialId: s.memorialId, kind: s.kind }) as {
    id: number;
  };
  bindPersonal(db, sealer, STEP_PERSONAL, id);
  // What the body decided and the office's notes are sealed in the audit row too.
  const audited = (x: MemorialStep) => ({
    kind: x.kind,
    status: x.status,
    appliedOn: x.appliedOn,
    decidedOn: x.decidedOn,
    personal: auditPersonal(sealer, STEP_PERSONAL, x),
  });
  return { entity: 'memorial_step', entityId: `${s.memorialId}:${s.kind}`, before: audited(before), after: audited({ ...s, ...personal }) };
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
