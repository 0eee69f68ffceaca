-- 包保责任人 as the community wrote it, when the cell names nobody's role (「张三、李四」: io/import/team-cell.ts).
-- Clear text like the split team columns beside it (011: team_grid_worker, team_doctor, team_police).
-- Until now the import kept such a cell in 备注 as 「包保责任人：张三、李四」 (always last, after 「；」 when the row
-- had a 备注 of its own) and the observation roster read it back by that label: a user editing 备注 broke it, and a
-- 备注 that happened to hold the label was misread. The labelled text moves here; the rest of 备注 stays as it was.
ALTER TABLE cases ADD COLUMN team_unsplit TEXT;  -- 包保责任人（未注明分工）

-- Where the import's label starts: its last occurrence (the import wrote it last), and only at the start of 备注 or
-- right after the import's 「；」, so a label a user typed inside a sentence (「…，包保责任人：…」) stays in 备注.
-- The names run to the end of 备注 or to a line break (a changed observation period is added below on its own line).
CREATE TEMP TABLE team_in_notes AS
WITH RECURSIVE hit(id, notes, at) AS (
  SELECT id, notes, instr(notes, '包保责任人：') FROM cases WHERE instr(notes, '包保责任人：') > 0
  UNION ALL
  SELECT id, notes, at + instr(substr(notes, at + 1), '包保责任人：') FROM hit WHERE instr(substr(notes, at + 1), '包保责任人：') > 0
),
last AS (SELECT id, notes, max(at) AS at FROM hit GROUP BY id),
placed AS (
  SELECT id, notes, at, instr(substr(notes, at), char(10)) AS nl FROM last
  WHERE at = 1 OR substr(notes, at - 1, 1) = '；'
)
SELECT id,
       trim(CASE WHEN nl = 0 THEN substr(notes, at + 6) ELSE substr(notes, at + 6, nl - 7) END) AS team,
       CASE WHEN at = 1 THEN '' ELSE substr(notes, 1, at - 2) END AS head,
       CASE WHEN nl = 0 THEN '' ELSE substr(notes, at + nl - 1) END AS tail
FROM placed;

UPDATE cases SET
  team_unsplit = (SELECT t.team FROM team_in_notes t WHERE t.id = cases.id),
  notes = (SELECT nullif(CASE WHEN t.head = '' THEN ltrim(t.tail, char(10)) ELSE t.head || t.tail END, '') FROM team_in_notes t WHERE t.id = cases.id)
WHERE id IN (SELECT id FROM team_in_notes WHERE team <> '');

DROP TABLE team_in_notes;
