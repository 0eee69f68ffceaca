-- Figures a coordinator can trust, second part (issue 16): attendance and rates,
-- memorial wording and follow-up steps, care cases opened for dependants.

-- 出勤确认. A planned shift (rota_assignments) is paid only once it is confirmed as worked,
-- by the post's leader (岗位负责人, entered by a clerk or a coordinator) or by a coordinator.
ALTER TABLE rota_posts ADD COLUMN leader_staff_id INTEGER REFERENCES staff (id);
CREATE TABLE rota_attendance (
  id              INTEGER PRIMARY KEY,
  assignment_id   INTEGER NOT NULL UNIQUE REFERENCES rota_assignments (id),
  day             TEXT NOT NULL,
  post_id         INTEGER NOT NULL REFERENCES rota_posts (id),
  shift_id        INTEGER NOT NULL REFERENCES rota_shifts (id),
  staff_id        INTEGER NOT NULL REFERENCES staff (id),
  status          TEXT NOT NULL CHECK (status IN ('present', 'absent')),
  confirmed_as    TEXT NOT NULL CHECK (confirmed_as IN ('leader', 'coordinator')),
  leader_staff_id INTEGER REFERENCES staff (id),
  confirmed_by    TEXT NOT NULL,   -- the leader's or the coordinator's name, as shown on the pay sheet
  entered_by      TEXT NOT NULL,   -- the user who entered it
  note            TEXT NOT NULL DEFAULT '',
  confirmed_at    TEXT NOT NULL
);
CREATE INDEX rota_attendance_by_day ON rota_attendance (day, staff_id);

-- Allowance rates. 004 seeded ¥100 a day 临时性工作补助 and ¥30 a shift 志愿者补贴, amounts
-- the notice never set (it says 适当发放). Rows still exactly as seeded, never saved by
-- anyone, are removed, so the rates screen asks for the office's own (「未设补助标准」).
-- Where the ledger already had duty assignments, meta keeps what was removed, so the screen
-- can tell the coordinator which amounts the earlier version had been using.
INSERT OR REPLACE INTO meta (key, value)
  SELECT 'rota.presetRatesRemoved', json_group_array(json_object('staffKind', staff_kind, 'basis', basis, 'amountFen', amount_fen, 'label', label))
  FROM rota_allowance_rates
  WHERE updated_at = '2020-01-01T00:00:00.000Z'
    AND ((staff_kind = 'community_worker' AND basis = 'day' AND amount_fen = 10000 AND label = '临时性工作补助')
      OR (staff_kind = 'volunteer' AND basis = 'shift' AND amount_fen = 3000 AND label = '志愿者补贴'))
  HAVING count(*) > 0 AND EXISTS (SELECT 1 FROM rota_assignments);
DELETE FROM rota_allowance_rates
  WHERE updated_at = '2020-01-01T00:00:00.000Z'
    AND ((staff_kind = 'community_worker' AND basis = 'day' AND amount_fen = 10000 AND label = '临时性工作补助')
      OR (staff_kind = 'volunteer' AND basis = 'shift' AND amount_fen = 3000 AND label = '志愿者补贴'));
-- (004 once called its three shift templates "the notice's usual three shifts": the notice sets
-- no shift pattern; they are the office's templates, edited on 排班 → 岗位与班次.)

-- Memorial records. The cause list gains 突发疾病, and 因公感染 becomes 防控工作中感染:
-- 因公 is a determination made by others later (工伤认定), not the office's word. The office
-- may learn of a death some time after it: learned_at, when set, starts the report clock.
-- SQLite cannot change a CHECK in place: the table is rebuilt, its children's references
-- held by deferred foreign keys until the rows are back under the same ids.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE memorials_before_010 AS SELECT * FROM honours_memorials;
DROP TABLE honours_memorials;
CREATE TABLE honours_memorials (
  id               INTEGER PRIMARY KEY,
  staff_id         INTEGER REFERENCES staff (id),
  name             TEXT NOT NULL,
  sex              TEXT CHECK (sex IN ('男', '女')),
  birth_date       TEXT,
  id_number        TEXT,
  post             TEXT NOT NULL,
  community_id     INTEGER REFERENCES communities (id),
  died_at          TEXT NOT NULL,
  -- When the office learned of the death (UTC ISO); NULL: at the time of death.
  learned_at       TEXT,
  place            TEXT NOT NULL,
  circumstances    TEXT NOT NULL,
  cause            TEXT NOT NULL CHECK (cause IN ('防控工作中感染', '突发疾病', '过度劳累', '交通事故', '其他')),
  deeds            TEXT NOT NULL DEFAULT '',
  psych_support    TEXT NOT NULL DEFAULT '',
  psych_support_on TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
INSERT INTO honours_memorials (id, staff_id, name, sex, birth_date, id_number, post, community_id, died_at, learned_at, place, circumstances, cause, deeds, psych_support, psych_support_on, created_at, updated_at)
  SELECT id, staff_id, name, sex, birth_date, id_number, post, community_id, died_at, NULL, place, circumstances,
         CASE cause WHEN '因公感染' THEN '防控工作中感染' ELSE cause END, deeds, psych_support, psych_support_on, created_at, updated_at
  FROM memorials_before_010;
DROP TABLE memorials_before_010;
CREATE INDEX honours_memorials_by_died ON honours_memorials (died_at, id);
CREATE INDEX honours_memorials_by_community ON honours_memorials (community_id, died_at);
CREATE INDEX honours_memorials_by_staff ON honours_memorials (staff_id);

-- The applications that follow a death, tracked without pre-judging them: 工伤认定,
-- 烈士评定 (where applicable) and 抚恤, each with its dates and the outcome as decided by others.
CREATE TABLE honours_steps (
  id          INTEGER PRIMARY KEY,
  memorial_id INTEGER NOT NULL REFERENCES honours_memorials (id),
  kind        TEXT NOT NULL CHECK (kind IN ('工伤认定', '烈士评定', '抚恤')),
  status      TEXT NOT NULL CHECK (status IN ('not_started', 'preparing', 'applied', 'decided', 'not_applicable')),
  applied_on  TEXT,
  applied_to  TEXT NOT NULL DEFAULT '',
  decided_on  TEXT,
  outcome     TEXT NOT NULL DEFAULT '',
  notes       TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (memorial_id, kind)
);

-- Care for the notice's elders and children: a care case may be opened from a staff member's
-- record (their dependant, while they work on the front line).
ALTER TABLE cases ADD COLUMN origin_staff_id INTEGER REFERENCES staff (id);
