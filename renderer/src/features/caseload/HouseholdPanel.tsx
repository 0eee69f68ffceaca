import { useEffect, useState } from 'react';
import { SCREENING_LABELS } from '../../../../electron/core/caseload/codes.shared';
import type { HouseholdListRow, ResidentListRow, ScreeningVisitRow } from '../../../../electron/core/caseload/list-types.shared';
import { call, errorMessage } from '../../api/client';
import { revealOnMount } from '../../kit/reveal';
import { ScreeningVisits } from './ScreeningVisits';
import { screenedBefore } from '../../../../electron/core/caseload/screening-status.shared';

/** More people than this at one address is a dormitory or a data error: the panel says how many it leaves out. */
const MEMBERS_SHOWN = 200;

/**
 * A household and who lives there (residents.list by householdId: the numbers masked as the role sees them, a
 * viewer the birth year alone), its 户主 marked and each member's 与户主关系 as stored. Opened from a row of 入户排查 (「成员」) and of 居民查询
 * (「同户」, the person found marked too), and its 入户排查 visits, the latest first (why it counts as screened).
 */
export function HouseholdPanel({ householdId, person, onClose }: { householdId: number; person?: number; onClose: () => void }) {
  const [state, setState] = useState<
    { household: HouseholdListRow; members: ResidentListRow[]; total: number; visits: ScreeningVisitRow[] } | { error: string } | null
  >(null);
  useEffect(() => {
    let live = true;
    Promise.all([
      call('households.get', { id: householdId }),
      call('residents.list', { filter: { householdId }, offset: 0, limit: MEMBERS_SHOWN }),
      call('households.visits', { householdId }),
    ])
      .then(([household, page, visits]) => live && setState({ household, members: page.rows, total: page.total, visits }))
      .catch((e: unknown) => live && setState({ error: errorMessage(e) }));
    return () => void (live = false);
  }, [householdId]);
  if (state === null) return <p className="loading">正在读取这一户…</p>;
  if ('error' in state)
    return (
      <p className="error" role="alert">
        {state.error}
      </p>
    );
  const { household: h, members, total, visits } = state;
  return (
    <section className="panel" aria-label={`住户：${h.address}`} ref={revealOnMount}>
      <h3>
        {h.address}（{h.communityName}
        {h.gridName ? ` ${h.gridName}` : ''}）
      </h3>
      <p>
        户主：{h.headName ?? '未登记'}　排查状态：{SCREENING_LABELS[h.screeningStatus]}
        {h.screenedOn ? `（${h.screenedOn}${h.screenedBy ? ` ${h.screenedBy}` : ''}）` : ''}
        {screenedBefore(h) && `，${h.lastScreenedOn} 已排查，计入覆盖`}　共 {total} 人
      </p>
      {members.length === 0 ? (
        <p className="field-note">这一户还没有登记居民。可以导入社区的居民表，或到「入户登记」逐人登记。</p>
      ) : (
        <table className="household-members" aria-label="同户人员">
          <thead>
            <tr>
              <th>姓名</th>
              <th>与户主关系</th>
              <th>身份证号</th>
              <th>联系电话</th>
              <th>出生</th>
              <th>在办个案</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} aria-current={m.id === person ? 'true' : undefined}>
                <td>
                  {m.name}
                  {h.headName === m.name && <span className="head-mark">户主</span>}
                </td>
                <td>{m.relation ?? ''}</td>
                <td>{m.idNumber}</td>
                <td>{m.phone}</td>
                <td>{m.birthDate && m.birthDate.length === 4 ? `${m.birthDate}年` : (m.birthDate ?? '')}</td>
                <td>{m.activeCases}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > members.length && <p className="field-note">只列出前 {members.length} 人。</p>}
      <ScreeningVisits visits={visits} />
      <button type="button" onClick={onClose}>
        关闭
      </button>
    </section>
  );
}
