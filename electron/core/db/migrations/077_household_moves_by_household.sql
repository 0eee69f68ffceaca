-- A case entered late (登记日期 before today) takes the moves its household made after that day as its own
-- (caseload/case-moves.repo.ts recordEarlierHouseholdMoves, S47-A2): one seek per such case, a cases import's rows
-- included, so the moves are found from the household, not by a scan of every move after the day. Cases entered
-- before this migration keep the moves they have (none from before they were entered): they count where they are.
CREATE INDEX household_moves_by_household ON household_moves (household_id, moved_on);
