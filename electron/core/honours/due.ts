/**
 * What is owed today to the fallen and their families: deaths not yet reported
 * to every required recipient within the limit, and family follow-ups that
 * have come due. Read by `honours.due`, and meant for the Today list and the
 * dashboard (they may call `honoursDue` directly with their own read handle).
 */
import type { Clock } from '../clock';
import { addDays } from '../dates.shared';
import type { ReadDb } from '../db/types';
import { parseReportMoments, readHonoursSettings } from './memorial-queries';
import { reportClock, REQUIRED_RECIPIENTS, reportingStatus } from './reporting.shared';
import type { HonoursDue } from './types.shared';
import type { Sealer } from '../db/sealer';
import { MEMORIAL_PERSONAL, openPersonal } from './sealed-records';

/**
 * The name of the person a due item concerns, opened once per record. Without
 * the key (the dashboard's counts need no names) the name is left empty.
 */
function nameOpener(db: ReadDb, sealer: Sealer | null): (memorialId: number) => string {
  const names = new Map<number, string>();
  const read = db.prepare(`SELECT m.name, m.personal_sealed AS personalSealed FROM honours_memorials m WHERE m.id = @id`);
  return (id) => {
    let n = names.get(id);
    if (n === undefined) {
      const row = read.get({ id }) as { name: string | null; personalSealed: Buffer | null };
      n = row.personalSealed && !sealer ? '' : (openPersonal(db, sealer, MEMORIAL_PERSONAL, row).name ?? '');
      names.set(id, n);
    }
    return n;
  };
}

/** Deaths are dated the way the family and the office date them: the office's calendar day (`clock.dayOf`). */
export function honoursDue(db: ReadDb, clock: Pick<Clock, 'nowIso' | 'today' | 'dayOf'>, sealer: Sealer | null): HonoursDue {
  const nowIso = clock.nowIso();
  const today = clock.today();
  const name = nameOpener(db, sealer);
  // Both limits are the office's settings (the notice says 第一时间); both run from the death, or from when the office learned of it.
  const { reportLimitHours: limit, firstVisitDays } = readHonoursSettings(db);
  const unreported = db
    .prepare(
      `SELECT m.id, m.died_at AS diedAt, m.learned_at AS learnedAt,
              (SELECT json_group_array(json_object('recipient', r.recipient, 'reportedAt', r.reported_at)) FROM honours_reports r WHERE r.memorial_id = m.id) AS reportsJson
       FROM honours_memorials m
       WHERE (SELECT count(DISTINCT r.recipient) FROM honours_reports r WHERE r.memorial_id = m.id) < @required
       ORDER BY m.died_at`,
    )
    .all({ required: REQUIRED_RECIPIENTS.length }) as Array<{ id: number; diedAt: string; learnedAt: string | null; reportsJson: string }>;
  const overdueReports: HonoursDue['overdueReports'] = [];
  for (const m of unreported) {
    const started = reportClock(m);
    const s = reportingStatus(started.at, parseReportMoments(m.reportsJson), limit, nowIso);
    if (s.overdue)
      overdueReports.push({
        memorialId: m.id,
        name: name(m.id),
        diedAt: m.diedAt,
        clockFrom: started.from,
        clockStartedAt: started.at,
        elapsedHours: s.elapsedHours,
        missing: s.missing,
      });
  }

  const followUps: HonoursDue['followUps'] = [];
  // The promise made at the latest visit: due from its date until a later visit is logged.
  const visits = db
    .prepare(
      `SELECT v.memorial_id AS memorialId, v.next_visit_on AS dueOn
       FROM honours_visits v
       WHERE v.next_visit_on IS NOT NULL AND v.next_visit_on <= @today
         AND NOT EXISTS (SELECT 1 FROM honours_visits later WHERE later.memorial_id = v.memorial_id AND (later.visited_on > v.visited_on OR (later.visited_on = v.visited_on AND later.id > v.id)))
       ORDER BY v.next_visit_on`,
    )
    .all({ today }) as Array<{ memorialId: number; dueOn: string }>;
  for (const v of visits) {
    const n = name(v.memorialId);
    followUps.push({ ...v, name: n, kind: 'visit', what: `回访${n}同志家属` });
  }

  const neverVisited = db
    .prepare(
      `SELECT m.id AS memorialId, m.died_at AS diedAt, m.learned_at AS learnedAt FROM honours_memorials m
       WHERE NOT EXISTS (SELECT 1 FROM honours_visits v WHERE v.memorial_id = m.id) ORDER BY m.died_at`,
    )
    .all() as Array<{ memorialId: number; diedAt: string; learnedAt: string | null }>;
  for (const m of neverVisited) {
    const dueOn = addDays(clock.dayOf(reportClock(m).at), firstVisitDays);
    if (dueOn <= today) {
      const n = name(m.memorialId);
      followUps.push({ memorialId: m.memorialId, name: n, kind: 'visit', dueOn, what: `尚未登记对${n}同志家属的慰问` });
    }
  }

  const difficulties = db
    .prepare(
      `SELECT d.memorial_id AS memorialId, d.follow_up_on AS dueOn, d.kind
       FROM honours_difficulties d
       WHERE d.status IN ('open', 'in_progress') AND d.follow_up_on <= @today
       ORDER BY d.follow_up_on`,
    )
    .all({ today }) as Array<{ memorialId: number; dueOn: string; kind: string }>;
  for (const d of difficulties) {
    const n = name(d.memorialId);
    followUps.push({ memorialId: d.memorialId, name: n, kind: 'difficulty', dueOn: d.dueOn, what: `跟进${n}同志家属的${d.kind}困难` });
  }

  followUps.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  return { overdueReports, followUps };
}
