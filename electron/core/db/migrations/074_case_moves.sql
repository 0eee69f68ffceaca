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
-- A case's moves after a form's last day, found from the case: the forms join them to each case they read (a scan
-- of the moves per case, with moves by day only, took the care ledger from 0.5 s to 4.6 s with 2,000 moves after it).
CREATE INDEX case_moves_by_case ON case_moves (case_id, moved_on);
