/** 牺牲人员报告 and 报送日历 for 工作台, from the honours' and export's own read functions. */
import type { Clock } from '../clock';
import type { ReadDb } from '../db/types';
import { honoursDue } from '../honours/due';
import { scheduleStatuses } from '../io/export/calendar';
import type { MemorialFigures, ReportsFigures } from './types.shared';

export function memorialFigures(db: ReadDb, clock: Clock, communityId?: number): MemorialFigures {
  // Counts and record ids only: no name is opened for the dashboard.
  const due = honoursDue(db, clock, null);
  const ids = [...new Set([...due.overdueReports.map((r) => r.memorialId), ...due.followUps.map((f) => f.memorialId)])];
  // honoursDue covers the office; a chosen community keeps only its own records.
  const inCommunity =
    communityId === undefined
      ? null
      : new Set(
          (
            db
              .prepare(`SELECT m.id FROM honours_memorials m WHERE m.community_id = @communityId AND m.id IN (SELECT value FROM json_each(@ids))`)
              .all({ communityId, ids: JSON.stringify(ids) }) as Array<{ id: number }>
          ).map((r) => r.id),
        );
  const keep = (id: number) => inCommunity === null || inCommunity.has(id);
  const overdue = due.overdueReports.filter((r) => keep(r.memorialId));
  return {
    overdueReports: overdue.length,
    memorialIds: overdue.map((r) => r.memorialId),
    followUpsDue: due.followUps.filter((f) => keep(f.memorialId)).length,
  };
}

export function reportsFigures(db: ReadDb, clock: Clock): ReportsFigures {
  const all = scheduleStatuses(db, clock);
  const items = all
    .filter((s) => s.state === 'due' || s.state === 'overdue')
    .map((s) => ({ id: s.id, title: s.title, recipient: s.recipient, dueDay: s.dueDay, dueTime: s.dueTime, state: s.state }));
  return { scheduled: all.length, due: items.filter((i) => i.state === 'due').length, overdue: items.filter((i) => i.state === 'overdue').length, items };
}
