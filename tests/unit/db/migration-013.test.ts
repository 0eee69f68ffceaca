/**
 * 013_forms on a ledger made by the version before it: the export log and
 * everything else untouched, the policy and template tables new, a policy
 * for full numbers refused without a reason, one active template per
 * header fingerprint, and the template list read through its index.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index';
import { openEncrypted } from '../../../electron/core/db/open';
import type { Database } from '../../../electron/core/db/types';

const NOW = '2020-02-17T00:00:00.000Z';
const before013 = MIGRATIONS.filter((m) => m.version < 13);

let dir: string;
let db: Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'taizhang-mig13-'));
  db = openEncrypted(join(dir, 'l.db'), randomBytes(32));
  migrate(db, NOW, before013);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const template = (fingerprint: string, active = 1) =>
  db
    .prepare(
      `INSERT INTO export_templates (name, file_name, sheet, fingerprint, header_first, header_last, base_form, mapping_json, bytes, sha256, active, created_by, created_at, updated_at)
       VALUES ('区花名册', 't.xlsx', 'Sheet1', @fingerprint, 3, 4, 'observation-roster', '{}', x'00', 'x', @active, 'admin', @now, @now)`,
    )
    .run({ fingerprint, active, now: NOW });

describe('013_forms on an existing ledger', () => {
  it('keeps the export log as it was and adds the policy and template tables', () => {
    db.prepare(
      `INSERT INTO export_log (at, username, period_from, period_to, form_ids, destination, file_name, sha256, bytes, fingerprint) VALUES (@now, 'admin', '2020-02-10', '2020-02-16', '[]', '/m', 'p.zip', 'h', 1, 'fp')`,
    ).run({ now: NOW });
    migrate(db, NOW);
    expect(db.prepare('SELECT count(*) AS n FROM export_log').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM form_number_policies').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM export_templates').get()).toEqual({ n: 0 });
  });

  it('refuses full numbers without a reason, and a second active template with the same header', () => {
    migrate(db, NOW);
    const policy = db.prepare(`INSERT INTO form_number_policies (form_id, full_numbers, reason, set_by, set_at) VALUES (@id, @full, @reason, 'admin', @now)`);
    expect(() => policy.run({ id: 'observation-roster', full: 1, reason: ' ', now: NOW })).toThrow(/CHECK/);
    policy.run({ id: 'caseload-summary', full: 0, reason: null, now: NOW });
    template('abc');
    expect(() => template('abc')).toThrow(/UNIQUE/);
    template('abc', 0);
  });

  it('lists templates through its index', () => {
    migrate(db, NOW);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM export_templates WHERE active = 1 ORDER BY name, id`).all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX export_templates_by_active/);
    expect(plan.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
  });
});
