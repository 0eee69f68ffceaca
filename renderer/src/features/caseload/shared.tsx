/** Small pieces shared by the caseload screens: community/grid pickers, number fields. */
import { useQuery } from '../../api/hooks';
import { SCREENING_LABELS, type ScreeningStatus } from '../../../../electron/core/caseload/codes.shared';
import { screenedBefore } from '../../../../electron/core/caseload/screening-status.shared';
import { Select } from '../../kit/Select';

/** 社区 and 网格 selects; the grid list follows the chosen community. */
export function PlacePicker(props: {
  communityId: string;
  gridId: string;
  onChange: (communityId: string, gridId: string) => void;
  anyLabel?: string;
  required?: boolean;
}) {
  const communities = useQuery('org.communities.list', {});
  const grids = useQuery('org.grids.list', {});
  const inCommunity = (grids.data ?? []).filter((g) => String(g.communityId) === props.communityId);
  return (
    <>
      <Select label="社区" value={props.communityId} onChange={(e) => props.onChange(e.target.value, '')} required={props.required}>
        <option value="">{props.anyLabel ?? '请选择'}</option>
        {(communities.data ?? []).map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </Select>
      <Select label="网格" value={props.gridId} onChange={(e) => props.onChange(props.communityId, e.target.value)}>
        <option value="">{props.anyLabel ?? '（不指定）'}</option>
        {inCommunity.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </Select>
    </>
  );
}

// Pure, with the case grid's filter (a unit test reads 工作台's links through it without a browser).
export { numOrUndefined } from './case-grid-filter';

/** The search box of the caseload's grids: by name, or (clerks and coordinators) by the last digits of an ID number or phone. */
export function PersonSearch({ id, value, onChange, canWrite }: { id: string; value: string; onChange: (q: string) => void; canWrite: boolean }) {
  return (
    <div className="field">
      <label htmlFor={id}>搜索</label>
      <input
        id={id}
        className="search-wide"
        // Short enough to be read whole in the box at 1366 px; why a viewer searches by name alone is said if digits are tried.
        placeholder={canWrite ? '姓名 / 身份证后几位 / 电话' : '按姓名搜索'}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** A grid of the ledger with nothing in it yet: a clerk is told how to fill it (`how`), a viewer (who cannot) who will. */
export function nothingYet(what: string, canWrite: boolean, how: string): { text: string; action?: { label: string; href: string } } {
  return canWrite
    ? { text: `台账里还没有${what}。${how}`, action: { label: '导入表格', href: '#/import' } }
    : { text: `台账里还没有${what}。录入员或统筹负责人导入或登记后会显示在这里。` };
}

/**
 * A household's 排查状态 as coverage counts it: its latest visit, and the day it was screened when a later visit
 * found nobody at home or was refused (it stays 已排查 in 排查覆盖 and 工作台, so the row says why).
 */
export function screeningStateText(h: { screeningStatus: ScreeningStatus; lastScreenedOn: string | null }): string {
  const latest = SCREENING_LABELS[h.screeningStatus];
  return screenedBefore(h) ? `${latest}（${h.lastScreenedOn} 已排查）` : latest;
}
