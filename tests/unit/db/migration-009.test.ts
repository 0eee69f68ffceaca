/**
 * 009_figures on a ledger made by the version before it: 15-digit ID numbers
 * become their 18-digit form (flagged as written with 15), a person already
 * entered with both forms is left for a person to merge, and the shape is new.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEncrypted } from '../../../electron/core/db/open';
import { migrate } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index';
import type { Database } from '../../../electron/core/db/types';
import { upgrade15 } from '../../../electron/core/people/id-number';

const NOW = '2020-02-17T00:00:00.000Z';
const before009 = MIGRATIONS.filter((m) => m.version < 9);
/** Up to 009 only: 019 later seals the numbers and empties id_rev (tested in migration-019). */
const upTo009 = MIGRATIONS.filter((m) => m.version <= 9);

let dir: string;
let db: Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'taizhang-mig9-'));
  db = openEncrypted(join(dir, 'l.db'), randomBytes(32));
  migrate(db, NOW, before009);
  db.prepare(`INSERT INTO communities (id, name, created_at, updated_at) VALUES (1, '幸福社区', @now, @now)`).run({ now: NOW });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const resident = (name: string, idNumber: string) =>
  db
    .prepare(`INSERT INTO residents (community_id, name, id_number, id_rev, created_at, updated_at) VALUES (1, @name, @idNumber, @rev, @now, @now)`)
    .run({ name, idNumber, rev: [...idNumber].reverse().join(''), now: NOW });

describe('009_figures on an existing ledger', () => {
  it('converts stored 15-digit ID numbers to 18 digits, with id_rev, and flags them', () => {
    resident('王桂英', '410105620312017');
    resident('李四', '410105700101012');
    resident('张三', upgrade15('410105550505011'));
    resident('张三（重复）', '410105550505011');
    db.prepare(`INSERT INTO staff (name, kind, id_number, created_at, updated_at) VALUES ('刘洋', 'community_worker', '410105620312017', @now, @now)`).run({
      now: NOW,
    });
    migrate(db, NOW, upTo009);
    const rows = db.prepare(`SELECT name, id_number AS idNumber, id_rev AS idRev, id_number_was15 AS was15 FROM residents ORDER BY id`).all() as Array<{
      name: string;
      idNumber: string;
      idRev: string;
      was15: number;
    }>;
    expect(rows.map((r) => [r.name, r.idNumber, r.was15])).toEqual([
      ['王桂英', upgrade15('410105620312017'), 1],
      ['李四', upgrade15('410105700101012'), 1],
      ['张三', upgrade15('410105550505011'), 0],
      // Its 18-digit form belongs to someone already: left as written, for a person to merge.
      ['张三（重复）', '410105550505011', 0],
    ]);
    for (const r of rows) expect(r.idRev).toBe([...r.idNumber].reverse().join(''));
    expect(db.prepare(`SELECT id_number AS n, id_number_was15 AS w FROM staff`).get()).toEqual({ n: upgrade15('410105620312017'), w: 1 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
