-- A pasted 接龙's repeats merged into their first row (io/import/pipeline.ts, session 49): in no count, so 导入记录 said
-- 总行数 less them with nothing to explain it; the audit row carried `merged` but the record did not. 0 for every
-- import made before (a file's repeats are sent back, never merged; a paste's merges before this were not kept).
ALTER TABLE import_log ADD COLUMN merged INTEGER NOT NULL DEFAULT 0;
