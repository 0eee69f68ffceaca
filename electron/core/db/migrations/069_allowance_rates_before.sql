-- 补助标准 changed from a given day on (执行日期): the standard each kind of staff had before, and the last office day
-- it applied. rota_allowance_rates keeps the standard in force now; a day on or before a row's until_day is paid at
-- the standard of the earliest such row of its kind (a row with no basis: no standard then, 未设补助标准), any later
-- day at rota_allowance_rates'. Until now a changed standard repriced every day already worked, months already paid
-- among them. A ledger from before has no rows here: its one standard applies to every day, as it did.
CREATE TABLE rota_allowance_rates_before (
  staff_kind  TEXT NOT NULL,
  until_day   TEXT NOT NULL,
  basis       TEXT CHECK (basis IN ('day', 'shift')),
  amount_fen  INTEGER CHECK (amount_fen BETWEEN 0 AND 10000000),
  label       TEXT,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (staff_kind, until_day),
  CHECK ((basis IS NULL) = (amount_fen IS NULL) AND (basis IS NULL) = (label IS NULL))
);
