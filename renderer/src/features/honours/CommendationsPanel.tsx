import { useRef, useState, type FormEvent, type RefObject } from 'react';
import {
  COMMENDATION_STATUS_LABELS,
  COMMENDATION_STATUSES,
  SUBJECT_KIND_LABELS,
  SUBJECT_KINDS,
  type Commendation,
  type CommendationStatus,
  type SubjectKind,
} from '../../../../electron/core/honours/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { useSession } from '../../kit/session-context';
import { DataGrid } from '../../kit/grid/DataGrid';
import { headersWhileEmpty } from './ui';
import { Field, TextArea } from '../../kit/Field';
import { CommendationActions } from './CommendationActions';
import { formatDayLong } from '../../kit/datetime';
import { Message, type Msg } from '../../kit/Message';
import { Select } from '../../kit/Select';
import { revealOnMount } from '../../kit/reveal';

const kindOptions = SUBJECT_KINDS.map((k) => ({ value: k, label: SUBJECT_KIND_LABELS[k] }));
const statusOptions = COMMENDATION_STATUSES.map((s) => ({ value: s, label: COMMENDATION_STATUS_LABELS[s] }));

/** 表彰表扬: outstanding communities, clinics, volunteer teams and workers, filtered by community and kind. */
export function CommendationsPanel({ editable, isCoordinator }: { editable: boolean; isCoordinator: boolean }) {
  // The list holds the living only (a 追授 belongs to its memorial record): an empty list must not read as "none at all".
  const posthumousWhere = isCoordinator ? '追授在「牺牲人员」里各人的记录下办理，不列在这里。' : '追授属于牺牲人员记录，只有统筹负责人可以查看，不列在这里。';
  const communities = useQuery('org.communities.list', {});
  const [filter, setFilter] = useState({ communityId: '', subjectKind: '', status: '' });
  const list = useQuery(
    'honours.commendations.list',
    {
      ...(filter.communityId ? { communityId: Number(filter.communityId) } : {}),
      ...(filter.subjectKind ? { subjectKind: filter.subjectKind as SubjectKind } : {}),
      ...(filter.status ? { status: filter.status as CommendationStatus } : {}),
    },
    [filter.communityId, filter.subjectKind, filter.status],
  );
  const [selected, setSelected] = useState<Commendation | null>(null);
  const form = useRef<HTMLFormElement>(null);
  // The form sits below the list, out of a 1366×678 window: the button above brings it into sight, its first box ready.
  const toForm = () => {
    form.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    form.current?.querySelector<HTMLElement>('input, textarea')?.focus({ preventScroll: true });
  };
  const communityOptions = [{ value: '', label: '全部社区' }, ...(communities.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))];
  return (
    <div>
      <div className="toolbar">
        <Select label="社区" value={filter.communityId} onChange={(e) => setFilter({ ...filter, communityId: e.target.value })} options={communityOptions} />
        <Select
          label="对象类别"
          value={filter.subjectKind}
          onChange={(e) => setFilter({ ...filter, subjectKind: e.target.value })}
          options={[{ value: '', label: '全部' }, ...kindOptions]}
        />
        <Select
          label="办理状态"
          value={filter.status}
          onChange={(e) => setFilter({ ...filter, status: e.target.value })}
          options={[{ value: '', label: '全部' }, ...statusOptions]}
        />
        {editable && (
          <button className="primary" type="button" onClick={toForm}>
            新增表彰推荐
          </button>
        )}
      </div>
      <DataGrid<Commendation>
        label="表彰表扬名单"
        height={360}
        rowData={list.data}
        empty={
          filter.communityId || filter.subjectKind || filter.status
            ? { text: '没有符合筛选条件的表彰。' }
            : {
                text: `${editable ? '还没有在世集体和个人的表彰推荐。点上方的「新增表彰推荐」，登记先进集体和个人的事迹。' : '还没有在世集体和个人的表彰推荐。'}${posthumousWhere}`,
              }
        }
        {...headersWhileEmpty<Commendation>(['subjectName', 'subjectKind', 'communityName', 'status'])}
        getRowId={(p) => String(p.data.id)}
        rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
        onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
        columnDefs={[
          { field: 'subjectName', headerName: '表彰对象', pinned: 'left' },
          { field: 'subjectKind', headerName: '类别', valueFormatter: (p) => SUBJECT_KIND_LABELS[p.value as SubjectKind] },
          { field: 'communityName', headerName: '社区' },
          { field: 'proposedTitle', headerName: '拟授予称号', flex: 2, minWidth: 160, wrapText: true, autoHeight: true },
          { field: 'proposer', headerName: '推荐单位（人）', flex: 1, minWidth: 150 },
          { field: 'status', headerName: '状态', valueFormatter: (p) => COMMENDATION_STATUS_LABELS[p.value as CommendationStatus] },
          { field: 'draftedOn', headerName: '拟稿日期', width: 140, valueFormatter: (p) => formatDayLong(p.value as string) },
          { field: 'approvingBody', headerName: '审批机关', flex: 1, minWidth: 150 },
        ]}
      />
      {selected && (
        <div className="panel" aria-label="选中的表彰" key={selected.id} ref={revealOnMount}>
          <h2>
            {selected.subjectName}：{selected.proposedTitle}
          </h2>
          <p style={{ whiteSpace: 'pre-wrap' }}>{selected.deeds}</p>
          {editable ? (
            <CommendationActions key={selected.id} k={selected} onChange={(k) => (setSelected(k), list.reload())} />
          ) : (
            <p>
              状态：{COMMENDATION_STATUS_LABELS[selected.status]}　<a href={`#/print/honours-commendation-form?id=${selected.id}`}>打印表彰推荐审批表</a>
            </p>
          )}
        </div>
      )}
      {editable && <NewCommendation communityOptions={communityOptions.slice(1)} onSaved={list.reload} formRef={form} />}
    </div>
  );
}

