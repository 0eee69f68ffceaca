/**
 * 022_audit_payloads on a ledger in use: no table or index changes, every row
 * kept; it marks where rows written under the audit payload rule begin
 * (meta audit_clear_before), for the sealing upgrade to rewrite the rows before.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMeta } from '../../../electron/core/db/ledger-files';
import { CASELOAD_TABLES, ledgerBefore, seedCaseload, seedFoundation, type LedgerBefore, upgradeKeepingRows } from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(22);
  seedFoundation(l.db);
  seedCaseload(l.db);
});
afterEach(() => l.close());

describe('022_audit_payloads on an existing ledger', () => {
  it('changes no shape, keeps every row, and marks the first id written under the rule', () => {
    const added = upgradeKeepingRows(l, 22, ['users', 'audit_log', 'settings', 'communities', 'grids', 'staff', ...CASELOAD_TABLES]);
    expect(added).toEqual({ tables: {}, indexes: [], triggers: [] });
    const last = (l.db.prepare(`SELECT max(id) AS id FROM audit_log`).get() as { id: number }).id;
    expect(readMeta(l.db, 'audit_clear_before')).toBe(String(last + 1));
    expect(readMeta(l.db, 'office')).toBe('东风街道办事处');
  });
});
