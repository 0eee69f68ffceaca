-- Forms both ways (减负): who sees full numbers on each form, and the
-- district's own xlsx templates mapped once to ledger fields.

-- A form's recorded policy for ID numbers and phones on the way out. A form
-- without a row here uses its default (full for the observation roster, the
-- care ledger and the pay sheet; masked for everything else). A template's
-- form id is 'template:<id>'.
CREATE TABLE form_number_policies (
  form_id      TEXT PRIMARY KEY,
  full_numbers INTEGER NOT NULL CHECK (full_numbers IN (0, 1)),
  reason       TEXT,
  set_by       TEXT NOT NULL,
  set_at       TEXT NOT NULL,
  CHECK (full_numbers = 0 OR length(trim(reason)) > 0)
);

-- A district's template: a copy of the file as received (never the user's
-- file itself), where its header is, which ledger form fills its rows and
-- what each of its columns takes. Found again by its header fingerprint.
CREATE TABLE export_templates (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  file_name    TEXT NOT NULL,
  sheet        TEXT NOT NULL,
  fingerprint  TEXT NOT NULL,
  header_first INTEGER NOT NULL,
  header_last  INTEGER NOT NULL,
  base_form    TEXT NOT NULL,
  mapping_json TEXT NOT NULL,
  bytes        BLOB NOT NULL,
  sha256       TEXT NOT NULL,
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX export_templates_by_fingerprint ON export_templates (fingerprint) WHERE active = 1;
CREATE INDEX export_templates_by_active ON export_templates (active, name, id);
