import { CATEGORY_LABELS } from '../../../../electron/core/caseload/codes.shared';
import { useQuery } from '../../api/hooks';
import { Select } from '../../kit/Select';

/** Why a care case is opened: a child or relative on the front line (a staff member) or under observation. */
export type CareOriginChoice = { kind: '' } | { kind: 'staff'; id: string } | { kind: 'case'; id: string };

/** The origin a link from the staff register or an observation's drawer brings (…&originStaffId= / originCaseId=). */
export function originFromParams(params: URLSearchParams | undefined): CareOriginChoice {
  const staffId = params?.get('originStaffId');
  const caseId = params?.get('originCaseId');
  if (staffId) return { kind: 'staff', id: staffId };
  if (caseId) return { kind: 'case', id: caseId };
  return { kind: '' };
}

export function originInput(o: CareOriginChoice): { originStaffId?: number; originCaseId?: number } {
  if (o.kind === 'staff' && o.id) return { originStaffId: Number(o.id) };
  if (o.kind === 'case' && o.id) return { originCaseId: Number(o.id) };
  return {};
}

/** A line above the forms when the panel was opened from a staff member's or an observed person's record. */
export function CareOriginBanner({ careOrigin }: { careOrigin: CareOriginChoice }) {
  if (careOrigin.kind === 'staff') return <StaffBanner id={Number(careOrigin.id)} />;
  if (careOrigin.kind === 'case') return <ObservationBanner id={Number(careOrigin.id)} />;
  return null;
}

function StaffBanner({ id }: { id: number }) {
  const staff = useQuery('rota.staff.list', {}, [id]);
  return <BannerText who={staff.data?.find((s) => s.id === id)?.name} why="参加疫情防控一线工作" />;
}

function ObservationBanner({ id }: { id: number }) {
  const obs = useQuery('cases.get', { id }, [id]);
  return <BannerText who={obs.data?.case.name} why={obs.data ? CATEGORY_LABELS[obs.data.case.category] : '被观察'} />;
}

function BannerText({ who, why }: { who: string | undefined; why: string }) {
  return (
    <p className="notice" role="status">
      为{who ?? '…'}（{why}）的家属登记照料个案：先登记家属的住址和本人（可在另一个社区），再在「登记个案」里选类别，照料缘由已选好。
    </p>
  );
}

/** 照料缘由: none, a staff member, or an active observation, with the person chosen from a list. */
export function CareOriginPicker({ value, onChange }: { value: CareOriginChoice; onChange: (o: CareOriginChoice) => void }) {
  const staff = useQuery('rota.staff.list', {}, []);
  const observed = useQuery('cases.list', { filter: { categories: ['home_observation', 'medical_observation'], active: true }, limit: 200, offset: 0 }, []);
  return (
    <>
      <Select label="照料缘由" value={value.kind} onValue={(k) => onChange(k === 'staff' || k === 'case' ? { kind: k, id: '' } : { kind: '' })}>
        <option value="">不说明</option>
        <option value="staff">子女亲属参加防控一线工作</option>
        <option value="case">子女亲属被隔离观察</option>
      </Select>
      {value.kind === 'staff' && (
        <Select label="一线工作的子女亲属" value={value.id} onValue={(id) => onChange({ kind: 'staff', id })} required>
          <option value="">请选择</option>
          {(staff.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.communityName ? `（${s.communityName}）` : ''}
            </option>
          ))}
          {value.id && staff.data && !staff.data.some((s) => String(s.id) === value.id) && <option value={value.id}>人员编号 {value.id}</option>}
        </Select>
      )}
      {value.kind === 'case' && (
        <Select label="被观察的子女亲属" value={value.id} onValue={(id) => onChange({ kind: 'case', id })} required>
          <option value="">请选择</option>
          {(observed.data?.rows ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}（{CATEGORY_LABELS[c.category]}，{c.communityName}）
            </option>
          ))}
          {value.id && observed.data && !observed.data.rows.some((c) => String(c.id) === value.id) && <option value={value.id}>个案编号 {value.id}</option>}
        </Select>
      )}
    </>
  );
}
