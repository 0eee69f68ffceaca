-- Honours: memorial records of workers who died on duty (牺牲人员), their
-- reporting timeline, family care, publicity and attachments; commendations
-- (表彰/表扬) for the deceased (追授) and for the living.

CREATE TABLE honours_memorials (
  id               INTEGER PRIMARY KEY,
  -- Linked when the person was in the staff registry; name and post are kept here too,
  -- so the record stays whole even if the staff entry is later edited.
  staff_id         INTEGER REFERENCES staff (id),
  name             TEXT NOT NULL,
  sex              TEXT CHECK (sex IN ('男', '女')),
  birth_date       TEXT,
  id_number        TEXT,
  post             TEXT NOT NULL,
  community_id     INTEGER REFERENCES communities (id),
  -- The instant of death, UTC ISO: the reporting limit runs from here.
  died_at          TEXT NOT NULL,
  place            TEXT NOT NULL,
  circumstances    TEXT NOT NULL,
  cause            TEXT NOT NULL CHECK (cause IN ('因公感染', '过度劳累', '交通事故', '其他')),
  deeds            TEXT NOT NULL DEFAULT '',
  psych_support    TEXT NOT NULL DEFAULT '',
  psych_support_on TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX honours_memorials_by_died ON honours_memorials (died_at, id);
CREATE INDEX honours_memorials_by_community ON honours_memorials (community_id, died_at);
CREATE INDEX honours_memorials_by_staff ON honours_memorials (staff_id);

CREATE TABLE honours_reports (
  id           INTEGER PRIMARY KEY,
  memorial_id  INTEGER NOT NULL REFERENCES honours_memorials (id),
  reported_at  TEXT NOT NULL,
  recipient    TEXT NOT NULL CHECK (recipient IN ('党委', '政府', '上级民政部门', '上级卫生健康部门')),
  via          TEXT NOT NULL,
  reported_by  TEXT NOT NULL,
  notes        TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL
);
CREATE INDEX honours_reports_by_memorial ON honours_reports (memorial_id, reported_at);

CREATE TABLE honours_family_members (
  id           INTEGER PRIMARY KEY,
  memorial_id  INTEGER NOT NULL REFERENCES honours_memorials (id),
  name         TEXT NOT NULL,
  relation     TEXT NOT NULL,
  phone        TEXT,
  notes        TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX honours_family_by_memorial ON honours_family_members (memorial_id, id);

CREATE TABLE honours_visits (
  id            INTEGER PRIMARY KEY,
  memorial_id   INTEGER NOT NULL REFERENCES honours_memorials (id),
  visited_on    TEXT NOT NULL,
  visitors      TEXT NOT NULL,
  brought       TEXT NOT NULL DEFAULT '',
  notes         TEXT NOT NULL DEFAULT '',
  -- The next visit promised to the family; shows on Today from that day until a later visit is logged.
  next_visit_on TEXT,
  created_at    TEXT NOT NULL
);
CREATE INDEX honours_visits_by_memorial ON honours_visits (memorial_id, visited_on);

CREATE TABLE honours_difficulties (
  id            INTEGER PRIMARY KEY,
  memorial_id   INTEGER NOT NULL REFERENCES honours_memorials (id),
  kind          TEXT NOT NULL CHECK (kind IN ('生活', '就学', '就医', '就业', '住房', '心理')),
  description   TEXT NOT NULL,
  owner         TEXT NOT NULL,
  actions       TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved')),
  raised_on     TEXT NOT NULL,
  follow_up_on  TEXT,
  resolved_on   TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX honours_difficulties_by_memorial ON honours_difficulties (memorial_id, raised_on);
CREATE INDEX honours_difficulties_open_by_follow_up ON honours_difficulties (status, follow_up_on);

CREATE TABLE honours_publicity (
  id            INTEGER PRIMARY KEY,
  memorial_id   INTEGER NOT NULL REFERENCES honours_memorials (id),
  published_on  TEXT NOT NULL,
  outlet        TEXT NOT NULL,
  headline      TEXT NOT NULL,
  notes         TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL
);
CREATE INDEX honours_publicity_by_memorial ON honours_publicity (memorial_id, published_on);

-- Documents and photos, kept inside the encrypted ledger (never beside it on disk).
CREATE TABLE honours_attachments (
  id           INTEGER PRIMARY KEY,
  memorial_id  INTEGER NOT NULL REFERENCES honours_memorials (id),
  file_name    TEXT NOT NULL,
  mime         TEXT NOT NULL CHECK (mime IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes   INTEGER NOT NULL CHECK (size_bytes > 0),
  sha256       TEXT NOT NULL,
  caption      TEXT NOT NULL DEFAULT '',
  content      BLOB NOT NULL,
  added_at     TEXT NOT NULL,
  added_by     TEXT NOT NULL
);
CREATE INDEX honours_attachments_by_memorial ON honours_attachments (memorial_id, id);

-- One workflow for both: 追授 for the deceased (memorial_id set) and 表扬 for the living.
CREATE TABLE honours_commendations (
  id               INTEGER PRIMARY KEY,
  memorial_id      INTEGER REFERENCES honours_memorials (id),
  subject_kind     TEXT NOT NULL CHECK (subject_kind IN ('person', 'community', 'clinic', 'volunteer_team')),
  subject_name     TEXT NOT NULL,
  staff_id         INTEGER REFERENCES staff (id),
  community_id     INTEGER REFERENCES communities (id),
  proposed_title   TEXT NOT NULL,
  deeds            TEXT NOT NULL,
  proposer         TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'drafted' CHECK (status IN ('drafted', 'submitted', 'approved', 'declined')),
  approving_body   TEXT NOT NULL DEFAULT '',
  conferred_title  TEXT NOT NULL DEFAULT '',
  drafted_on       TEXT NOT NULL,
  submitted_on     TEXT,
  decided_on       TEXT,
  decision_notes   TEXT NOT NULL DEFAULT '',
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
-- The list of the living (memorial_id IS NULL) by community, by kind, or all, newest first.
CREATE INDEX honours_commendations_by_community ON honours_commendations (community_id, subject_kind, drafted_on) WHERE memorial_id IS NULL;
CREATE INDEX honours_commendations_by_kind ON honours_commendations (subject_kind, drafted_on) WHERE memorial_id IS NULL;
CREATE INDEX honours_commendations_by_drafted ON honours_commendations (drafted_on, id) WHERE memorial_id IS NULL;
CREATE INDEX honours_commendations_by_memorial ON honours_commendations (memorial_id) WHERE memorial_id IS NOT NULL;
