import { useState } from 'react';
import { lateNote, type TodayItem, type TodayKind } from '../../../../electron/core/caseload/today-types.shared';
import { call } from '../../api/client';
import { useSession } from '../../kit/session-context';
import { CheckForm } from './CheckForm';
import { ReleaseForm } from './ReleaseForm';
import type { Msg } from '../../kit/Message';
import { WholeDays } from '../../kit/WholeDays';

/** One item of 今日随访 (TodayScreen.tsx): who, what is due and how late, and for a clerk the form that does it in place. */
export function TodayRow({
  item,
  today,
  canWrite,
  run,
  reload,
  report,
}: {
  item: TodayItem;
  today: string;
  canWrite: boolean;
  run: (p: Promise<unknown>, ok: string) => Promise<boolean>;
  reload: () => void;
  report: (m: Msg) => void;
}) {
  const me = useSession().user.displayName;
  const [note, setNote] = useState('');
  const late = lateNote(item, today);
  return (
    <div className="cl-item" data-kind={item.kind as TodayKind}>
      <span className="who">{item.title}</span>
      <span className="what">
        <WholeDays text={item.detail} />
        {late && (
          <span className="late">
            <WholeDays text={late} />
          </span>
        )}
        <span style={{ color: 'var(--muted)' }}>
          {' '}
          · {item.communityName}
          {item.gridName ? ` ${item.gridName}` : ''}
        </span>
      </span>
      {canWrite && <Actions item={item} today={today} me={me} note={note} setNote={setNote} run={run} reload={reload} report={report} />}
    </div>
  );
}

function Actions(p: {
  item: TodayItem;
  today: string;
  me: string;
  note: string;
  setNote: (s: string) => void;
  run: (x: Promise<unknown>, ok: string) => Promise<boolean>;
  reload: () => void;
  report: (m: Msg) => void;
}) {
  const { item, today, me, note, setNote, run } = p;
  switch (item.kind) {
    case 'check_due':
      return <CheckForm caseId={item.caseId} who={item.title} day={today} onDone={p.reload} report={p.report} />;
    case 'check_overdue':
      return <CheckForm caseId={item.caseId} who={item.title} day={item.dueOn} onDone={p.reload} report={p.report} />;
    case 'release_due':
      return <ReleaseForm item={item} today={today} onDone={p.reload} report={p.report} />;
    case 'escalation':
      return (
        <span className="cl-inline">
          <button
            className="primary"
            type="button"
            onClick={() => void run(call('checks.escalate', { checkId: item.checkId }), `已为${item.title}登记发热筛查分诊`)}
          >
            转发热分诊
          </button>
          <input
            className="wide"
            aria-label={`${item.title} 排除原因`}
            placeholder="排除原因（如复测正常）"
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="button" onClick={() => void run(call('checks.dismiss', { checkId: item.checkId, note }), '已排除')}>
            排除
          </button>
        </span>
      );
    case 'care_visit_due':
      return (
        <span className="cl-inline">
          <input
            className="wide"
            aria-label={`${item.title} 需求`}
            placeholder={item.standalone ? '需求（无则不填）；不再需要照料时写原因' : '需求（无则不填）'}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button
            className="primary"
            type="button"
            onClick={() =>
              void run(
                call('care.visits.record', { careTaskId: item.careTaskId, visitDate: today, visitedBy: me, needs: note || null, needsOpen: note !== '' }),
                `已登记对${item.title}的走访`,
              )
            }
          >
            已走访
          </button>
          {item.standalone && (
            <button
              type="button"
              onClick={() => void run(call('care.tasks.close', { careTaskId: item.careTaskId, reason: note }), `已结束对${item.title}的照料`)}
            >
              不再需要照料
            </button>
          )}
        </span>
      );
    case 'care_need_open':
      return (
        <span className="cl-inline">
          <input className="wide" aria-label={`${item.title} 解决措施`} placeholder="采取的措施" value={note} onChange={(e) => setNote(e.target.value)} />
          <button
            className="primary"
            type="button"
            onClick={() => void run(call('care.needs.resolve', { visitId: item.visitId, actions: note || null }), '需求已解决')}
          >
            已解决
          </button>
        </span>
      );
    case 'screening_revisit':
      return (
        <button
          type="button"
          onClick={() =>
            void run(
              call('households.get', { id: item.householdId }).then((h) =>
                call('households.save', {
                  id: h.id,
                  communityId: h.communityId,
                  screeningStatus: 'screened',
                  screenedOn: today,
                  screenedBy: me,
                  revisitOn: null,
                }),
              ),
              '已记为已排查',
            )
          }
        >
          复访已排查
        </button>
      );
    case 'external':
      return item.link ? <a href={item.link}>去处理</a> : null;
  }
}
