import { useState } from 'react';
import {
  CASE_CATEGORIES,
  CATEGORY_LABELS,
  isCare,
  RESIDENT_TAGS,
  SCREENING_LABELS,
  SCREENING_STATUSES,
  TAG_LABELS,
  type CaseCategory,
  type ResidentTag,
  type ScreeningStatus,
} from '../../../../electron/core/caseload/codes.shared';
import type { HouseholdListRow, ResidentListRow } from '../../../../electron/core/caseload/list-types.shared';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Field } from '../../kit/Field';
import { PlacePicker } from './shared';
import { Message, useRunner } from '../../kit/Message';
import { Select } from '../../kit/Select';
import { useRoleAtLeast } from '../../kit/session-context';
import { CareOriginBanner, CareOriginPicker, originFromParams, originInput, type CareOriginChoice } from './CareOrigin';
import { NoCommunityNote } from '../org/NoCommunityNote';

/** 入户登记: a household, its members, and a case for one of them, in the order a worker at the door fills them in. */
export function RegisterPanel({ params }: { params?: URLSearchParams }) {
  const careOrigin = originFromParams(params);
  const canWrite = useRoleAtLeast('clerk');
  const [household, setHousehold] = useState<HouseholdListRow | null>(null);
  const members = useQuery('residents.list', { filter: { householdId: household?.id ?? 1 }, limit: 50, offset: 0 }, [household?.id]);
  if (!canWrite) return <p className="notice">只读账号不能登记住户和居民。查看已登记的住户请到「入户排查」，查找居民请到「居民查询」。</p>;
  return (
    <div>
      <CareOriginBanner careOrigin={careOrigin} />
      <NoCommunityNote needs="每一户都要归到一个社区" then="登记住户" />
      <HouseholdForm onSaved={setHousehold} />
      {household && (
        <>
          <section className="panel" aria-label="本户居民">
            <h2>
              本户居民：{household.communityName} {household.address}
            </h2>
            <ul>
              {(members.data?.rows ?? []).map((r) => (
                <li key={r.id}>
                  {r.name} {r.idNumber}
                  {r.idNumberWas15 ? '（原15位）' : ''} {r.tags.map((t) => TAG_LABELS[t as ResidentTag] ?? t).join('、')}{' '}
                  <RelationEdit resident={r} onSaved={members.reload} />
                </li>
              ))}
            </ul>
            <ResidentForm householdId={household.id} onSaved={members.reload} />
          </section>
          <OpenCaseForm residents={(members.data?.rows ?? []).map((r) => ({ id: r.id, name: r.name }))} initialOrigin={careOrigin} />
        </>
      )}
    </div>
  );
}

function HouseholdForm({ onSaved }: { onSaved: (h: HouseholdListRow) => void }) {
  const [place, setPlace] = useState({ communityId: '', gridId: '' });
  const [f, setF] = useState({
    estate: '',
    building: '',
    unit: '',
    room: '',
    addressText: '',
    headName: '',
    phone: '',
    screeningStatus: 'unscreened' as ScreeningStatus,
    screeningResult: '',
  });
  const { msg, run } = useRunner();
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const save = () =>
    void run(
      call('households.save', {
        communityId: Number(place.communityId),
        gridId: place.gridId ? Number(place.gridId) : null,
        ...f,
        screeningResult: f.screeningResult || null,
      }).then((h) => (onSaved(h), h)),
      '住户已保存',
    );
  return (
    <form className="panel" onSubmit={(e) => (e.preventDefault(), save())} aria-label="登记住户">
      <h2>登记住户</h2>
      <div className="toolbar">
        <PlacePicker required communityId={place.communityId} gridId={place.gridId} onChange={(communityId, gridId) => setPlace({ communityId, gridId })} />
        <Field label="小区" value={f.estate} onChange={set('estate')} />
        <Field label="楼栋" value={f.building} onChange={set('building')} size={6} />
        <Field label="单元" value={f.unit} onChange={set('unit')} size={6} />
        <Field label="室" value={f.room} onChange={set('room')} size={6} />
        <Field label="或填写地址" value={f.addressText} onChange={set('addressText')} />
      </div>
      <div className="toolbar">
        <Field label="户主" value={f.headName} onChange={set('headName')} />
        <Field label="户主电话" value={f.phone} onChange={set('phone')} />
        <Select label="入户排查" value={f.screeningStatus} onChange={set('screeningStatus')}>
          {SCREENING_STATUSES.map((s) => (
            <option key={s} value={s}>
              {SCREENING_LABELS[s]}
            </option>
          ))}
        </Select>
        <Field label="排查结果" value={f.screeningResult} onChange={set('screeningResult')} />
        <button className="primary" type="submit">
          保存住户
        </button>
      </div>
      <Message msg={msg} />
    </form>
  );
}

const NO_RESIDENT = { name: '', idNumber: '', phone: '', relation: '' };

