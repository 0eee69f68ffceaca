-- Issue 14: files as communities send them.
--
-- Returnee and observation details on a case, as the 2020 sheets carry them:
-- where the person came from (province and city as written), the day they
-- arrived back, how they travelled, and the three-person team responsible
-- (grid worker, doctor, police officer). Free text: sheets write them in
-- every way, and nothing is computed from them.
ALTER TABLE cases ADD COLUMN origin           TEXT;  -- 来源地 / 从何地返回
ALTER TABLE cases ADD COLUMN arrived_on       TEXT;  -- 返程日期 'YYYY-MM-DD'
ALTER TABLE cases ADD COLUMN transport        TEXT;  -- 交通方式
ALTER TABLE cases ADD COLUMN transport_no     TEXT;  -- 车次/航班号/车牌号
ALTER TABLE cases ADD COLUMN team_grid_worker TEXT;  -- 责任网格员
ALTER TABLE cases ADD COLUMN team_doctor      TEXT;  -- 责任医生
ALTER TABLE cases ADD COLUMN team_police      TEXT;  -- 责任民警

-- Whole-file values (a community or category given once for every row,
-- because the sheet says it only in its title) are remembered with the
-- column mapping, and recorded with each import.
ALTER TABLE import_header_mappings ADD COLUMN constants_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE import_log ADD COLUMN constants_json TEXT NOT NULL DEFAULT '{}';

-- What the rows were read from, exactly: 'xlsx', 'xls' (BIFF8, including a
-- WPS .et that holds one), 'csv' or 'paste' (cells or a WeChat 接龙 list
-- pasted into the wizard). file_format keeps its CHECK ('xlsx' | 'csv') and
-- now means the family: a workbook, or text.
ALTER TABLE import_log ADD COLUMN source_format TEXT;
