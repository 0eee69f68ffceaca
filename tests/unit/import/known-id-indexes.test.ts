/**
 * The import's matching reads the ledger's ID-number indexes once instead of asking per row
 * (targets/known-id-indexes.ts), only while the ledger is as it was read: never inside a transaction,
 * and compared with the ledger's stamp again after each turn of the event loop. An index it read says "maybe
 * there" (the row is then looked up as before), one it did not read "not there".
 */
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { foldOf, foldOfHex, knownIdIndexes, READ_ALL_AFTER } from '../../../electron/core/io/import/targets/known-id-indexes';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeCsv } from './files';

const opened: (Database.Database | TestLedger)[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** One turn of the event loop, as the import's reading yields between chunks (io/import/jobs.ts breathe). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const indexOf = (i: number): Buffer => Buffer.from(`index-${String(i).padStart(10, '0')}`);

function ledgerHolding(count: number): Database.Database {
  const db = new Database(':memory:');
  opened.push(db);
  db.exec(
    `CREATE TABLE residents (id INTEGER PRIMARY KEY, id_number_index BLOB); CREATE UNIQUE INDEX residents_by_id_number_index ON residents (id_number_index)`,
  );
  const insert = db.prepare(`INSERT INTO residents (id_number_index) VALUES (?)`);
  for (let i = 0; i < count; i++) insert.run(indexOf(i));
  insert.run(null);
  return db;
}

describe('the ledger’s ID-number indexes, read once for a large file', () => {
  it('answers "maybe" for the first rows, then exactly whether the ledger holds the index', () => {
    const mayHold = knownIdIndexes(ledgerHolding(10));
    for (let i = 0; i < READ_ALL_AFTER; i++) expect(mayHold(indexOf(1000 + i))).toBe(true);
    expect(mayHold(indexOf(3))).toBe(true);
    expect(mayHold(indexOf(9))).toBe(true);
    expect(mayHold(indexOf(10))).toBe(false);
    expect(mayHold(indexOf(5000))).toBe(false);
  });

  it('reads nothing inside a transaction (the commit writes between its questions)', () => {
    const db = ledgerHolding(10);
    const mayHold = knownIdIndexes(db);
    db.transaction(() => {
      for (let i = 0; i < READ_ALL_AFTER + 50; i++) expect(mayHold(indexOf(1000 + i))).toBe(true);
    })();
  });

  it('keeps what it read while the ledger is unchanged, and drops it after the event loop turned once a row was written', async () => {
    const db = ledgerHolding(10);
    const mayHold = knownIdIndexes(db);
    for (let i = 0; i <= READ_ALL_AFTER; i++) mayHold(indexOf(1000 + i));
    expect(mayHold(indexOf(77))).toBe(false);
    await turn();
    // Nothing written: still read (a dropped read would answer "maybe" for the next rows).
    expect(mayHold(indexOf(78))).toBe(false);
    db.prepare(`INSERT INTO residents (id_number_index) VALUES (?)`).run(indexOf(77));
    await turn();
    expect(mayHold(indexOf(77))).toBe(true);
    for (let i = 0; i <= READ_ALL_AFTER; i++) mayHold(indexOf(1000 + i));
    expect(mayHold(indexOf(77))).toBe(true);
    expect(mayHold(indexOf(78))).toBe(false);
  });
});

describe('what is kept of each index: a 30-bit fold (session 35)', () => {
  it('folds an index and the hex text SQLite writes of it alike, upper or lower case, within 30 bits', () => {
    for (let i = 0; i < 200; i++) {
      const index = randomBytes(16);
      const fold = foldOf(index);
      expect(foldOfHex(index.toString('hex').toUpperCase())).toBe(fold);
      expect(foldOfHex(index.toString('hex'))).toBe(fold);
      expect(Number.isInteger(fold) && fold >= 0 && fold < 2 ** 30).toBe(true);
    }
    const db = ledgerHolding(0);
    db.prepare(`INSERT INTO residents (id_number_index) VALUES (?)`).run(Buffer.from('00ff10aB', 'hex'));
    const hex = db.prepare(`SELECT hex(id_number_index) FROM residents WHERE id_number_index IS NOT NULL`).pluck().get() as string;
    expect(foldOfHex(hex)).toBe(foldOf(Buffer.from('00ff10ab', 'hex')));
  });

  it('answers "maybe" for an index the ledger does not hold whose fold is one it read: the row is then looked up', () => {
    // Two indexes folding alike (a birthday search: about 40,000 tries in 2^30 folds).
    const seen = new Map<number, Buffer>();
    let pair: [Buffer, Buffer] | null = null;
    while (pair === null) {
      const b = randomBytes(16);
      const other = seen.get(foldOf(b));
      if (other && !other.equals(b)) pair = [other, b];
      else seen.set(foldOf(b), b);
    }
    const db = ledgerHolding(0);
    db.prepare(`INSERT INTO residents (id_number_index) VALUES (?)`).run(pair[0]);
    const mayHold = knownIdIndexes(db);
    for (let i = 0; i < READ_ALL_AFTER; i++) mayHold(indexOf(1000 + i));
    expect(mayHold(pair[0])).toBe(true);
    expect(mayHold(pair[1])).toBe(true);
    expect(mayHold(indexOf(5))).toBe(false);
  });
});

describe('a preview of more rows than are asked one by one', () => {
  it('still finds every resident the ledger holds, and the new ones as new', async () => {
    const t = await openTestLedger();
    opened.push(t);
    await seedOrg(t);
    const rows = READ_ALL_AFTER + 40;
    const person = (i: number, name = `居民${i}`) => ['东风社区', name, makeIdNumber('420106', `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`, i % 1000)];
    const header = ['社区', '姓名', '身份证号'];
    const mapping = ['community', 'name', 'idNumber'];
    const first = writeCsv(join(scratch(), '居民.csv'), [header, ...Array.from({ length: rows }, (_, i) => person(i))], 'utf-8-bom');
    const pre = await t.call('import.preview', { path: first, target: 'residents', mapping });
    await t.call('import.commit', { path: first, target: 'residents', mapping, previewId: pre.previewId });
    // Last in the file (asked after the indexes were read): one resident renamed, one new person.
    const again = [...Array.from({ length: rows - 1 }, (_, i) => person(i)), person(rows - 1, '改名'), person(rows)];
    const second = writeCsv(join(scratch(), '居民2.csv'), [header, ...again], 'utf-8-bom');
    const counts = (await t.call('import.preview', { path: second, target: 'residents', mapping, onDuplicate: 'skip' })).counts;
    expect(counts).toMatchObject({ unchanged: rows - 1, skipped: 1, created: 1, rejected: 0 });
  });
});
