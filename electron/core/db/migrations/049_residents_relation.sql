-- 与户主关系 as the community's sheet or the clerk wrote it (caseload/relation.ts: 本人 → 户主, 妻/夫 → 配偶; other
-- words kept as written). Short text beside the name, not a secret number: stored in clear, not in the row MAC.
-- No index: no list filters or sorts by it (a household's members are found by residents_by_household).
ALTER TABLE residents ADD COLUMN relation TEXT;
