-- Cases bound to whose case they are (caseload/case-binding.ts, db/row-binding.ts): a keyed MAC over the case id,
-- its resident, category and the days that make it that case, written by the cases writer when it opens one and
-- checked before the case is shown in the drawer, listed in a form with a resident's numbers or signed into a
-- package. NULL until the cases binding upgrade runs at the next clerk's or coordinator's unlock.
ALTER TABLE cases ADD COLUMN row_mac BLOB;
