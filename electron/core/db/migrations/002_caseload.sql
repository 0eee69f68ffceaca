-- Caseload (人员台账): households, residents, cases, daily health checks,
-- care tasks and visits, zero reports. Table and column names are stable:
-- import, export and rota read or write them (through caseload/write-queries.ts).
-- Calendar days are 'YYYY-MM-DD' text, instants UTC ISO text.

-- 户. One row per dwelling. address_key is the normalised address used to
-- recognise the same household again (import, re-save): unique per community.
CREATE TABLE households (
  id               INTEGER PRIMARY KEY,
  community_id     INTEGER NOT NULL REFERENCES communities (id),
  grid_id          INTEGER REFERENCES grids (id),
  estate           TEXT,            -- 小区
  building         TEXT,            -- 楼栋
  unit             TEXT,            -- 单元
  room             TEXT,            -- 室
  address_text     TEXT,            -- free-text address (villages, 平房) when the parts do not fit
  address_key      TEXT NOT NULL,   -- normalised full address, see caseload/address.ts
  head_name        TEXT,            -- 户主
  phone            TEXT,            -- 户主电话, digits only
  -- 入户排查 status:
  --   'unscreened' 未排查 (default), 'screened' 已排查 (counts toward coverage),
  --   'not_home' 不在家 (revisit needed), 'refused' 拒绝 (revisit / escalate).
  screening_status TEXT NOT NULL DEFAULT 'unscreened'
                   CHECK (screening_status IN ('unscreened', 'screened', 'not_home', 'refused')),
  screened_on      TEXT,            -- date of the last screening visit
  screened_by      TEXT,            -- who visited (free text: a worker's or volunteer's name)
  screening_result TEXT,            -- what was found
  revisit_on       TEXT,            -- planned revisit date (not_home / refused)
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  UNIQUE (community_id, address_key)
);
CREATE INDEX households_by_grid ON households (grid_id, screening_status);
CREATE INDEX households_by_community ON households (community_id, screening_status);
CREATE INDEX households_by_revisit ON households (revisit_on) WHERE revisit_on IS NOT NULL;