function ResidentForm({ householdId, onSaved }: { householdId: number; onSaved: () => void }) {
  const [f, setF] = useState(NO_RESIDENT);
  const [tags, setTags] = useState<ResidentTag[]>([]);
  const { msg, run } = useRunner(onSaved);
  const save = () =>
    void run(
      call('residents.save', { householdId, name: f.name, idNumber: f.idNumber || null, phone: f.phone || null, relation: f.relation || null, tags }).then(
        () => (setF(NO_RESIDENT), setTags([])),
      ),
      `已登记居民${f.name}`,
    );
  return (
    <form onSubmit={(e) => (e.preventDefault(), save())} aria-label="登记居民">
      <div className="toolbar">
        <Field label="姓名" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required />
        <Field label="身份证号" value={f.idNumber} onChange={(e) => setF({ ...f, idNumber: e.target.value })} size={22} />
        <Field label="联系电话" value={f.phone} onChange={(e) => setF({ ...f, phone: e.target.value })} />
        <Field label="与户主关系" placeholder="如 配偶、长子" value={f.relation} onChange={(e) => setF({ ...f, relation: e.target.value })} size={14} />
        <button className="primary" type="submit">
          添加居民
        </button>
      </div>
      <div className="cl-tags" role="group" aria-label="人员标签">
        {RESIDENT_TAGS.map((t) => (
          <label key={t} className="cl-inline">
            <input type="checkbox" checked={tags.includes(t)} onChange={(e) => setTags(e.target.checked ? [...tags, t] : tags.filter((x) => x !== t))} />
            {TAG_LABELS[t]}
          </label>
        ))}
      </div>
      <Message msg={msg} />
    </form>
  );
}

/** A member's 与户主关系, shown and changed in place (residents.save by id: only the relation changes, audited as any resident change). */
function RelationEdit({ resident, onSaved }: { resident: ResidentListRow; onSaved: () => void }) {
  const [editing, setEditing] = useState<string | null>(null);
  const { msg, run } = useRunner(onSaved);
  if (editing === null)
    return (
      <>
        与户主关系：{resident.relation ?? '未填'}{' '}
        <button type="button" className="link" aria-label={`修改${resident.name}的与户主关系`} onClick={() => setEditing(resident.relation ?? '')}>
          修改
        </button>
        <Message msg={msg} />
      </>
    );
  const save = () =>
    void run(
      call('residents.save', { id: resident.id, name: resident.name, relation: editing || null }).then(() => setEditing(null)),
      `已保存${resident.name}的与户主关系`,
    );
  return (
    <span role="group" aria-label={`${resident.name}的与户主关系`}>
      <Field label="与户主关系" value={editing} onChange={(e) => setEditing(e.target.value)} size={8} />
      <button type="button" className="primary" onClick={save}>
        保存
      </button>
      <button type="button" onClick={() => setEditing(null)}>
        取消
      </button>
    </span>
  );
}

/** A case for one of `residents` (a household's members, or the one person found in 居民查询, chosen already). */
export function OpenCaseForm({ residents, initialOrigin }: { residents: Array<{ id: number; name: string }>; initialOrigin: CareOriginChoice }) {
  const [residentId, setResidentId] = useState(residents.length === 1 ? String(residents[0]!.id) : '');
  // Opened from a staff member's or an observed person's record: a care case for their dependant.
  const [category, setCategory] = useState<CaseCategory>(initialOrigin.kind === '' ? 'home_observation' : 'solitary_elderly');
  const [careOrigin, setCareOrigin] = useState<CareOriginChoice>(initialOrigin);
  const [start, setStart] = useState('');
  const [days, setDays] = useState('14');
  const [source, setSource] = useState('入户排查');
  const [cameFrom, setCameFrom] = useState('');
  const [arrivedOn, setArrivedOn] = useState('');
  const { msg, run } = useRunner();
  const observation = category === 'home_observation' || category === 'medical_observation';
  // Where a returnee came from and when: what the district's observation roster asks for each person.
  const travelled = category === 'returnee' || observation;
  const open = () =>
    void run(
      call('cases.open', {
        residentId: Number(residentId),
        category,
        source: source || null,
        ...(isCare(category) ? originInput(careOrigin) : {}),
        ...(observation ? { obsDays: Number(days), ...(start ? { obsStartOn: start, openedOn: start } : {}) } : {}),
        ...(travelled && cameFrom.trim() ? { origin: cameFrom.trim() } : {}),
        ...(travelled && arrivedOn ? { arrivedOn } : {}),
      }),
      `已登记${CATEGORY_LABELS[category]}个案`,
    );
  return (
    <form className="panel" onSubmit={(e) => (e.preventDefault(), open())} aria-label="登记个案">
      <h2>登记个案</h2>
      <div className="toolbar">
        <Select label="居民" value={residentId} onChange={(e) => setResidentId(e.target.value)} required>
          <option value="">请选择</option>
          {residents.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </Select>
        <Select label="个案类别" value={category} onChange={(e) => setCategory(e.target.value as CaseCategory)}>
          {CASE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </Select>
        {isCare(category) && <CareOriginPicker value={careOrigin} onChange={setCareOrigin} />}
        {observation && <Field label="观察开始日期" type="date" value={start} onChange={(e) => setStart(e.target.value)} />}
        {observation && <Field label="观察天数" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} size={4} />}
        {travelled && <Field label="来源地" placeholder="如 湖北省武汉市" value={cameFrom} onChange={(e) => setCameFrom(e.target.value)} />}
        {travelled && <Field label="返程日期" type="date" value={arrivedOn} onChange={(e) => setArrivedOn(e.target.value)} />}
        <Field label="来源" value={source} onChange={(e) => setSource(e.target.value)} />
        <button className="primary" type="submit">
          登记个案
        </button>
      </div>
      <Message msg={msg} />
    </form>
  );
}
