import { useState, type FormEvent } from 'react';
import { MEMORIAL_CAUSES, type MemorialCause, type MemorialDetail } from '../../../../electron/core/honours/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Field, TextArea } from '../../kit/Field';
import { DateTimeField } from '../../kit/DateTimeField';
import { fromWallInput, toWallInput } from '../../kit/datetime';
import { Message, type Msg } from '../../kit/Message';
import { plainOptions, Select } from '../../kit/Select';

/** 登记 / 修改牺牲人员基本情况. Linked to the staff registry when the person was staff. */
export function MemorialForm({ existing, onSaved, onCancel }: { existing?: MemorialDetail; onSaved: (d: MemorialDetail) => void; onCancel: () => void }) {
  const communities = useQuery('org.communities.list', {});
  const [staffQuery, setStaffQuery] = useState('');
  const staff = useQuery('honours.staffOptions', { query: staffQuery }, [staffQuery]);
  const [f, setF] = useState({
    staffId: existing?.staffId ? String(existing.staffId) : '',
    name: existing?.name ?? '',
    sex: existing?.sex ?? '',
    birthDate: existing?.birthDate ?? '',
    idNumber: existing?.idNumber ?? '',
    post: existing?.post ?? '',
    communityId: existing?.communityId ? String(existing.communityId) : '',
    diedAt: existing ? toWallInput(existing.diedAt) : '',
    learnedAt: existing?.learnedAt ? toWallInput(existing.learnedAt) : '',
    place: existing?.place ?? '',
    circumstances: existing?.circumstances ?? '',
    cause: existing?.cause ?? '',
    deeds: existing?.deeds ?? '',
  });
  const [msg, setMsg] = useState<Msg>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));

  const pickStaff = (value: string) => {
    const s = (staff.data ?? []).find((o) => String(o.id) === value);
    setF((x) => ({ ...x, staffId: value, name: s ? s.name : x.name, communityId: s?.communityId ? String(s.communityId) : x.communityId }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    call('honours.memorials.save', {
      ...(existing ? { id: existing.id } : {}),
      staffId: f.staffId ? Number(f.staffId) : null,
      name: f.name,
      sex: f.sex === '男' || f.sex === '女' ? f.sex : null,
      birthDate: f.birthDate || null,
      idNumber: f.idNumber || null,
      post: f.post,
      communityId: f.communityId ? Number(f.communityId) : null,
      diedAt: fromWallInput(f.diedAt),
      learnedAt: f.learnedAt ? fromWallInput(f.learnedAt) : null,
      place: f.place,
      circumstances: f.circumstances,
      cause: f.cause as MemorialCause,
      deeds: f.deeds,
    })
      .then(onSaved)
      .catch((err: unknown) => setMsg({ ok: false, text: errorMessage(err) }));
  };

  return (
    <form className="panel" onSubmit={submit} aria-label="牺牲人员基本情况">
      <h2>{existing ? `修改${existing.name}同志的基本情况` : '登记牺牲人员'}</h2>
      <div className="honours-form">
        <Field label="在人员名册中查找" value={staffQuery} onChange={(e) => setStaffQuery(e.target.value)} placeholder="输入姓名" />
        <Select
          label="关联人员名册"
          value={f.staffId}
          onChange={(e) => pickStaff(e.target.value)}
          options={[
            { value: '', label: '不关联（非在册人员）' },
            ...(staff.data ?? []).map((s) => ({ value: String(s.id), label: `${s.name}${s.communityName ? `（${s.communityName}）` : ''}` })),
          ]}
        />
        <Field label="姓名" value={f.name} onChange={set('name')} required maxLength={30} />
        <Select label="性别" value={f.sex} onChange={set('sex')} options={[{ value: '', label: '（未填）' }, ...plainOptions(['男', '女'])]} />
        <Field label="出生日期" type="date" value={f.birthDate} onChange={set('birthDate')} />
        <Field label="身份证号" value={f.idNumber} onChange={set('idNumber')} maxLength={20} />
        <Field label="岗位职务" value={f.post} onChange={set('post')} required maxLength={60} />
        <Select
          label="所在社区"
          value={f.communityId}
          onChange={set('communityId')}
          options={[{ value: '', label: '（街道机关或其他）' }, ...(communities.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))]}
        />
        <DateTimeField label="牺牲时间" value={f.diedAt} onValue={(v) => setF((x) => ({ ...x, diedAt: v }))} required />
        <DateTimeField
          label="获悉时间（晚于牺牲时间才填）"
          value={f.learnedAt}
          onValue={(v) => setF((x) => ({ ...x, learnedAt: v }))}
          title="街道得知消息的时间；填写后，报告时限从获悉时起算"
        />
        <Field label="牺牲地点" value={f.place} onChange={set('place')} required maxLength={120} />
        <Select
          label="原因类别"
          value={f.cause}
          onChange={set('cause')}
          required
          options={[{ value: '', label: '请选择' }, ...plainOptions(MEMORIAL_CAUSES)]}
        />
        <div className="wide">
          <TextArea label="牺牲经过" value={f.circumstances} onChange={set('circumstances')} required rows={3} maxLength={4000} />
        </div>
        <div className="wide">
          <TextArea label="主要事迹" value={f.deeds} onChange={set('deeds')} rows={4} maxLength={8000} />
        </div>
      </div>
      <Message msg={msg} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          取消
        </button>
        <button className="primary" type="submit">
          保存
        </button>
      </div>
    </form>
  );
}
