-- A staff member's community or kind edited no longer changes their earlier pay. 补助计算, the pay sheet (补助发放表)
-- and 值守人员及补助统计表 read the person's present community and kind, so a person moved from 青松里 to 和平里 took the
-- months already paid to 和平里's sheet, and a 志愿者 made 专职社区工作者 had February, paid at the volunteers' standard,
-- repriced at the workers'. Each change is now kept with its day: a day worked (and an adjustment's day) counts for
-- the community and kind the person had that day (rota/reports.ts, rota/README.md).
-- Changes made before this migration left no day: those people count as they are now, as they did.

-- Written by rota/staff-changes.repo.ts in the staff save (rota.staff.save and the 工作人员 import).
-- changed_on: the office's day (Asia/Shanghai) the change was saved, the first day counted with the new values;
-- from/to: the person's community (NULL: none, 机动) and kind before and after.
CREATE TABLE staff_changes (
  id                INTEGER PRIMARY KEY,
  staff_id          INTEGER NOT NULL REFERENCES staff (id),
  changed_on        TEXT NOT NULL,
  from_community_id INTEGER REFERENCES communities (id),
  to_community_id   INTEGER REFERENCES communities (id),
  from_kind         TEXT NOT NULL,
  to_kind           TEXT NOT NULL,
  created_at        TEXT NOT NULL
);
-- The changes after a period's first day (the pay of that period): few, found by day without reading the staff.
CREATE INDEX staff_changes_by_day ON staff_changes (changed_on, staff_id);
