-- Which columns each user shows in each grid (the 「显示列」 menu), remembered in
-- the ledger so a choice survives a reinstall, a restored backup and the preview's
-- changing address; one row per user and grid, the choices as {"colId": true|false}.
CREATE TABLE user_grid_columns (
  user_id    INTEGER NOT NULL REFERENCES users (id),
  grid       TEXT NOT NULL,
  shown_json TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (user_id, grid)
) WITHOUT ROWID;
