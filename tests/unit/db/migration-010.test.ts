/**
 * 010 on a ledger made by the version before it: the invented preset rates go
 * (noted where the office had been planning duty), a rate the office saved
 * stays; memorial records keep every row and child, 因公感染 reads
 * 防控工作中感染, and the new tables are there.
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

const NOW = '2020-02-17T00:00:00.000Z';

let dir: string;
let db: Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'taizhang-mig10-'));
  db = openEncrypted(join(dir, 'l.db'), randomBytes(32));
  migrate(
    db,
    NOW,
    MIGRATIONS.filter((m) => m.version < 10),
  );
  db.prepare(`INSERT INTO communities (id, name, created_at, updated_at) VALUES (1, '幸福社区', @now, @now)`).run({ now: NOW });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const rates = () => db.prepare(`SELECT staff_kind AS kind, amount_fen AS fen FROM rota_allowance_rates ORDER BY staff_kind`).all();
const note = () => db.prepare(`SELECT value FROM meta WHERE key = 'rota.presetRatesRemoved'`).get() as { value: string } | undefined;

describe('010 on an existing ledger', () => {
  it('a fresh ledger starts with no rates and no note', () => {
    migrate(db, NOW);
    expect(rates()).toEqual([]);
    expect(note()).toBeUndefined();
  });

  it('removes the untouched presets of a ledger in use, notes them, and keeps a rate the office saved', () => {
    db.prepare(`UPDATE rota_allowance_rates SET amount_fen = 12000, updated_at = '2020-02-10T08:00:00.000Z' WHERE staff_kind = 'community_worker'`).run();
    const staff = Number(
      db.prepare(`INSERT INTO staff (name, kind, community_id, created_at, updated_at) VALUES ('孙志愿', 'volunteer', 1, @now, @now)`).run({ now: NOW })
        .lastInsertRowid,
    );
    const post = Number(
      db.prepare(`INSERT INTO rota_posts (community_id, name, kind, created_at, updated_at) VALUES (1, '物资配送', 'delivery', @now, @now)`).run({ now: NOW })
        .lastInsertRowid,
    );
    db.prepare(
      `INSERT INTO rota_assignments (day, post_id, shift_id, staff_id, source, created_at) VALUES ('2020-02-10', @post, 1, @staff, 'manual', @now)`,
    ).run({ post, staff, now: NOW });
    migrate(db, NOW);
    expect(rates()).toEqual([{ kind: 'community_worker', fen: 12000 }]);
    expect(JSON.parse(note()!.value)).toEqual([{ staffKind: 'volunteer', basis: 'shift', amountFen: 3000, label: '志愿者补贴' }]);
  });

  it('rebuilds the memorial table with every row and child, renaming 因公感染', () => {
    db.prepare(
      `INSERT INTO honours_memorials (id, name, post, died_at, place, circumstances, cause, created_at, updated_at)
       VALUES (7, '李卫东', '社区医生', '2020-02-10T02:00:00.000Z', '区人民医院', '随访中感染，救治无效。', '因公感染', @now, @now)`,
    ).run({ now: NOW });
    db.prepare(
      `INSERT INTO honours_reports (memorial_id, reported_at, recipient, via, reported_by, created_at) VALUES (7, @now, '党委', '电话报告', '王建国', @now)`,
    ).run({ now: NOW });
    migrate(db, NOW);
    expect(db.prepare(`SELECT id, cause, learned_at AS learnedAt FROM honours_memorials`).all()).toEqual([{ id: 7, cause: '防控工作中感染', learnedAt: null }]);
    expect(db.prepare(`SELECT memorial_id AS m FROM honours_reports`).all()).toEqual([{ m: 7 }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(() =>
      db
        .prepare(
          `INSERT INTO honours_reports (memorial_id, reported_at, recipient, via, reported_by, created_at) VALUES (99, @now, '党委', '电话报告', '王建国', @now)`,
        )
        .run({ now: NOW }),
    ).toThrow(/FOREIGN KEY/);
    for (const table of ['rota_attendance', 'honours_steps']) expect(db.prepare(`SELECT 1 FROM sqlite_master WHERE name = @table`).get({ table })).toBeTruthy();
  });
});
