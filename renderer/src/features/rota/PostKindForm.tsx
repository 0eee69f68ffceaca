import { useState } from 'react';
import type { Post, PostKind } from '../../../../electron/core/rota/contract';
import { POST_KIND_LABELS, POST_KINDS } from '../../../../electron/core/rota/contract';
import { call } from '../../api/client';
import { Field } from '../../kit/Field';
import { Message, type Msg } from '../../kit/Message';
import { Select } from '../../kit/Select';
import { MedicalCheckpointWarning, medicalWarningOr, type MedicalAnswer, type MedicalWarningState } from './MedicalCheckpointWarning';

/**
 * 修改岗位类型: an existing post made a 卡点值守 or another kind (the post keeps its shifts, people and leader). Made a
 * checkpoint while medical staff are planned on it, the core stops and names them and their days (医务人员原则上不安排
 * 卡点值守): the coordinator writes the reason, saves and rearranges later, or leaves it as it was.
 */
export function PostKindForm({ posts, onSaved }: { posts: readonly Post[]; onSaved: () => void }) {
  const [msg, onMsg] = useState<Msg>(null);
  const [f, setF] = useState({ postId: '', kind: 'checkpoint' as PostKind, location: '' });
  const [medical, setMedical] = useState<MedicalWarningState | null>(null);
  const post = posts.find((p) => String(p.id) === f.postId);
  const pick = (postId: string) => {
    const p = posts.find((x) => String(x.id) === postId);
    setMedical(null);
    setF({ postId, kind: p?.kind ?? 'checkpoint', location: p?.location ?? '' });
  };
  const save = (answer: MedicalAnswer = {}) => {
    onMsg(null);
    if (!post) return onMsg({ ok: false, text: '请选择「岗位」' });
    const { id, communityId, name, requiredSkills, active, requirements } = post;
    void call('rota.posts.save', { ...answer, id, communityId, name, kind: f.kind, location: f.location, requiredSkills, active, requirements })
      .then((p) => (setMedical(null), onMsg({ ok: true, text: `「${p.name}」的岗位类型：${POST_KIND_LABELS[p.kind]}` }), onSaved()))
      .catch((e: unknown) => medicalWarningOr(e, medical, setMedical, (text) => onMsg({ ok: false, text })));
  };
  return (
    <>
      <form className="toolbar panel" aria-label="修改岗位类型" onSubmit={(e) => (e.preventDefault(), save())}>
        <span>修改岗位类型（班次、人数和负责人不变）：</span>
        <Select
          label="岗位"
          value={f.postId}
          onValue={pick}
          options={[
            { value: '', label: '请选择' },
            ...posts.map((p) => ({ value: p.id, label: `${p.communityName} ${p.name}（${POST_KIND_LABELS[p.kind]}）` })),
          ]}
        />
        <Select
          label="改为"
          value={f.kind}
          onValue={(v) => setF({ ...f, kind: v as PostKind })}
          options={POST_KINDS.map((k) => ({ value: k, label: POST_KIND_LABELS[k] }))}
        />
        <Field
          label="岗位地点"
          value={f.location}
          onChange={(e) => setF({ ...f, location: e.target.value })}
          {...(f.kind === 'checkpoint' ? { note: '卡点值守岗位须填写' } : {})}
        />
        <button type="submit" disabled={!post || (post.kind === f.kind && post.location === f.location)}>
          保存类型
        </button>
      </form>
      <Message msg={msg} />
      {medical && (
        <MedicalCheckpointWarning
          warning={medical.warning}
          reason={medical.reason}
          onReason={(reason) => setMedical({ ...medical, reason })}
          onAnswer={save}
          onCancel={() => (setMedical(null), onMsg(null))}
        />
      )}
    </>
  );
}
