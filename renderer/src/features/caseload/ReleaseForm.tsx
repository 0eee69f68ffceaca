import { useState } from 'react';
import { CATEGORY_LABELS } from '../../../../electron/core/caseload/codes.shared';
import type { TodayItem } from '../../../../electron/core/caseload/today-types.shared';
import { addDays, daysBetween } from '../../../../electron/core/dates.shared';
import { call, errorMessage } from '../../api/client';
import { Message, useRunner, type Msg } from '../../kit/Message';

type ReleaseItem = Extract<TodayItem, { kind: 'release_due' }>;

/**
 * 待解除观察: the period is over and the case is still 观察中. Release it (saying,
 * for each care task the observation started in the household, whether the care
 * goes on), or extend it with a reason. Nothing is decided for the user. A care case
 * opened for a dependant because of this observation stays open unless the user
 * chooses to close it with the release (the relative is home again).
 */
export function ReleaseForm({ item, today, onDone, report }: { item: ReleaseItem; today: string; onDone: () => void; report: (m: Msg) => void }) {
  const [keep, setKeep] = useState<Record<number, boolean | undefined>>({});
  const [closeCase, setCloseCase] = useState<Record<number, boolean>>({});
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(addDays(today, 7));
  const { msg, setMsg } = useRunner();
  // The outcome goes to the screen (report): once released or extended, this row leaves the list and its own message with it.
  const run = (p: Promise<unknown>, ok: string) =>
    p
      .then(() => {
        report({ ok: true, text: ok });
        onDone();
      })
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
  const undecided = item.careTasks.filter((t) => keep[t.careTaskId] === undefined);
  const closing = item.careCases.filter((c) => closeCase[c.careCaseId] === true);
  const release = () => {
    if (undecided.length > 0) return report({ ok: false, text: `请先确定观察结束后是否继续照料：${undecided.map((t) => t.residentName).join('、')}` });
    void run(
      call('cases.transition', {
        caseId: item.caseId,
        to: 'released',
        reason: reason || null,
        careTasks: item.careTasks.map((t) => ({ careTaskId: t.careTaskId, keep: keep[t.careTaskId] === true })),
        careCases: item.careCases.map((c) => ({ careCaseId: c.careCaseId, keep: closeCase[c.careCaseId] !== true })),
      }),
      `已解除${item.title}的观察${closing.length ? `；${closing.map((c) => c.residentName).join('、')}的照料个案已随之办结` : ''}`,
    );
  };
  const extend = () =>
    void run(
      call('cases.update', { caseId: item.caseId, obsDays: item.obsDays + daysBetween(item.obsEndOn, until), changeReason: reason || null }),
      `已将${item.title}的观察期延长至 ${until}`,
    );
  return (
    <span className="cl-inline" role="group" aria-label={`${item.title} 解除观察`}>
      {item.careTasks.map((t) => (
        <label key={t.careTaskId} title={t.reason}>
          {t.residentName}的照料：
          <select
            aria-label={`${t.residentName} 观察结束后的照料`}
            value={keep[t.careTaskId] === undefined ? '' : keep[t.careTaskId] ? 'keep' : 'end'}
            onChange={(e) => setKeep({ ...keep, [t.careTaskId]: e.target.value === '' ? undefined : e.target.value === 'keep' })}
          >
            <option value="">请选择</option>
            <option value="keep">继续照料</option>
            <option value="end">结束照料</option>
          </select>
        </label>
      ))}
      {item.careCases.map((c) => (
        <label key={c.careCaseId} title={`${CATEGORY_LABELS[c.category]}个案，因${item.title}${CATEGORY_LABELS[item.category]}开设`}>
          {c.residentName}的照料个案：
          <select
            aria-label={`${c.residentName} 照料个案`}
            value={closeCase[c.careCaseId] ? 'close' : 'keep'}
            onChange={(e) => setCloseCase({ ...closeCase, [c.careCaseId]: e.target.value === 'close' })}
          >
            <option value="keep">仍需照料，个案继续</option>
            <option value="close">亲属已返家，随解除办结</option>
          </select>
        </label>
      ))}
      <input
        className="wide"
        aria-label={`${item.title} 原因`}
        placeholder="原因（漏查时解除、延长观察须填写）"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button className="primary" type="button" onClick={release}>
        解除观察
      </button>
      <input type="date" aria-label={`${item.title} 延长至`} value={until} min={today} onChange={(e) => setUntil(e.target.value)} />
      <button type="button" onClick={extend}>
        延长观察
      </button>
      <Message msg={msg} />
    </span>
  );
}
