import { useState } from 'react';
import {
  CARE_TASK_STATUS_LABELS,
  CATEGORY_LABELS,
  ESCALATION_LABELS,
  METHOD_LABELS,
  RISK_LABELS,
  STATUS_LABELS,
} from '../../../../electron/core/caseload/codes.shared';
import { endedWindowText } from '../../../../electron/core/caseload/observation-days.shared';
import { RETURNEE_LABELS, teamShown, travelText } from '../../../../electron/core/caseload/returnee.shared';
import { useQuery } from '../../api/hooks';
import { call } from '../../api/client';
import { CheckForm } from './CheckForm';
import { TeamForm } from './TeamForm';
import { VoidedNote, VoidForm } from './VoidSection';
import { Message, useRunner } from '../../kit/Message';
import { useRoleAtLeast } from '../../kit/session-context';
import { formatInstant } from '../../kit/datetime';

/** One case: its facts, daily checks, care tasks, status moves and timeline. */
export function CaseDrawer({ caseId, onClose, onChanged }: { caseId: number; onClose: () => void; onChanged: () => void }) {
  const detail = useQuery('cases.get', { id: caseId }, [caseId]);
  const canWrite = useRoleAtLeast('clerk');
  const [reason, setReason] = useState('');
  const [days, setDays] = useState('');
  // Once a step is done its words go with it: the hospital typed for 已到达医疗机构 is not the next step's 结果说明.
  const { msg, run, setMsg } = useRunner(() => (setReason(''), detail.reload(), onChanged()));
  const d = detail.data;
  if (!d)
    return (
      <aside className="cl-drawer" aria-label="个案详情">
        {detail.error ?? '正在载入…'}
      </aside>
    );
  const c = d.case;
  // A voided case is read-only (core: case-void.ts refuseVoided): no 办理, no checks, until a coordinator restores it.
  const active = c.closedOn === null && c.voidedAt === null;
  const checkDay = c.firstMissingCheckOn !== null && c.firstMissingCheckOn < d.today ? c.firstMissingCheckOn : d.today;
  return (
    <aside className="cl-drawer" aria-label="个案详情">
      <header>
        <h2>
          {c.name} · {CATEGORY_LABELS[c.category]}
        </h2>
        <button type="button" onClick={onClose}>
          关闭
        </button>
      </header>
      <dl className="cl-facts">
        <dt>状态</dt>
        <dd>
          {/* As the grid reads it: a voided case is in no figure whatever its status, which is kept for a restore. */}
          {c.voidedAt !== null ? `已作废（作废前：${STATUS_LABELS[c.status]}）` : STATUS_LABELS[c.status]}
          {c.closedOn ? `（${c.closedOn}）` : ''}
        </dd>
        <dt>风险等级</dt>
        <dd>{RISK_LABELS[c.riskLevel]}</dd>
        <dt>住址</dt>
        <dd>
          {c.communityName} {c.gridName ?? ''} {c.address}
        </dd>
        <dt>登记 / 期限</dt>
        <dd>
          {c.openedOn} / {c.dueOn ?? '—'}
        </dd>
        {c.obsStartOn && (
          <>
            <dt>观察期</dt>
            <dd>
              {c.obsStartOn} 至 {c.obsEndOn}（{c.obsDays} 天）
              {c.obsEnded ? `，${endedWindowText(c.overdueDays)}` : c.overdueDays > 0 && <span className="cl-flag">，漏查 {c.overdueDays} 天</span>}
            </dd>
          </>
        )}
        <dt>责任人</dt>
        <dd>{c.staffName ?? '未指定'}</dd>
        <dt>来源</dt>
        <dd>{c.source ?? '—'}</dd>
        {d.careFor && (
          <>
            <dt>照料缘由</dt>
            <dd>{d.careFor}</dd>
          </>
        )}
        {d.referredFrom && (
          <>
            <dt>转诊来源</dt>
            <dd>{d.referredFrom}</dd>
          </>
        )}
        {/* One row each: the label column is 110 px, and 「来源地 / 返程日期」 wrapped to 「返程日」「期」 there. */}
        {c.origin && (
          <>
            <dt>{RETURNEE_LABELS.origin}</dt>
            <dd>{c.origin}</dd>
          </>
        )}
        {c.arrivedOn && (
          <>
            <dt>{RETURNEE_LABELS.arrivedOn}</dt>
            <dd>{c.arrivedOn}</dd>
          </>
        )}
        {travelText(c) && (
          <>
            <dt>{RETURNEE_LABELS.transport}</dt>
            <dd>{travelText(c)}</dd>
          </>
        )}
        {teamShown(c) && (
          <>
            <dt>包保责任人</dt>
            <dd>{teamShown(c)}</dd>
          </>
        )}
        {c.notes && (
          <>
            <dt>备注</dt>
            <dd style={{ whiteSpace: 'pre-wrap' }}>{c.notes}</dd>
          </>
        )}
      </dl>
      <Message msg={msg} />
      <VoidedNote c={c} run={run} />
      {/* The day's check first, under the facts: at 1366×768 it sat below 办理, 包保责任人 and 作废, out of sight (w68 walk). */}
      {c.obsStartOn && (
        <section>
          <h3>每日健康监测</h3>
          {canWrite && active && (
            <CheckForm
              // A new day owed is a new form: the one just recorded (its date, 37.8) is not offered again.
              key={`${caseId}:${checkDay}`}
              caseId={caseId}
              who={c.name}
              day={checkDay}
              onDone={() => (detail.reload(), onChanged())}
              // Said above the form, in the drawer's line: the form is made anew for the next day owed, and its own line with it.
              report={setMsg}
            />
          )}
          {d.checks.length === 0 ? (
            <p className="muted">还没有健康监测记录。</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>日期</th>
                  <th>体温</th>
                  <th>症状</th>
                  <th>方式</th>
                  <th>监测人</th>
                  <th>异常</th>
                </tr>
              </thead>
              <tbody>
                {d.checks.map((k) => (
                  <tr key={k.id}>
                    <td>{k.checkDate}</td>
                    <td>{k.temperature ?? '—'}</td>
                    <td>{k.symptoms ?? '无'}</td>
                    <td>{METHOD_LABELS[k.method]}</td>
                    <td>{k.checkedBy}</td>
                    <td className={k.flagged ? 'cl-flag' : ''}>
                      {k.escalation === null ? '' : ESCALATION_LABELS[k.escalation]}
                      {k.escalation === 'dismissed' ? `：${k.escalationNote ?? ''}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {canWrite && active && (
        <section className="panel">
          <h3>办理</h3>
          <div className="field">
            <label htmlFor="case-reason">原因 / 结果说明</label>
            <input
              id="case-reason"
              value={reason}
              // A fever referral has no other place for the hospital and the outcome: say that they go here (kept in 办理记录).
              placeholder={c.category === 'fever_referral' ? '如：到达的医院、时间；办结时写明结果' : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <div className="actions" style={{ justifyContent: 'flex-start' }}>
            {d.allowedNext.map((s) => (
              <button
                key={s}
                type="button"
                onClick={() => void run(call('cases.transition', { caseId, to: s, reason: reason || null }), `已改为「${STATUS_LABELS[s]}」`)}
              >
                改为「{STATUS_LABELS[s]}」
              </button>
            ))}
          </div>
          {c.obsStartOn && (
            <p className="hint">
              家中老人或孩子另住他处、无人照料？<a href={`#/caseload?tab=register&originCaseId=${caseId}`}>为{c.name}的家属登记照料个案</a>
            </p>
          )}
          {c.obsStartOn && (
            <div className="toolbar" style={{ marginTop: 10 }}>
              <div className="field">
                <label htmlFor="obs-days">观察天数</label>
                <input id="obs-days" inputMode="numeric" placeholder={String(c.obsDays)} value={days} onChange={(e) => setDays(e.target.value)} />
              </div>
              <button
                type="button"
                onClick={() => void run(call('cases.update', { caseId, obsDays: Number(days), changeReason: reason || null }), '观察期已调整')}
              >
                调整观察期
              </button>
            </div>
          )}
          <TeamForm key={caseId} caseId={caseId} team={c} run={run} />
        </section>
      )}
      {canWrite && c.voidedAt === null && <VoidForm key={caseId} c={c} run={run} />}
      {d.careTasks.length > 0 && (
        <section>
          <h3>生活照料</h3>
          <ul>
            {d.careTasks.map((t) => (
              <li key={t.id}>
                {t.residentName}：{t.reason}，下次走访 {t.nextVisitOn}（{CARE_TASK_STATUS_LABELS[t.status]}）
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h3>办理记录</h3>
        {d.timeline.length === 0 ? (
          // Cases made before the ledger kept this record (or by the demo) have none yet: say what will come, not an empty list.
          <p className="muted">还没有办理记录。以后这个个案的每一步办理（改状态、风险等级，延长观察，结案等）都会按时间列在这里，写明谁办的、改了什么。</p>
        ) : (
          <ol className="cl-timeline">
            {d.timeline.map((e, i) => (
              <li key={i}>
                <time>{formatInstant(e.at)}</time>
                {e.displayName}：{e.what}
              </li>
            ))}
          </ol>
        )}
      </section>
    </aside>
  );
}