function NewCommendation({
  communityOptions,
  onSaved,
  formRef,
}: {
  communityOptions: Array<{ value: string; label: string }>;
  onSaved: () => void;
  formRef: RefObject<HTMLFormElement | null>;
}) {
  const { officeName } = useSession();
  const empty = { subjectKind: 'person', subjectName: '', communityId: '', proposedTitle: '', deeds: '', proposer: officeName };
  const [f, setF] = useState(empty);
  const [msg, setMsg] = useState<Msg>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    call('honours.commendations.save', { ...f, subjectKind: f.subjectKind as SubjectKind, communityId: f.communityId ? Number(f.communityId) : null })
      .then((k) => (setMsg({ ok: true, text: `已登记对「${k.subjectName}」的表彰推荐` }), setF(empty), onSaved()))
      .catch((err: unknown) => setMsg({ ok: false, text: errorMessage(err) }));
  };
  return (
    <form className="panel" onSubmit={submit} aria-label="新增表彰推荐" ref={formRef}>
      <h2>新增表彰推荐</h2>
      <div className="honours-form">
        <Select label="表彰对象类别" value={f.subjectKind} onChange={set('subjectKind')} options={kindOptions} />
        <Field label="表彰对象" value={f.subjectName} onChange={set('subjectName')} required maxLength={60} placeholder="姓名或单位名称" />
        <Select label="所属社区" value={f.communityId} onChange={set('communityId')} options={[{ value: '', label: '（街道或其他）' }, ...communityOptions]} />
        <Field label="拟授予称号" value={f.proposedTitle} onChange={set('proposedTitle')} required maxLength={60} />
        <Field label="推荐单位（人）" value={f.proposer} onChange={set('proposer')} required maxLength={60} />
        <div className="wide">
          <TextArea label="主要事迹" value={f.deeds} onChange={set('deeds')} required rows={5} maxLength={8000} />
        </div>
      </div>
      <Message msg={msg} />
      <div className="actions">
        <button className="primary" type="submit">
          登记表彰推荐
        </button>
      </div>
    </form>
  );
}
