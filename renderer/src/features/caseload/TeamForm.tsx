import { useState } from 'react';
import { RETURNEE_LABELS, RETURNEE_MAX, type ReturneeDetails } from '../../../../electron/core/caseload/returnee.shared';
import { call } from '../../api/client';

type TeamField = 'teamGridWorker' | 'teamDoctor' | 'teamPolice' | 'teamUnsplit';
const TEAM_FIELDS: readonly TeamField[] = ['teamGridWorker', 'teamDoctor', 'teamPolice', 'teamUnsplit'];

/**
 * 包保责任人 of one case, editable: the three roles, and the names as the community wrote them when its sheet said
 * nobody's role (teamUnsplit: kept so by the import, which asks the clerk to split them here). A role filled in is
 * what the roster prints; the unsplit names are printed only while no role is. Labels: RETURNEE_LABELS.
 */
export function TeamForm({
  caseId,
  team,
  run,
}: {
  caseId: number;
  team: Pick<ReturneeDetails, TeamField>;
  run: (p: Promise<unknown>, ok: string) => Promise<boolean>;
}) {
  const [values, setValues] = useState<Record<TeamField, string>>(() => ({
    teamGridWorker: team.teamGridWorker ?? '',
    teamDoctor: team.teamDoctor ?? '',
    teamPolice: team.teamPolice ?? '',
    teamUnsplit: team.teamUnsplit ?? '',
  }));
  const save = () => {
    const given = Object.fromEntries(TEAM_FIELDS.map((f) => [f, values[f].trim() === '' ? null : values[f].trim()])) as Record<TeamField, string | null>;
    void run(call('cases.update', { caseId, ...given }), '包保责任人已保存');
  };
  return (
    <fieldset className="cl-team-form">
      <legend>包保责任人</legend>
      {TEAM_FIELDS.map((f) => (
        <div className="field" key={f}>
          <label htmlFor={`team-${f}`}>{RETURNEE_LABELS[f]}</label>
          <input id={`team-${f}`} maxLength={RETURNEE_MAX[f]} value={values[f]} onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))} />
        </div>
      ))}
      <button type="button" onClick={save}>
        保存包保责任人
      </button>
    </fieldset>
  );
}
