-- A shift may cross midnight (夜班 20:00–次日 08:00; rota/shift-times.shared.ts). 004 kept end_minute > start_minute,
-- so a checkpoint kept in two 12-hour shifts had to enter its night as two shifts on two days, and 补助 paid it as two
-- shifts and two days. The CHECK now refuses only a shift that ends when it starts. SQLite cannot change a CHECK in
-- place: the table is rebuilt (migrations/index.ts rebuildsTables; foreign keys off, checked before commit), same
-- columns, ids and values.
CREATE TABLE rota_shifts_081 (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440 AND end_minute <> start_minute),
  sort_order   INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
INSERT INTO rota_shifts_081 (id, name, start_minute, end_minute, sort_order, created_at, updated_at)
  SELECT id, name, start_minute, end_minute, sort_order, created_at, updated_at FROM rota_shifts;
DROP TABLE rota_shifts;
ALTER TABLE rota_shifts_081 RENAME TO rota_shifts;
