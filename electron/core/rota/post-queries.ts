import type { ReadDb, WriteDb } from '../db/types';
import { DEFAULT_RULES, type Post, type PostKind, type PostRequirement, type Rate, type RotaRules, type Shift } from './types.shared';
import { writeSetting } from '../settings/queries';

export function listShifts(db: ReadDb): Shift[] {
  return db
    .prepare(`SELECT id, name, start_minute AS startMinute, end_minute AS endMinute, sort_order AS sortOrder FROM rota_shifts ORDER BY sort_order, id`)
    .all() as Shift[];
}

export function getShift(db: ReadDb, id: number): Shift | undefined {
  return listShifts(db).find((s) => s.id === id);
}

export function saveShift(db: WriteDb, s: Omit<Shift, 'id'> & { id?: number | undefined }, now: string): number {
  if (s.id === undefined)
    return Number(
      db
        .prepare(
          `INSERT INTO rota_shifts (name, start_minute, end_minute, sort_order, created_at, updated_at) VALUES (@name, @startMinute, @endMinute, @sortOrder, @now, @now)`,
        )
        .run({ ...s, now }).lastInsertRowid,
    );
  db.prepare(
    `UPDATE rota_shifts SET name = @name, start_minute = @startMinute, end_minute = @endMinute, sort_order = @sortOrder, updated_at = @now WHERE id = @id`,
  ).run({ ...s, now });
  return s.id;
}

interface PostRow {
  id: number;
  communityId: number;
  communityName: string;
  name: string;
  kind: PostKind;
  location: string;
  requiredSkills: string;
  active: number;
  leaderStaffId: number | null;
  leaderName: string | null;
}

export function listPosts(db: ReadDb, communityId?: number): Post[] {
  const rows = db
    .prepare(
      `SELECT p.id, p.community_id AS communityId, c.name AS communityName, p.name, p.kind, p.location, p.required_skills AS requiredSkills, p.active,
              p.leader_staff_id AS leaderStaffId, l.name AS leaderName
       FROM rota_posts p JOIN communities c ON c.id = p.community_id LEFT JOIN staff l ON l.id = p.leader_staff_id
       ${communityId !== undefined ? 'WHERE p.community_id = @communityId' : ''} ORDER BY p.community_id, p.name`,
    )
    .all({ communityId }) as PostRow[];
  const reqs = db.prepare(`SELECT post_id AS postId, shift_id AS shiftId, headcount, weekdays FROM rota_post_shifts ORDER BY post_id, shift_id`).all() as Array<
    PostRequirement & { postId: number }
  >;
  const byPost = new Map<number, PostRequirement[]>();
  for (const r of reqs) byPost.set(r.postId, [...(byPost.get(r.postId) ?? []), { shiftId: r.shiftId, headcount: r.headcount, weekdays: r.weekdays }]);
  return rows.map((r) => ({ ...r, requiredSkills: JSON.parse(r.requiredSkills) as string[], active: r.active === 1, requirements: byPost.get(r.id) ?? [] }));
}

/** The first day the post was planned on, or null: rota_assignments_by_post (post_id, day). */
export function firstPlannedDay(db: ReadDb, postId: number): string | null {
  return (db.prepare(`SELECT min(day) AS day FROM rota_assignments WHERE post_id = @postId`).get({ postId }) as { day: string | null }).day;
}

export function getPost(db: ReadDb, id: number): Post | undefined {
  return listPosts(db).find((p) => p.id === id);
}

export function savePost(
  db: WriteDb,
  p: Omit<Post, 'id' | 'communityName' | 'leaderStaffId' | 'leaderName'> & { id?: number | undefined; leaderStaffId?: number | null | undefined },
  now: string,
): number {
  const row = { ...p, leaderStaffId: p.leaderStaffId ?? null, requiredSkills: JSON.stringify(p.requiredSkills), active: p.active ? 1 : 0, now };
  let id = p.id;
  if (id === undefined) {
    id = Number(
      db
        .prepare(
          `INSERT INTO rota_posts (community_id, name, kind, location, required_skills, active, leader_staff_id, created_at, updated_at)
           VALUES (@communityId, @name, @kind, @location, @requiredSkills, @active, @leaderStaffId, @now, @now)`,
        )
        .run(row).lastInsertRowid,
    );
  } else {
    db.prepare(
      `UPDATE rota_posts SET community_id = @communityId, name = @name, kind = @kind, location = @location, required_skills = @requiredSkills, active = @active,
         leader_staff_id = @leaderStaffId, updated_at = @now WHERE id = @id`,
    ).run(row);
  }
  db.prepare(`DELETE FROM rota_post_shifts WHERE post_id = @id`).run({ id });
  const ins = db.prepare(`INSERT INTO rota_post_shifts (post_id, shift_id, headcount, weekdays) VALUES (@id, @shiftId, @headcount, @weekdays)`);
  for (const r of p.requirements) ins.run({ id, ...r });
  return id;
}

const RULE_KEYS = { minRestDaysPer7: 'rota.minRestDaysPer7', maxConsecutiveDays: 'rota.maxConsecutiveDays', minRestHours: 'rota.minRestHours' } as const;

export function readRules(db: ReadDb): RotaRules {
  const rows = db.prepare(`SELECT key, value FROM settings WHERE key LIKE 'rota.%'`).all() as Array<{ key: string; value: string }>;
  const rules: RotaRules = { ...DEFAULT_RULES };
  for (const k of Object.keys(RULE_KEYS) as Array<keyof RotaRules>) {
    const row = rows.find((r) => r.key === RULE_KEYS[k]);
    if (row) rules[k] = Number(row.value);
  }
  return rules;
}

export function writeRules(db: WriteDb, rules: RotaRules): void {
  for (const k of Object.keys(RULE_KEYS) as Array<keyof RotaRules>) writeSetting(db, RULE_KEYS[k], String(rules[k]));
}

/** Rates an earlier version preset and this ledger had in use (removed by migration 010), for the rates screen to mention. */
export function removedPresetRates(db: ReadDb): Rate[] {
  const row = db.prepare(`SELECT value FROM meta WHERE key = 'rota.presetRatesRemoved'`).get() as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as Rate[]) : [];
}
