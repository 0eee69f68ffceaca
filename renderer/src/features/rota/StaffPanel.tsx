import { useState } from 'react';
import type { Staff, StaffKind } from '../../../../electron/core/rota/contract';
import { STAFF_KIND_LABELS, STAFF_KINDS, STAFF_STATUS_LABELS, ASSESSMENT_LABELS } from '../../../../electron/core/rota/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { Field } from '../../kit/Field';
import { todayLocal } from './common';
import { Message, type Msg } from '../../kit/Message';
import { Select } from '../../kit/Select';

/** 人员: the staff registry, leave, insurance and assessments. Phones masked; 查看 reveals one (audited). */
export function StaffPanel({ canEdit }: { canEdit: boolean }) {
  const [communityId, setCommunityId] = useState<number | ''>('');
  const staff = useQuery('rota.staff.list', communityId ? { communityId } : {}, [communityId]);
  const communities = useQuery('org.communities.list', {});
  const [msg, setMsg] = useState<Msg>(null);
  const [selected, setSelected] = useState<Staff | null>(null);
  const [form, setForm] = useState({ name: '', kind: 'community_worker' as StaffKind, communityId: '', phone: '', agency: '', skills: '', isLeader: false, insurer: '', insurancePolicy: '' });
  const [leave, setLeave] = useState({ from: todayLocal(), to: todayLocal(), reason: '' });
  const run = (p: Promise<unknown>, ok: string) => p.then(() => setMsg({ ok: true, text: ok })).catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
  const communityOptions = (communities.data ?? []).map((c) => ({ value: c.id, label: c.name }));

  const save = () =>
    run(
      call('rota.staff.save', {
        name: form.name,
        kind: form.kind,
        communityId: form.communityId ? Number(form.communityId) : null,
        phone: form.phone,
        agency: form.agency || null,
        skills: form.skills.split(/[,，、\s]+/).filter(Boolean),
        isLeader: form.isLeader,
        insurer: form.insurer || null,
        insurancePolicy: form.insurancePolicy || null,
      }).then(() => setForm({ ...form, name: '', phone: '' })),
      `已登记「${form.name}」`,
    );

  return (
    <div>
      <Message msg={msg} />
      {canEdit && (
        <form className="toolbar panel" aria-label="登记人员" onSubmit={(e) => (e.preventDefault(), void save())}>
          <Field label="姓名" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
          <Select id="staff-kind" label="人员类别" value={form.kind} onValue={(v) => setForm({ ...form, kind: v as StaffKind })} options={STAFF_KINDS.map((k) => ({ value: k, label: STAFF_KIND_LABELS[k] }))} />
          <Select id="staff-community" label="所属社区" value={form.communityId} onValue={(v) => setForm({ ...form, communityId: v })} options={[{ value: '', label: '不限（机动）' }, ...communityOptions]} />
          <Field label="联系电话" value={form.phone} onChange={(e) => setForm({ ...form, phone: e.target.value })} />
          {form.kind === 'agency_cadre' && <Field label="派出单位" value={form.agency} onChange={(e) => setForm({ ...form, agency: e.target.value })} />}
          <Field label="技能（用顿号分隔）" value={form.skills} onChange={(e) => setForm({ ...form, skills: e.target.value })} />
          <Field label="专属保险承保公司" value={form.insurer} onChange={(e) => setForm({ ...form, insurer: e.target.value })} />
          <Field label="保单号" value={form.insurancePolicy} onChange={(e) => setForm({ ...form, insurancePolicy: e.target.value })} />
          <label>
            <input type="checkbox" checked={form.isLeader} onChange={(e) => setForm({ ...form, isLeader: e.target.checked })} /> 带班领导
          </label>
          <button className="primary" type="submit">
            登记人员
          </button>
        </form>
      )}
      <div className="toolbar">
        <Select id="staff-filter" label="按社区筛选" value={communityId} onValue={(v) => setCommunityId(v ? Number(v) : '')} options={[{ value: '', label: '全部' }, ...communityOptions]} />
      </div>
      <DataGrid<Staff>
        label="人员列表"
        height={380}
        rowData={staff.data}
        chooseColumns
        empty={
          communityId !== ''
            ? { text: '这个社区还没有登记人员。' }
            : { text: '还没有登记人员。排班和补助都从这里开始：登记专职社区工作者、下沉干部、医务人员和志愿者，或从表格导入人员名单。', ...(canEdit ? { action: { label: '导入人员名单', href: '#/import' } } : {}) }
        }
        getRowId={(p) => String(p.data.id)}
        rowSelection={{ mode: 'singleRow', enableClickSelection: true, checkboxes: false }}
        onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
        columnDefs={[
          { field: 'name', headerName: '姓名', pinned: 'left' },
          { field: 'kind', headerName: '类别', valueFormatter: (p) => STAFF_KIND_LABELS[p.value as StaffKind] },
          { field: 'communityName', headerName: '社区' },
          { field: 'agency', headerName: '派出单位', hide: true },
          { field: 'phone', headerName: '电话', width: 130 },
          { field: 'skills', headerName: '技能', hide: true, valueFormatter: (p) => (p.value as string[]).join('、') },
          { field: 'isMedical', headerName: '医务', width: 70, valueFormatter: (p) => (p.value ? '是' : '') },
          { field: 'isLeader', headerName: '带班', width: 70, valueFormatter: (p) => (p.value ? '是' : '') },
          { field: 'status', headerName: '状态', width: 80, valueFormatter: (p) => STAFF_STATUS_LABELS[p.value as Staff['status']] },
          { field: 'insurer', headerName: '专属保险', valueGetter: (p) => (p.data?.insurer ? `${p.data.insurer} ${p.data.insurancePolicy ?? ''}` : '未参保') },
          { colId: 'assessment', headerName: '心理评估', valueGetter: (p) => (p.data?.lastAssessment ? `${p.data.lastAssessment.on} ${ASSESSMENT_LABELS[p.data.lastAssessment.outcome]}` : '') },
        ]}
      />
      {selected && canEdit && (
        <div className="panel" aria-label="请假与评估">
          <h3>{selected.name}：请假、评估</h3>
          <form className="toolbar" onSubmit={(e) => (e.preventDefault(), void run(call('rota.leave.add', { staffId: selected.id, ...leave }), `已登记「${selected.name}」请假`))}>
            <Field label="请假开始" type="date" value={leave.from} onChange={(e) => setLeave({ ...leave, from: e.target.value })} />
            <Field label="请假结束" type="date" value={leave.to} onChange={(e) => setLeave({ ...leave, to: e.target.value })} />
            <Field label="请假原因" value={leave.reason} onChange={(e) => setLeave({ ...leave, reason: e.target.value })} />
            <button type="submit">登记请假</button>
            <button type="button" onClick={() => void call('rota.staff.reveal', { id: selected.id }).then((r) => setMsg({ ok: true, text: `${selected.name} 电话：${r.phone || '未填'}` }))}>
              查看电话
            </button>
            <button type="button" onClick={() => void run(call('rota.assessments.add', { staffId: selected.id, on: todayLocal(), outcome: 'good' }), '已记录心理评估：良好')}>
              记录心理评估（良好）
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
