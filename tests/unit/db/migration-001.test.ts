/**
 * 001_foundation on a new, empty encrypted ledger: users, the append-only
 * audit log, settings, communities, grids and the staff core, with their
 * rules (roles, community kinds, no negative counts, one grid name per community).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerBefore, MIGRATION_NOW, shapeOf, type LedgerBefore } from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(1);
});
afterEach(() => l.close());

describe('001_foundation on an empty ledger', () => {
  it('creates the foundation tables and the audit log’s indexes and guards', () => {
    expect(shapeOf(l.db).tables).toEqual({});
    expect(l.upgrade()).toEqual([1]);
    const shape = shapeOf(l.db);
    expect(Object.keys(shape.tables)).toEqual(['audit_log', 'communities', 'grids', 'meta', 'settings', 'staff', 'users']);
    expect(shape.indexes).toEqual(['audit_log_by_at', 'audit_log_by_channel', 'audit_log_by_entity', 'audit_log_by_user', 'staff_by_community']);
    expect(shape.triggers).toEqual(['audit_log_no_delete', 'audit_log_no_update']);
  });

  it('keeps its rules: roles, community kinds, one grid name per community, an append-only audit log', () => {
    l.upgrade();
    const { db } = l;
    const now = { now: MIGRATION_NOW };
    db.prepare(`INSERT INTO users (username, display_name, role, created_at, updated_at) VALUES ('Admin', '王建国', 'coordinator', @now, @now)`).run(now);
    expect(() =>
      db.prepare(`INSERT INTO users (username, display_name, role, created_at, updated_at) VALUES ('admin', '重名', 'clerk', @now, @now)`).run(now),
    ).toThrow(/UNIQUE/);
    expect(() => db.prepare(`INSERT INTO users (username, display_name, role, created_at, updated_at) VALUES ('x', 'x', 'root', @now, @now)`).run(now)).toThrow(
      /CHECK/,
    );
    db.prepare(`INSERT INTO communities (id, name, created_at, updated_at) VALUES (1, '幸福社区', @now, @now)`).run(now);
    expect(db.prepare(`SELECT kind, households, population FROM communities`).get()).toEqual({ kind: '社区', households: 0, population: 0 });
    expect(() => db.prepare(`INSERT INTO communities (name, kind, created_at, updated_at) VALUES ('某镇', '镇', @now, @now)`).run(now)).toThrow(/CHECK/);
    db.prepare(`INSERT INTO grids (community_id, name, created_at, updated_at) VALUES (1, '第一网格', @now, @now)`).run(now);
    expect(() => db.prepare(`INSERT INTO grids (community_id, name, created_at, updated_at) VALUES (1, '第一网格', @now, @now)`).run(now)).toThrow(/UNIQUE/);
    db.prepare(`INSERT INTO staff (name, kind, community_id, created_at, updated_at) VALUES ('刘洋', 'community_worker', 1, @now, @now)`).run(now);
    expect(db.prepare(`SELECT skills, is_medical AS isMedical, status FROM staff`).get()).toEqual({ skills: '[]', isMedical: 0, status: 'active' });
    db.prepare(`INSERT INTO audit_log (at, username, channel, entity, prev_hash, hash) VALUES (@now, 'admin', 'setup.init', 'office', '', 'h1')`).run(now);
    expect(() => db.prepare(`UPDATE audit_log SET username = 'x'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM audit_log`).run()).toThrow(/append-only/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
