/**
 * The thirty-eighth attack run (issue 19, session 52), targets 1 and 7: 「以前导入过」 by sheet (earlier-imports.ts,
 * session 51) and 导入记录's merged count (migration 079). Online as the coordinator through Core.call; offline with
 * viewer1's password (the database key only, tests/helpers/attacker.ts).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAsViewerOffline } from '../../helpers/attacker';
import { ADMIN } from '../../helpers/ledger';
import { useImportLedger, writeCsv, writeXlsx } from '../import/files';
import { HEAD, ID, previewKit, ZHANG, ZHAO } from './preview-kit';

const L = useImportLedger();
const { constants } = previewKit(L, '东风社区');

async function commit(o: { path?: string; text?: string; sheet?: string }) {
  const ins = await L.t.call('import.inspect', { ...o, target: 'cases' });
  const input = { ...o, target: 'cases' as const, mapping: ins.mapping, constants };
  const pre = await L.t.call('import.preview', input);
  return L.t.call('import.commit', { ...input, previewId: pre.previewId });
}
const caseCount = async (): Promise<number> => (await L.t.call('cases.list', {})).rows.length;

describe('S52: 以前导入过 by sheet, and 导入记录’s merged', () => {
  it('a sheet imported, then the same sheet renamed in a copy, then its rows as a CSV: no person’s case written twice (held by matching, not by the file)', async () => {
    const a = await writeXlsx(join(L.dir, 'a.xlsx'), [
      { name: '一网格', rows: [HEAD, ZHANG] },
      { name: '二网格', rows: [HEAD, ZHAO] },
    ]);
    expect((await commit({ path: a, sheet: '一网格' })).counts.created).toBe(1);
    // The same sheet again by the one-sheet road: 以前导入过; the other sheet from the same file: imported.
    expect((await commit({ path: a, sheet: '一网格' })).alreadyImported).not.toBeNull();
    expect((await commit({ path: a, sheet: '二网格' })).counts.created).toBe(1);
    const copy = await writeXlsx(join(L.dir, 'copy.xlsx'), [{ name: '第一网格', rows: [HEAD, ZHANG] }]);
    const again = await commit({ path: copy });
    expect(again.alreadyImported).toBeNull();
    expect(again.counts.created).toBe(0);
    const csv = writeCsv(join(L.dir, 'a.csv'), [HEAD as string[], ZHANG as string[]], 'utf-8');
    expect((await commit({ path: csv })).counts.created).toBe(0);
    expect(await caseCount()).toBe(2);
  });

  it('导入记录’s 合并重复 N 条 forged offline with a viewer’s key: shown as written (noted: import_log is not bound)', async () => {
    await L.t.sessionAs('viewer', 'viewer1');
    const text = ['#接龙', `1. 张一 ${ID(1)} 13803711001`, `2. 张一 ${ID(1)} 13803711001`].join('\n');
    const done = await commit({ text });
    expect(done.merged).toBe(1);
    await L.t.call('auth.lock', {}, 'viewer1');
    await L.t.call('auth.lock', {});
    const db = openAsViewerOffline(L.t.dir);
    db.prepare(`UPDATE import_log SET merged = 40, created = 41, total_rows = 81 WHERE id = ?`).run(done.importId);
    db.close();
    await L.t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const log = (await L.t.call('import.history', { limit: 10 })).rows.find((r) => r.id === done.importId);
    expect(log).toMatchObject({ merged: 40, created: 41, total: 81 });
  });
});
