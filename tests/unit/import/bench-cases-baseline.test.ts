/**
 * The cases bench's baseline (tests/bench/parts/import-cases.ts returneeCase) is a bare INSERT of the rows the import
 * stores: checked here against what the import itself stores for the bench's own rows (make-big's communityRows, the
 * 14 columns as a GBK CSV). Before session 23 the baseline opened every case today while the import opens a returnee
 * on its 返程日期 (the office's default since session 21): other days in six of the cases' indexes, so the baseline the
 * bench's ratio divides by was not the same rows.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { returneeCase } from '../../bench/parts/import-cases';
import { COMMUNITY_GRIDS, COMMUNITY_MAPPING, communityGbkCsv, communityRows } from '../../integration/import/make-big';
import { useImportLedger } from './files';

const L = useImportLedger();

/** The columns the baseline's case INSERT binds by position (import-cases.ts), by name. */
const BOUND = ['id', 'resident_id', 'community_id', 'grid_id', 'status', 'opened_on', 'origin', 'arrived_on', 'resident_name', 'row_mac'] as const;

describe("the cases bench's bare INSERT writes the cases the import stores", () => {
  it('each case of the bench file as the import stores it: its day, place, details and row MAC', async () => {
    for (const name of COMMUNITY_GRIDS) await L.t.call('org.grids.save', { communityId: L.org.dongfeng, name });
    const rows = communityRows(20);
    const path = join(L.dir, 'bench-十四列返程人员.csv');
    writeFileSync(path, communityGbkCsv(rows));
    const input = { path, target: 'cases' as const, mapping: COMMUNITY_MAPPING, onDuplicate: 'skip' as const };
    const pre = await L.t.call('import.preview', input);
    expect(pre.counts).toMatchObject({ created: 20, rejected: 0 });
    await L.t.call('import.commit', { ...input, previewId: pre.previewId });

    const db = L.db();
    const stored = db.prepare(`SELECT ${BOUND.join(', ')}, category, risk_level, source FROM cases ORDER BY id`).all() as Record<string, unknown>[];
    expect(stored).toHaveLength(20);
    // The first case's id is the one the baseline counts from in a ledger as it was before the import.
    db.exec('SAVEPOINT baseline');
    try {
      db.prepare('DELETE FROM cases').run();
      const baseline = returneeCase(db, L.t.core.services.ledger.sealer()!, L.t.clock.nowIso());
      stored.forEach((c, i) => {
        const params = baseline.prepare(c.resident_id as number, rows[i]!, { community: c.community_id as number, grid: c.grid_id as number | null });
        expect(params.slice(0, BOUND.length), `row ${i + 1}`).toEqual(BOUND.map((k) => c[k]));
        expect(c).toMatchObject({ category: 'returnee', risk_level: 'low', source: '导入' });
      });
    } finally {
      db.exec('ROLLBACK TO baseline');
      db.exec('RELEASE baseline');
    }
    // Sixteen days of return, as the bench file has them: the days the import's cases take in the indexes that hold them.
    expect(new Set(stored.map((c) => c.opened_on)).size).toBe(16);
  });
});