-- 居民. id_number is the normalised 18-character 居民身份证号 (GB 11643),
-- unique where known; sex ('M' / 'F') and birth_date are derived from it when present.
-- community_id / grid_id are copied from the household (a homeless person has no household).
-- id_rev / phone_rev are the reversed strings, indexed, so "last digits" searches use a range.
CREATE TABLE residents (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER REFERENCES households (id),
  community_id INTEGER NOT NULL REFERENCES communities (id),
  grid_id      INTEGER REFERENCES grids (id),
  name         TEXT NOT NULL,
  id_number    TEXT UNIQUE,
  id_rev       TEXT,
  sex          TEXT CHECK (sex IN ('M', 'F')),
  birth_date   TEXT,
  phone        TEXT,
  phone_rev    TEXT,
  -- JSON array of tag codes: 'solitary_elderly' 独居老人, 'extreme_poverty' 特困,
  -- 'child_without_guardian' 监护缺失儿童, 'disabled' 残疾, 'pregnant' 孕产妇, 'chronic' 慢性病.
  tags         TEXT NOT NULL DEFAULT '[]',
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX residents_by_household ON residents (household_id);
CREATE INDEX residents_by_community ON residents (community_id, grid_id, name);
CREATE INDEX residents_by_name ON residents (name);
CREATE INDEX residents_by_id_rev ON residents (id_rev);
CREATE INDEX residents_by_phone_rev ON residents (phone_rev);

-- 个案. One tracked matter for one resident.
-- category: 'returnee' 返程人员, 'home_observation' 居家观察, 'medical_observation' 医学观察,
--   'fever_referral' 发热筛查分诊, 'extreme_poverty' 分散供养特困人员, 'solitary_elderly' 空巢（独居）老年人,
--   'child_without_guardian' 监护缺失儿童, 'homeless' 生活无着流浪人员,
--   'closed_compound_support' 封闭管理生活保障, 'psychological_support' 心理疏导, 'dispute_mediation' 矛盾纠纷调解.
-- status (workflow per category in caseload/workflow.ts):
--   returnee: 'registered' 已登记 -> 'monitoring' 健康监测中 -> 'closed' 已结案
--   home/medical_observation: 'observing' 观察中 -> 'released' 已解除观察 | 'referred' 已转诊
--   fever_referral: 'referral_made' 已转诊 -> 'arrived' 已到达医疗机构 -> 'closed' 已结案
--   care categories, closed_compound_support, psychological_support, dispute_mediation:
--     'open' 待处理 -> 'in_progress' 处理中 -> 'closed' 已办结
-- A case is ACTIVE while closed_on IS NULL (its status is not terminal).
-- Observation cases carry obs_start_on, obs_days (default 14) and obs_end_on = start + days - 1:
-- the person is under observation on every day from obs_start_on to obs_end_on inclusive while active.
-- last_check_on / first_missing_check_on are kept by the code on every check so that
-- "overdue" (first_missing_check_on < today) needs no join.
CREATE TABLE cases (
  id                     INTEGER PRIMARY KEY,
  resident_id            INTEGER NOT NULL REFERENCES residents (id),
  community_id           INTEGER NOT NULL REFERENCES communities (id),
  grid_id                INTEGER REFERENCES grids (id),
  category               TEXT NOT NULL CHECK (category IN ('returnee', 'home_observation', 'medical_observation',
                           'fever_referral', 'extreme_poverty', 'solitary_elderly', 'child_without_guardian', 'homeless',
                           'closed_compound_support', 'psychological_support', 'dispute_mediation')),
  status                 TEXT NOT NULL CHECK (status IN ('registered', 'monitoring', 'observing', 'released', 'referred',
                           'referral_made', 'arrived', 'open', 'in_progress', 'closed')),
  risk_level             TEXT NOT NULL DEFAULT 'low' CHECK (risk_level IN ('low', 'medium', 'high')), -- 低/中/高风险
  assigned_staff_id      INTEGER REFERENCES staff (id),
  opened_on              TEXT NOT NULL,
  due_on                 TEXT,
  closed_on              TEXT,
  close_reason           TEXT,    -- why released early / with missing checks, or the outcome
  source                 TEXT,    -- 来源: 入户排查, 卡口登记, 上级推送, 群众反映, 导入 ...
  notes                  TEXT,
  obs_start_on           TEXT,
  obs_days               INTEGER CHECK (obs_days IS NULL OR obs_days BETWEEN 1 AND 60),
  obs_end_on             TEXT,
  last_check_on          TEXT,
  first_missing_check_on TEXT,    -- earliest day in [obs_start_on, obs_end_on] without a check; NULL if none missing
  origin_case_id         INTEGER REFERENCES cases (id), -- e.g. the observation a fever referral came from
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL
);
CREATE INDEX cases_by_resident ON cases (resident_id, category);
CREATE INDEX cases_by_opened ON cases (opened_on, id);
CREATE INDEX cases_by_due ON cases (due_on, id);
CREATE INDEX cases_by_category ON cases (category, status, opened_on);
CREATE INDEX cases_by_status ON cases (status, opened_on);
CREATE INDEX cases_by_community ON cases (community_id, opened_on);
CREATE INDEX cases_by_grid ON cases (grid_id, opened_on);
CREATE INDEX cases_by_staff ON cases (assigned_staff_id, opened_on);
-- Active observations, for today's list, overdue filters and the rota's availability check.
CREATE INDEX cases_active_observation ON cases (first_missing_check_on)
  WHERE closed_on IS NULL AND obs_start_on IS NOT NULL;

-- 每日健康监测. One per case and day.
-- method: 'visit' 入户, 'phone' 电话, 'wechat' 微信.
-- flagged = 1 when temperature >= 37.3 or symptoms is not empty.
-- escalation: NULL (not flagged), 'open' 待处置, 'referred' 已转发热分诊 (referral_case_id), 'dismissed' 已排除 (escalation_note says why).
CREATE TABLE health_checks (
  id               INTEGER PRIMARY KEY,
  case_id          INTEGER NOT NULL REFERENCES cases (id),
  check_date       TEXT NOT NULL,
  temperature      REAL,          -- °C, 34–43
  symptoms         TEXT,          -- '' / NULL = none
  method           TEXT NOT NULL CHECK (method IN ('visit', 'phone', 'wechat')),
  checked_by       TEXT NOT NULL,
  flagged          INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
  escalation       TEXT CHECK (escalation IN ('open', 'referred', 'dismissed')),
  escalation_note  TEXT,
  referral_case_id INTEGER REFERENCES cases (id),
  created_at       TEXT NOT NULL,
  UNIQUE (case_id, check_date)
);
CREATE INDEX health_checks_open_escalations ON health_checks (check_date) WHERE escalation = 'open';

-- 生活照料任务. Created automatically when a household has an active observation and
-- contains a vulnerable person (trigger_case_id = that observation), or when a care case is opened.
-- status: 'open' 待走访, 'done' 已完成 (the trigger ended or the case closed).
CREATE TABLE care_tasks (
  id              INTEGER PRIMARY KEY,
  resident_id     INTEGER NOT NULL REFERENCES residents (id),
  care_case_id    INTEGER REFERENCES cases (id),
  trigger_case_id INTEGER REFERENCES cases (id),
  reason          TEXT NOT NULL,
  interval_days   INTEGER NOT NULL DEFAULT 1 CHECK (interval_days BETWEEN 1 AND 90),
  next_visit_on   TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX care_tasks_one_per_trigger ON care_tasks (resident_id, trigger_case_id) WHERE trigger_case_id IS NOT NULL;
CREATE INDEX care_tasks_due ON care_tasks (next_visit_on) WHERE status = 'open';

-- 生活照料走访. needs_status: 'none' 无需求, 'open' 需求未解决 (stays visible), 'resolved' 已解决.
CREATE TABLE care_visits (
  id            INTEGER PRIMARY KEY,
  care_task_id  INTEGER REFERENCES care_tasks (id),
  resident_id   INTEGER NOT NULL REFERENCES residents (id),
  visit_date    TEXT NOT NULL,
  visited_by    TEXT NOT NULL,
  needs         TEXT,
  actions       TEXT,
  needs_status  TEXT NOT NULL DEFAULT 'none' CHECK (needs_status IN ('none', 'open', 'resolved')),
  resolved_on   TEXT,
  created_at    TEXT NOT NULL
);
CREATE INDEX care_visits_by_resident ON care_visits (resident_id, visit_date);
CREATE INDEX care_visits_open_needs ON care_visits (visit_date) WHERE needs_status = 'open';

-- 零报告: a grid with nothing new on a day says so explicitly.
CREATE TABLE zero_reports (
  id          INTEGER PRIMARY KEY,
  grid_id     INTEGER NOT NULL REFERENCES grids (id),
  report_date TEXT NOT NULL,
  reported_by TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  UNIQUE (grid_id, report_date)
);
