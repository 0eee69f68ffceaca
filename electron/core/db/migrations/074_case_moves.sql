-- An open case moved with its person no longer rewrites the forms already sent. A case carries its community and grid
-- (the fast lists), and an open one follows its resident or household when they move (cases.repo.ts), so the
-- 人员排查管控情况汇总表, 居家（医学）观察人员名单 and 重点人群关爱服务台账 of a week already sent counted and listed the case
-- in its new community after the fact. Each such move is now kept with its day, as 071 keeps a household's: a form
-- for a period counts and lists a case where its person lived on the period's last day (caseload/case-moves.repo.ts,
-- caseload/README.md). Closed cases do not move (session 43). Moves made before this migration left no day: those
-- cases count where they are now, as they did.

-- Written by caseload/case-moves.repo.ts, called by cases.repo.ts when a resident's or a household's save moves open
-- cases. moved_on: the office's day (Asia/Shanghai) the move was saved, the first day counted in the new place;
-- from/to: the case's community and grid before and after.
CREATE TABLE case_moves (
  id                INTEGER PRIMARY KEY,
  case_id           INTEGER NOT NULL REFERENCES cases (id),
  moved_on          TEXT NOT NULL,
  from_community_id INTEGER NOT NULL REFERENCES communities (id),
  from_grid_id      INTEGER REFERENCES grids (id),
  to_community_id   INTEGER NOT NULL REFERENCES communities (id),
  to_grid_id        INTEGER REFERENCES grids (id),
  created_at        TEXT NOT NULL
);
-- The moves after a form's last day: few, found by day without reading the cases.
CREATE INDEX case_moves_by_day ON case_moves (moved_on, case_id);
