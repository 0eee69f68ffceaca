import { useMemo, useState } from 'react';
import type { Post, PostKind } from '../../../../electron/core/rota/contract';
import { POST_KIND_LABELS, POST_KINDS } from '../../../../electron/core/rota/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { DataGrid } from '../../kit/grid/DataGrid';
import { Field } from '../../kit/Field';
import { ShiftsSection } from './ShiftsSection';
import { Message, type Msg } from '../../kit/Message';
import { Select } from '../../kit/Select';
import { CoordinatorOnly } from '../../kit/CoordinatorOnly';
import { PostKindForm } from './PostKindForm';
import { NoCommunityNote } from '../org/NoCommunityNote';

/** 岗位与班次: posts per community with headcount per shift. */
export function PostsPanel({ canEdit }: { canEdit: boolean }) {
  const posts = useQuery('rota.posts.list', {});
  const shifts = useQuery('rota.shifts.list', {});
  const communities = useQuery('org.communities.list', {});
  const [msg, setMsg] = useState<Msg>(null);
  const [form, setForm] = useState({ communityId: '', name: '', kind: 'checkpoint' as PostKind, location: '', headcount: '1' });
  const [picked, setPicked] = useState<number[]>([]);
  const staff = useQuery('rota.staff.list', {});
  const [lead, setLead] = useState({ postId: '', leaderStaffId: '' });
  const leadPost = posts.data?.find((p) => String(p.id) === lead.postId);
  const setLeader = () => {
    if (!leadPost) return setMsg({ ok: false, text: '请选择岗位' });
    const { id, communityId, name, kind, location, requiredSkills, active, requirements } = leadPost;
    void call('rota.posts.save', {
      id,
      communityId,
      name,
      kind,
      location,
      requiredSkills,
      active,
      requirements,
      leaderStaffId: lead.leaderStaffId ? Number(lead.leaderStaffId) : null,
    })
      .then(
        (p) => (setMsg({ ok: true, text: p.leaderName ? `「${p.name}」的岗位负责人：${p.leaderName}` : `已取消「${p.name}」的岗位负责人` }), posts.reload()),
      )
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
  };
  const save = () =>
    call('rota.posts.save', {
      communityId: Number(form.communityId),
      name: form.name,
      kind: form.kind,
      location: form.location,
      requirements: picked.map((shiftId) => ({ shiftId, headcount: Number(form.headcount) })),
    })
      .then(() => (setMsg({ ok: true, text: `已保存岗位「${form.name}」` }), setForm({ ...form, name: '', location: '' })))
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
  // The shift names are part of each row, built when both lists are in: a value getter that
  // read the shifts before they loaded left 「 × 2」 in the grid, which never asked again.
  const rows = useMemo(() => {
    if (!posts.data || !shifts.data) return undefined;
    const names = new Map(shifts.data.map((s) => [s.id, s.name]));
    return posts.data.map((p) => ({
      ...p,
      requirementsText: p.requirements.map((r) => `${names.get(r.shiftId) ?? '（已删除的班次）'} × ${r.headcount}`).join('；'),
    }));
  }, [posts.data, shifts.data]);
  return (
    <div>
      {!canEdit && <CoordinatorOnly what="添加或修改岗位和班次" />}
      <ShiftsSection canEdit={canEdit} />
      <h2>岗位</h2>
      {/* A new ledger: 岗位所属社区 offered nothing, and the empty list said 「在上面选社区」. */}
      {canEdit && <NoCommunityNote needs="每个岗位都要归到一个社区" then="添加岗位" />}
      <Message msg={msg} />
      {canEdit && (
        <form className="toolbar panel" aria-label="新增岗位" onSubmit={(e) => (e.preventDefault(), void save())}>
          <Select
            id="post-community"
            label="岗位所属社区"
            value={form.communityId}
            onValue={(v) => setForm({ ...form, communityId: v })}
            options={[{ value: '', label: '请选择' }, ...(communities.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
          />
          <Field label="岗位名称" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
          <Select
            id="post-kind"
            label="岗位类型"
            value={form.kind}
            onValue={(v) => setForm({ ...form, kind: v as PostKind })}
            options={POST_KINDS.map((k) => ({ value: k, label: POST_KIND_LABELS[k] }))}
          />
          <Field label="地点" value={form.location} onChange={(e) => setForm({ ...form, location: e.target.value })} />
          <Field label="每班人数" type="number" min={1} value={form.headcount} onChange={(e) => setForm({ ...form, headcount: e.target.value })} />
          <fieldset>
            <legend>班次</legend>
            {(shifts.data ?? []).map((s) => (
              <label key={s.id}>
                <input
                  type="checkbox"
                  checked={picked.includes(s.id)}
                  onChange={(e) => setPicked(e.target.checked ? [...picked, s.id] : picked.filter((x) => x !== s.id))}
                />{' '}
                {s.name}
              </label>
            ))}
          </fieldset>
          <button className="primary" type="submit">
            保存岗位
          </button>
        </form>
      )}
      <DataGrid<Post & { requirementsText: string }>
        label="岗位列表"
        height={360}
        rowData={rows}
        empty={{
          text: canEdit
            ? '还没有岗位。在上面选社区、填岗位名称、勾选班次和每班人数，点「保存岗位」后就能排班。'
            : '还没有岗位。统筹负责人在这里添加岗位后就能排班。',
        }}
        getRowId={(p) => String(p.data.id)}
        columnDefs={[
          { field: 'communityName', headerName: '社区', pinned: 'left' },
          // Sized to the names, up to 10 characters: a long one (「文化路社区居家观察人员上门随访组」) ends in 「…」, whole on hover;
          // pinned at its full width it pushed 岗位负责人 to the grid's edge, cut there at 1366.
          { field: 'name', headerName: '岗位', pinned: 'left', maxWidth: 174, tooltipField: 'name' },
          { field: 'kind', headerName: '类型', valueFormatter: (p) => POST_KIND_LABELS[p.value as PostKind] },
          { field: 'location', headerName: '地点', flex: 1, minWidth: 140, wrapText: true, autoHeight: true },
          { field: 'requirementsText', headerName: '班次与人数', flex: 2, minWidth: 220, wrapText: true, autoHeight: true },
          {
            field: 'requiredSkills',
            headerName: '岗位要求技能',
            width: 120,
            wrapText: true,
            autoHeight: true,
            valueFormatter: (p) => (p.value as string[]).join('、'),
          },
          { field: 'active', headerName: '启用', width: 70, valueFormatter: (p) => (p.value ? '是' : '否') },
          { field: 'leaderName', headerName: '岗位负责人' },
        ]}
      />
      {canEdit && <PostKindForm posts={posts.data ?? []} onSaved={() => void posts.reload()} />}
      {canEdit && (
        <form className="toolbar panel" aria-label="岗位负责人" onSubmit={(e) => (e.preventDefault(), setLeader())}>
          <span>岗位负责人确认本岗位每天的出勤（补助按确认的出勤计发）：</span>
          <Select
            label="岗位"
            value={lead.postId}
            onValue={(v) => setLead({ postId: v, leaderStaffId: String(posts.data?.find((p) => String(p.id) === v)?.leaderStaffId ?? '') })}
            options={[{ value: '', label: '请选择' }, ...(posts.data ?? []).map((p) => ({ value: p.id, label: `${p.communityName} ${p.name}` }))]}
          />
          <Select
            label="负责人"
            value={lead.leaderStaffId}
            onValue={(v) => setLead({ ...lead, leaderStaffId: v })}
            options={[
              { value: '', label: '（不设）' },
              ...(staff.data ?? [])
                .filter((s) => s.status === 'active' && (!leadPost || s.communityId === leadPost.communityId || s.communityId === null))
                .map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
          <button type="submit">保存负责人</button>
        </form>
      )}
    </div>
  );
}
