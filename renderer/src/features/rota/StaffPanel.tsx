import { useState } from 'react';
import type { Staff, StaffKind } from '../../../../electron/core/rota/contract';
import { STAFF_KIND_LABELS, STAFF_KINDS, ASSESSMENT_LABELS } from '../../../../electron/core/rota/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { staffCommunity, staffStatusText } from './common';
import { Field } from '../../kit/Field';
import { InsurancePanel } from './InsurancePanel';
import { StaffDetail } from './StaffDetail';
import { StaffFacts } from './StaffFacts';
import { Message, type Msg } from '../../kit/Message';
import { Select } from '../../kit/Select';
import { revealOnMount } from '../../kit/reveal';

/** 人员: the staff registry; click a person to edit every field, add leave or an assessment. Phones masked; 查看 reveals one (audited). */
export function StaffPanel({ canEdit, isCoordinator, initialStaffId }: { canEdit: boolean; isCoordinator: boolean; initialStaffId: number | null }) {
  const [communityId, setCommunityId] = useState<number | ''>('');
  const staff = useQuery('rota.staff.list', communityId ? { communityId } : {}, [communityId]);
  const communities = useQuery('org.communities.list', {});
  const [msg, setMsg] = useState<Msg>(null);
  const [selectedId, setSelectedId] = useState<number | null>(initialStaffId);
  // The row shown is the fresh one from the list, so an edit shows at once.
  const selected = staff.data?.find((s) => s.id === selectedId) ?? null;
  const [form, setForm] = useState({
    name: '',
    kind: 'community_worker' as StaffKind,
    communityId: '',
    phone: '',
    agency: '',
    skills: '',
    isLeader: false,
    insurer: '',
    insurancePolicy: '',
  });
  const run = (p: Promise<unknown>, ok: string) =>
    p.then(() => setMsg({ ok: true, text: ok })).catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
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
          <Select
            id="staff-kind"
            label="人员类别"
            value={form.kind}
            onValue={(v) => setForm({ ...form, kind: v as StaffKind })}
            options={STAFF_KINDS.map((k) => ({ value: k, label: STAFF_KIND_LABELS[k] }))}
          />
          <Select
            id="staff-community"
            label="所属社区"
            value={form.communityId}
            onValue={(v) => setForm({ ...form, communityId: v })}
            options={[{ value: '', label: '不限（机动）' }, ...communityOptions]}
          />
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
        <Select
          id="staff-filter"
          label="按社区筛选"
          value={communityId}
          onValue={(v) => setCommunityId(v ? Number(v) : '')}
          options={[{ value: '', label: '全部' }, ...communityOptions]}
        />
        <p className="muted">
          {canEdit ? '点击名单中的一行，在名单下方修改此人的基本信息、保险、请假和心理健康评估。' : '点击名单中的一行，在名单下方查看此人的信息（号码打码）。'}
        </p>
      </div>
      <DataGrid<Staff>
        label="人员列表"
        height={380}
        rowData={staff.data}
        chooseColumns
        empty={
          communityId !== ''
            ? { text: '这个社区还没有登记人员。' }
            : canEdit
              ? {
                  text: '还没有登记人员。排班和补助都从这里开始：登记专职社区工作者、下沉干部、医务人员和志愿者，或从表格导入人员名单。',
                  action: { label: '导入人员名单', href: '#/import' },
                }
              : { text: '还没有登记人员。专职社区工作者、下沉干部、医务人员和志愿者由录入员或统筹负责人登记后，会显示在这里。' }
        }
        getRowId={(p) => String(p.data.id)}
        rowSelection={{ mode: 'singleRow', enableClickSelection: true, checkboxes: false }}
        onSelectionChanged={(e) => {
          const row = e.api.getSelectedRows()[0];
          if (row) setSelectedId(row.id);
        }}
        columnDefs={[
          { field: 'name', headerName: '姓名', pinned: 'left' },
          { field: 'kind', headerName: '类别', valueFormatter: (p) => STAFF_KIND_LABELS[p.value as StaffKind] },
          { field: 'communityName', headerName: '社区', valueFormatter: (p) => staffCommunity(p.value as string | null) },
          { field: 'agency', headerName: '派出单位', hide: true },
          { field: 'phone', headerName: '电话', width: 130 },
          { field: 'skills', headerName: '技能', hide: true, valueFormatter: (p) => (p.value as string[]).join('、') },
          { field: 'isMedical', headerName: '医务', width: 70, valueFormatter: (p) => (p.value ? '是' : '') },
          { field: 'isLeader', headerName: '带班', width: 70, valueFormatter: (p) => (p.value ? '是' : '') },
          // Sized to its longest (「不在岗（2020-02-17 起）」 when someone has left, 「在岗」 if none has): a fixed 200 px left
          // 心理评估 cut to 「心」 at the grid's edge at 1366.
          { field: 'status', headerName: '状态', valueGetter: (p) => (p.data ? staffStatusText(p.data) : '') },
          { field: 'insurer', headerName: '专属保险', valueGetter: (p) => (p.data?.insurer ? `${p.data.insurer} ${p.data.insurancePolicy ?? ''}` : '未参保') },
          { field: 'insuranceTo', headerName: '保险截止', width: 110 },
          {
            colId: 'assessment',
            headerName: '心理评估',
            valueGetter: (p) => {
              const a = p.data?.lastAssessment;
              return a ? `${a.on} ${ASSESSMENT_LABELS[a.outcome]}${a.followUpOn ? `，${a.followUpOn} 随访` : ''}` : '';
            },
          },
        ]}
      />
      {selected && (
        <div key={selected.id} ref={revealOnMount}>
          {canEdit ? <StaffDetail staff={selected} communities={communityOptions} onChanged={staff.reload} /> : <StaffFacts staff={selected} />}
        </div>
      )}
      <InsurancePanel canEdit={canEdit} isCoordinator={isCoordinator} />
    </div>
  );
}
