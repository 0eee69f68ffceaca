-- Export (上报包): the office's signing key, the export log, the reporting
-- calendar, public keys of offices a district reads, and backup settings.

-- The office's Ed25519 key, made at the first export. The private half lives
-- only here, inside the encrypted ledger (so a backup carries it too).
CREATE TABLE office_keys (
  id              INTEGER PRIMARY KEY,
  public_key_pem  TEXT NOT NULL,
  private_key_pem TEXT NOT NULL,
  fingerprint     TEXT NOT NULL UNIQUE,
  created_at      TEXT NOT NULL,
  retired_at      TEXT
);

-- Recurring reports: which forms, to which body, due weekday and time.
CREATE TABLE report_schedules (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL,
  recipient   TEXT NOT NULL,
  form_ids    TEXT NOT NULL DEFAULT '[]',
  weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  due_time    TEXT NOT NULL CHECK (due_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX report_schedules_by_active ON report_schedules (active, weekday, due_time);

-- Every submission written: who, when, period, forms, destination, hash.
CREATE TABLE export_log (
  id            INTEGER PRIMARY KEY,
  at            TEXT NOT NULL,
  user_id       INTEGER REFERENCES users (id),
  username      TEXT NOT NULL,
  period_from   TEXT NOT NULL,
  period_to     TEXT NOT NULL,
  form_ids      TEXT NOT NULL,
  destination   TEXT NOT NULL,
  file_name     TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  bytes         INTEGER NOT NULL,
  fingerprint   TEXT NOT NULL,
  is_correction INTEGER NOT NULL DEFAULT 0 CHECK (is_correction IN (0, 1)),
  schedule_id   INTEGER REFERENCES report_schedules (id),
  due_day       TEXT
);
CREATE INDEX export_log_by_at ON export_log (at);
CREATE INDEX export_log_by_period ON export_log (period_from, period_to, id);
CREATE INDEX export_log_by_schedule ON export_log (schedule_id, due_day);

-- District mode: offices whose packages this ledger accepts, by key.
CREATE TABLE district_keys (
  id             INTEGER PRIMARY KEY,
  office_name    TEXT NOT NULL,
  public_key_pem TEXT NOT NULL,
  fingerprint    TEXT NOT NULL UNIQUE,
  added_at       TEXT NOT NULL
);

-- Backups: where the daily automatic backup goes and how many to keep.
CREATE TABLE backup_settings (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  auto_daily  INTEGER NOT NULL DEFAULT 0 CHECK (auto_daily IN (0, 1)),
  folder      TEXT NOT NULL DEFAULT '',
  keep_last   INTEGER NOT NULL DEFAULT 7 CHECK (keep_last BETWEEN 1 AND 365),
  last_backup_at   TEXT,
  last_backup_path TEXT,
  updated_at  TEXT NOT NULL
);
