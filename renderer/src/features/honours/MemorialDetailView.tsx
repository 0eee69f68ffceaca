import { useState } from 'react';
import { describeElapsed } from '../../../../electron/core/honours/reporting.shared';
import { AttachmentsSection } from './AttachmentsSection';
import { CareSection } from './CareSection';
import { formatDayLong, formatInstantLong } from '../../kit/datetime';
import { MemorialForm } from './MemorialForm';
import { PosthumousSection } from './PosthumousSection';
import { PublicitySection } from './PublicitySection';
import { ReportingSection } from './ReportingSection';
import { StepsSection } from './StepsSection';
import { MEMORIAL_HEADING } from '../../../../electron/core/honours/types.shared';
import { Section } from './ui';
import { useMemorial } from './use-memorial';

/** One memorial record, opened (and audited) once; each section hands back the updated record. */
export function MemorialDetailView({ id, onClose }: { id: number; onClose: () => void }) {
  const { detail: d, setDetail, error } = useMemorial(id);
  const [editing, setEditing] = useState(false);
  if (error) return <p className="error">{error}</p>;
  if (!d) return <p className="loading">正在打开记录…</p>;
  if (editing) return <MemorialForm existing={d} onCancel={() => setEditing(false)} onSaved={(x) => (setDetail(x), setEditing(false))} />;
  const r = d.reporting;
  return (
    <div>
      <div className="toolbar">
        <button onClick={onClose}>返回名单</button>
        <a className="button-link" href={`#/print/honours-memorial?id=${d.id}`}>
          打印事迹材料
        </a>
      </div>
      <header className="memorial-head">
        <h1>{d.name}同志</h1>
        <span>{d.post}</span>
        <span className="muted">
          {MEMORIAL_HEADING}，{formatInstantLong(d.diedAt)}
          {r.clockFrom === 'learned' ? `；街道 ${formatInstantLong(r.clockStart)} 获悉` : ''}，距今 {describeElapsed(r.elapsedHours)}
        </span>
      </header>
      {r.overdue ? (
        <p className="overdue-banner" role="alert">
          已超过本街道设置的 {r.limitHours} 小时报告时限（自{r.clockFrom === 'learned' ? '获悉' : '牺牲'}时起算；通知要求第一时间报告），尚未报告：
          {r.missing.join('、')}。
        </p>
      ) : r.complete ? (
        <p className="done-banner" role="status">
          已向党委、政府、上级民政部门、上级卫生健康部门全部报告。
        </p>
      ) : (
        <p className="notice">
          通知要求第一时间报告。按本街道设置的 {r.limitHours} 小时时限（自{r.clockFrom === 'learned' ? '获悉' : '牺牲'}时起算），请在{' '}
          {formatInstantLong(r.deadline)} 前报告：{r.missing.join('、')}。
        </p>
      )}
      <Section title="基本情况" actions={<button onClick={() => setEditing(true)}>修改基本情况</button>}>
        <dl className="facts">
          <dt>姓名</dt>
          <dd>
            {d.name}
            {d.sex ? `，${d.sex}` : ''}
            {d.birthDate ? `，${formatDayLong(d.birthDate)}生` : ''}
            {d.staffId ? '（在册人员）' : ''}
          </dd>
          <dt>身份证号</dt>
          <dd>{d.idNumber ?? '未登记'}</dd>
          <dt>岗位职务</dt>
          <dd>{d.post}</dd>
          <dt>所在社区</dt>
          <dd>{d.communityName ?? '—'}</dd>
          <dt>牺牲时间</dt>
          <dd>{formatInstantLong(d.diedAt)}</dd>
          {d.learnedAt && (
            <>
              <dt>获悉时间</dt>
              <dd>{formatInstantLong(d.learnedAt)}</dd>
            </>
          )}
          <dt>牺牲地点</dt>
          <dd>{d.place}</dd>
          <dt>原因类别</dt>
          <dd>{d.cause}</dd>
          <dt>牺牲经过</dt>
          <dd>{d.circumstances}</dd>
        </dl>
      </Section>
      <ReportingSection detail={d} onChange={setDetail} />
      <PosthumousSection detail={d} onChange={setDetail} />
      <StepsSection detail={d} onChange={setDetail} />
      <CareSection detail={d} onChange={setDetail} />
      <PublicitySection detail={d} onChange={setDetail} />
      <AttachmentsSection detail={d} onChange={setDetail} />
    </div>
  );
}
