import { useEffect, useRef } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { Field } from '../../kit/Field';
import { useRoleAtLeast } from '../../kit/session-context';

export interface MedicalAnswer {
  medicalReason?: string;
  medicalLater?: boolean;
}

export interface MedicalWarningState {
  warning: string;
  reason: string;
}

/**
 * A save's failure: the medical warning (stands in the form below with its answers, keeping the reason typed so far,
 * not again as an error above), or any other error for the message line.
 */
export function medicalWarningOr(
  e: unknown,
  current: MedicalWarningState | null,
  setMedical: (m: MedicalWarningState | null) => void,
  onOther: (text: string) => void,
): void {
  if (e instanceof ApiError && e.details?.['rule'] === 'medical_checkpoint') return setMedical({ warning: e.message, reason: current?.reason ?? '' });
  setMedical(null);
  onOther(errorMessage(e));
}

/**
 * The core's warning when a save would put medical staff on a checkpoint they are already planned on (who, which
 * days, the notice's words), with the answers: the reason (破例, a coordinator's), 「先保存，稍后调换」, or 不保存.
 * Shared by 人员 (人员类别 → 医务人员) and 岗位与班次 (岗位类型 → 卡点值守).
 */
export function MedicalCheckpointWarning(p: {
  warning: string;
  reason: string;
  onReason: (reason: string) => void;
  onAnswer: (answer: MedicalAnswer) => void;
  onCancel: () => void;
}) {
  const isCoordinator = useRoleAtLeast('coordinator');
  // The warning opens below the form that was saved, under the fold at 1366×768: brought into sight, or the save seems to do nothing.
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.scrollIntoView({ block: 'nearest' });
  }, [p.warning]);
  return (
    <form
      ref={form}
      className="panel notice"
      role="alert"
      aria-label="医务人员排在卡点"
      onSubmit={(e) => (e.preventDefault(), p.onAnswer({ medicalReason: p.reason }))}
    >
      <p>{p.warning}</p>
      {isCoordinator ? (
        <Field
          label="破例安排的理由"
          value={p.reason}
          onChange={(e) => p.onReason(e.target.value)}
          note="记在这些班次上，排班表和打印的值守表都会印出"
          size={40}
          required
        />
      ) : (
        <p className="hint">破例安排须由统筹负责人填写理由。</p>
      )}
      <div className="toolbar">
        {isCoordinator && (
          <button className="primary" type="submit">
            写明理由并保存
          </button>
        )}
        <button type="button" onClick={() => p.onAnswer({ medicalLater: true })}>
          先保存，稍后调换
        </button>
        <button type="button" onClick={p.onCancel}>
          不保存
        </button>
      </div>
    </form>
  );
}
