-- Audit payloads written before this version may hold full ID numbers, phones
-- and birth dates in clear. From here on every row is written under the rule of
-- audit/audit-seal.ts; the rows before this id are rewritten (masked and
-- sealed, the chain re-computed from the first changed row) by the sealing
-- upgrade audit/payload-upgrade.ts at the first clerk's or coordinator's unlock,
-- which then sets the mark to 0.
INSERT OR REPLACE INTO meta (key, value) SELECT 'audit_clear_before', coalesce(max(id), 0) + 1 FROM audit_log;
