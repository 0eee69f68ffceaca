-- Separation at rest for memorial records (issue 19 item 2). A viewer's password opens the
-- ledger file but never the sensitive key (keys/sealer.ts), so what a memorial record says
-- about the person who died and their family is kept sealed with that key: one value per
-- row, `personal_sealed` = AES-GCM of the row's personal fields as JSON (honours/sealed-records.ts
-- names them per table). Dates, statuses, kinds, community and staff links stay in clear:
-- the lists, 今日随访, the overdue flags and the dashboard counts work from them.
-- This migration has no key: it only adds the columns. The sealing upgrade (honours/sealed-records.ts,
-- run at the first clerk's or coordinator's unlock) seals every row and clears the plain columns
-- (NULL where they allow it, '' where they are NOT NULL; they stay in the schema, always empty).

-- honours_memorials is rebuilt once more (as in 010) so its personal columns can be empty,
-- the cause included (its CHECK allowed no empty value).
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE memorials_before_023 AS SELECT * FROM honours_memorials;
DROP TABLE honours_memorials;
CREATE TABLE honours_memorials (
  id               INTEGER PRIMARY KEY,
  staff_id         INTEGER REFERENCES staff (id),
  -- Personal columns: empty once sealed into personal_sealed.
  name             TEXT,
  sex              TEXT CHECK (sex IN ('男', '女')),
  birth_date       TEXT,
  id_number        TEXT,
  post             TEXT,
  community_id     INTEGER REFERENCES communities (id),
  died_at          TEXT NOT NULL,
  learned_at       TEXT,
  place            TEXT,
  circumstances    TEXT,
  cause            TEXT CHECK (cause IN ('防控工作中感染', '突发疾病', '过度劳累', '交通事故', '其他')),
  deeds            TEXT,
  psych_support    TEXT,
  psych_support_on TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  personal_sealed  BLOB
);
INSERT INTO honours_memorials (id, staff_id, name, sex, birth_date, id_number, post, community_id, died_at, learned_at, place, circumstances, cause, deeds, psych_support, psych_support_on, created_at, updated_at)
  SELECT id, staff_id, name, sex, birth_date, id_number, post, community_id, died_at, learned_at, place, circumstances, cause, deeds, psych_support, psych_support_on, created_at, updated_at
  FROM memorials_before_023;
DROP TABLE memorials_before_023;
CREATE INDEX honours_memorials_by_died ON honours_memorials (died_at, id);
CREATE INDEX honours_memorials_by_community ON honours_memorials (community_id, died_at);
CREATE INDEX honours_memorials_by_staff ON honours_memorials (staff_id);

ALTER TABLE honours_reports ADD COLUMN personal_sealed BLOB;
ALTER TABLE honours_family_members ADD COLUMN personal_sealed BLOB;
ALTER TABLE honours_visits ADD COLUMN personal_sealed BLOB;
ALTER TABLE honours_difficulties ADD COLUMN personal_sealed BLOB;
ALTER TABLE honours_publicity ADD COLUMN personal_sealed BLOB;
ALTER TABLE honours_steps ADD COLUMN personal_sealed BLOB;
-- Posthumous commendations only (memorial_id set): those of the living are shown to viewers as before.
ALTER TABLE honours_commendations ADD COLUMN personal_sealed BLOB;
-- Attachments: the file name, caption and checksum in personal_sealed; the bytes in content_sealed
-- (content keeps an empty blob: the column is NOT NULL).
ALTER TABLE honours_attachments ADD COLUMN personal_sealed BLOB;
ALTER TABLE honours_attachments ADD COLUMN content_sealed BLOB;
