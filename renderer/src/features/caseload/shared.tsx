/** Small pieces shared by the caseload screens: community/grid pickers, number fields. */
import { useQuery } from '../../api/hooks';
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

export const numOrUndefined = (s: string): number | undefined => (s === '' ? undefined : Number(s));
