-- Foundation: users, audit log, settings, organisation (communities, grids), staff core.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE users (
  id           INTEGER PRIMARY KEY,
  username     TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('viewer', 'clerk', 'coordinator')),
  disabled     INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);

-- Append-only, hash-chained: each row's hash covers the previous row's hash.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  user_id     INTEGER,
  username    TEXT NOT NULL,
  channel     TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   TEXT,
  before_json TEXT,
  after_json  TEXT,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE INDEX audit_log_by_channel ON audit_log (channel, id);
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_by_user ON audit_log (username, id);
CREATE INDEX audit_log_by_at ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE communities (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL DEFAULT '社区' CHECK (kind IN ('社区', '村')),
  households  INTEGER NOT NULL DEFAULT 0 CHECK (households >= 0),
  population  INTEGER NOT NULL DEFAULT 0 CHECK (population >= 0),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE grids (
  id           INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  name         TEXT NOT NULL,
  households   INTEGER NOT NULL DEFAULT 0 CHECK (households >= 0),
  population   INTEGER NOT NULL DEFAULT 0 CHECK (population >= 0),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  UNIQUE (community_id, name)
);

-- Front-line staff (the rota area extends this table; caseload and honours link to it).
CREATE TABLE staff (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('community_worker', 'agency_cadre', 'medical', 'police', 'property', 'social_worker', 'volunteer')),
  community_id INTEGER REFERENCES communities (id),
  phone        TEXT,
  id_number    TEXT,
  agency       TEXT,
  skills       TEXT NOT NULL DEFAULT '[]',
  is_medical   INTEGER NOT NULL DEFAULT 0 CHECK (is_medical IN (0, 1)),
  status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'deceased')),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX staff_by_community ON staff (community_id, name);
