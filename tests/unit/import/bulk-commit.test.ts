/**
 * A commit of BULK_JOURNAL_ROWS rows or more runs through a rollback journal (db/bulk-journal.ts):
 * the preview's prepared rows still serve it (the switch moves SQLite's data_version, which the
 * ledger stamp reads), every row lands, and the ledger is back in WAL afterwards. A smaller one
 * stays in the WAL. The crash drill (import-commit, 3,000 rows a file) kills such commits.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BULK_JOURNAL_ROWS } from '../../../electron/core/db/bulk-journal';
import { residentsTarget } from '../../../electron/core/io/import/targets/residents';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeCsv } from './files';

const opened: TestLedger[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const t of opened.splice(0)) t.close();
});

const MAPPING = ['community', 'name', 'idNumber', 'address'];

/** Imports `rows` new residents through preview and commit; returns the journal modes seen while writing and after. */
async function importOf(rows: number) {
  const t = await openTestLedger();
  opened.push(t);
  await seedOrg(t);
  const people = Array.from({ length: rows }, (_, i) => [
    '东风社区',
    `居民${i}`,
    makeIdNumber('420106', `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`, i % 1000),
    `幸福小区${1 + (i % 30)}栋${100 + Math.floor(i / 30)}室`,
  ]);
  const path = writeCsv(join(scratch(), '居民.csv'), [['社区', '姓名', '身份证号', '住址'], ...people], 'utf-8-bom');
  const pre = await t.call('import.preview', { path, target: 'residents', mapping: MAPPING });
  expect(pre.counts).toMatchObject({ created: rows, rejected: 0 });
  const db = t.core.services.ledger.handle();
  const mode = () => String(db.pragma('journal_mode', { simple: true }));
  const writing = new Set<string>();
  const original = residentsTarget.insert.bind(residentsTarget);
  const insert = vi.spyOn(residentsTarget, 'insert').mockImplementation((...args) => {
    writing.add(mode());
    return original(...args);
  });
  const done = await t.call('import.commit', { path, target: 'residents', mapping: MAPPING, previewId: pre.previewId });
  return {
    created: done.counts.created,
    stored: (db.prepare(`SELECT count(*) AS n FROM residents`).get() as { n: number }).n,
    writing: [...writing],
    after: mode(),
    prepared: new Set(insert.mock.calls.map((c) => c[2] !== undefined)),
    integrity: db.pragma('integrity_check', { simple: true }),
  };
}

describe('an import commit', () => {
  it(`of ${BULK_JOURNAL_ROWS} rows writes through a rollback journal with the preview’s prepared rows, then is back in WAL`, async () => {
    expect(await importOf(BULK_JOURNAL_ROWS)).toEqual({
      created: BULK_JOURNAL_ROWS,
      stored: BULK_JOURNAL_ROWS,
      writing: ['delete'],
      after: 'wal',
      prepared: new Set([true]),
      integrity: 'ok',
    });
  });

  it('of fewer rows stays in the WAL', async () => {
    expect(await importOf(20)).toMatchObject({ created: 20, stored: 20, writing: ['wal'], after: 'wal', prepared: new Set([true]) });
  });
});
