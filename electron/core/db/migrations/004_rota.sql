-- Rota: staff registry details, leave, assessments, shift templates, posts and
-- their headcount, assignments, published weeks, allowance rates and adjustments.
ALTER TABLE staff ADD COLUMN is_leader INTEGER NOT NULL DEFAULT 0 CHECK (is_leader IN (0, 1));
ALTER TABLE staff ADD COLUMN insurer TEXT;
ALTER TABLE staff ADD COLUMN insurance_policy TEXT;
ALTER TABLE staff ADD COLUMN insurance_from TEXT;
ALTER TABLE staff ADD COLUMN insurance_to TEXT;
ALTER TABLE staff ADD COLUMN note TEXT NOT NULL DEFAULT '';
CREATE INDEX staff_by_kind ON staff (kind, name);
CREATE INDEX staff_by_id_number ON staff (id_number);

-- Leave and other days a person cannot work (休假、病假、外出).
CREATE TABLE staff_leave (
  id         INTEGER PRIMARY KEY,
  staff_id   INTEGER NOT NULL REFERENCES staff (id),
  from_day   TEXT NOT NULL,
  to_day     TEXT NOT NULL,
  reason     TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  CHECK (to_day >= from_day)
);
CREATE INDEX staff_leave_by_staff ON staff_leave (staff_id, from_day);
CREATE INDEX staff_leave_by_day ON staff_leave (to_day, from_day);

-- Psychological health assessments: the date and an outcome category only, never notes.
CREATE TABLE staff_assessments (
  id          INTEGER PRIMARY KEY,
  staff_id    INTEGER NOT NULL REFERENCES staff (id),
  assessed_on TEXT NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('good', 'watch', 'support')),
  created_at  TEXT NOT NULL
);
CREATE INDEX staff_assessments_by_staff ON staff_assessments (staff_id, assessed_on);

-- Shift templates; minutes from midnight, end may be 1440 (24:00).
CREATE TABLE rota_shifts (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440 AND end_minute > start_minute),
  sort_order   INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);

CREATE TABLE rota_posts (
  id              INTEGER PRIMARY KEY,
  community_id    INTEGER NOT NULL REFERENCES communities (id),
  name            TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('checkpoint', 'screening', 'duty', 'fever', 'delivery', 'followup')),
  location        TEXT NOT NULL DEFAULT '',
  required_skills TEXT NOT NULL DEFAULT '[]',
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (community_id, name)
);

-- Headcount a post needs per shift; weekdays is a 7-char mask Monday..Sunday.
CREATE TABLE rota_post_shifts (
  post_id   INTEGER NOT NULL REFERENCES rota_posts (id),
  shift_id  INTEGER NOT NULL REFERENCES rota_shifts (id),
  headcount INTEGER NOT NULL CHECK (headcount BETWEEN 1 AND 50),
  weekdays  TEXT NOT NULL DEFAULT '1111111' CHECK (length(weekdays) = 7),
  PRIMARY KEY (post_id, shift_id)
);

CREATE TABLE rota_assignments (
  id              INTEGER PRIMARY KEY,
  day             TEXT NOT NULL,
  post_id         INTEGER NOT NULL REFERENCES rota_posts (id),
  shift_id        INTEGER NOT NULL REFERENCES rota_shifts (id),
  staff_id        INTEGER NOT NULL REFERENCES staff (id),
  source          TEXT NOT NULL CHECK (source IN ('auto', 'manual')),
  override_reason TEXT,
  created_at      TEXT NOT NULL,
  UNIQUE (day, post_id, shift_id, staff_id)
);
CREATE INDEX rota_assignments_by_staff ON rota_assignments (staff_id, day);
CREATE INDEX rota_assignments_by_post ON rota_assignments (post_id, day);

-- A published week is left untouched by the generator unless asked.
CREATE TABLE rota_published_weeks (
  community_id INTEGER NOT NULL REFERENCES communities (id),
  week_start   TEXT NOT NULL,
  published_at TEXT NOT NULL,
  PRIMARY KEY (community_id, week_start)
);

-- Allowance rates per staff kind: per day worked or per shift, in fen (分).
CREATE TABLE rota_allowance_rates (
  staff_kind   TEXT PRIMARY KEY,
  basis        TEXT NOT NULL CHECK (basis IN ('day', 'shift')),
  amount_fen   INTEGER NOT NULL CHECK (amount_fen BETWEEN 0 AND 10000000),
  label        TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);

CREATE TABLE rota_allowance_adjustments (
  id         INTEGER PRIMARY KEY,
  staff_id   INTEGER NOT NULL REFERENCES staff (id),
  day        TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  reason     TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX rota_adjustments_by_day ON rota_allowance_adjustments (day, staff_id);

-- Three shift templates, an office setting (the notice sets no shift pattern); coordinators may edit or add.
INSERT INTO rota_shifts (name, start_minute, end_minute, sort_order, created_at, updated_at) VALUES
  ('早班 08:00–16:00', 480, 960, 1, '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'),
  ('中班 16:00–24:00', 960, 1440, 2, '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'),
  ('夜班 00:00–08:00', 0, 480, 3, '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z');
INSERT INTO rota_allowance_rates (staff_kind, basis, amount_fen, label, updated_at) VALUES
  ('community_worker', 'day', 10000, '临时性工作补助', '2020-01-01T00:00:00.000Z'),
  ('volunteer', 'shift', 3000, '志愿者补贴', '2020-01-01T00:00:00.000Z');
