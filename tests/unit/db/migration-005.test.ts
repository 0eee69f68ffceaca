/**
 * 005_honours on a ledger made by 004 and in use: earlier rows untouched; a
 * memorial record can name a person already in the staff register, and its
 * report recipients and causes are the notice's lists.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CASELOAD_TABLES,
  FOUNDATION_TABLES,
  ledgerBefore,
  MIGRATION_NOW,
  seedCaseload,
  seedFoundation,
  type LedgerBefore,
  upgradeKeepingRows,
} from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(5);
  seedFoundation(l.db);
  seedCaseload(l.db);
});
afterEach(() => l.close());

const memorial = (cause: string) =>
  l.db
    .prepare(
      `INSERT INTO honours_memorials (staff_id, name, post, community_id, died_at, place, circumstances, cause, created_at, updated_at)
       VALUES (1, '刘洋', '社区专职工作者', 1, '2020-02-14T02:00:00.000Z', '幸福社区卡口', '连续值守后倒在岗位上', @cause, @now, @now)`,
    )
    .run({ cause, now: MIGRATION_NOW });

describe('005_honours on an existing ledger', () => {
  it('adds the honours tables and keeps every earlier row', () => {
    const added = upgradeKeepingRows(l, 5, [...FOUNDATION_TABLES, ...CASELOAD_TABLES]);
    expect(Object.keys(added.tables).sort()).toEqual(
      [
        'honours_attachments',
        'honours_commendations',
        'honours_difficulties',
        'honours_family_members',
        'honours_memorials',
        'honours_publicity',
        'honours_reports',
        'honours_visits',
      ].sort(),
    );
    expect(added.tables.staff).toBeUndefined();
  });

  it('links a memorial to an existing staff entry and keeps the recipient and cause lists', () => {
    l.upgrade();
    const { lastInsertRowid: id } = memorial('过度劳累');
    expect(() => memorial('意外')).toThrow(/CHECK/);
    const report = l.db.prepare(
      `INSERT INTO honours_reports (memorial_id, reported_at, recipient, via, reported_by, created_at) VALUES (@id, @now, @recipient, '电话', '王建国', @now)`,
    );
    report.run({ id, recipient: '上级民政部门', now: MIGRATION_NOW });
    expect(() => report.run({ id, recipient: '报社', now: MIGRATION_NOW })).toThrow(/CHECK/);
    expect(l.db.prepare(`SELECT s.name FROM honours_memorials m JOIN staff s ON s.id = m.staff_id`).get()).toEqual({ name: '刘洋' });
    expect(l.db.pragma('foreign_key_check')).toEqual([]);
  });
});
