/**
 * Import staging at rest (issue 19 item 2): a rejected row's raw cells and a
 * flagged row's incoming record are sealed whole; the clear columns hold
 * nothing personal; the rejected-rows spreadsheet (clerk+) still has every
 * cell; viewers get no staged rows; rows an older version left in clear are
 * sealed at the first coordinator unlock and open back to what was written.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { FLAG_INCOMING, REJECTED_CELLS } from '../../../electron/core/io/import/staging-seal';
import { ADMIN, openTestLedger, PASSWORD, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeXlsx } from './files';

const ID1 = makeIdNumber('410102', '1985-03-02', 11);
const ID2 = makeIdNumber('410102', '1990-07-15', 22);
const HEAD = ['姓名', '类别', '所属社区', '手机号码', '身份证号码', '单位'];
const MAPPING = ['name', 'kind', 'community', 'phone', 'idNumber', 'agency'];
const SECRETS = [ID1, ID2, '13800138000', '13900139000', '13700137000'];

let t: TestLedger;
let dir: string;
beforeEach(async () => {
  t = await openTestLedger();
  await seedOrg(t);
  dir = scratch();
});
afterEach(() => t.close());

const db = () => t.core.services.ledger.handle();

/** Every TEXT and BLOB value of the staging tables as a viewer would read them with the database key. */
function stagingText(): string {
  const rows = [...db().prepare(`SELECT * FROM import_rejected_rows`).all(), ...db().prepare(`SELECT * FROM import_review_flags`).all()] as Record<
    string,
    unknown
  >[];
  return rows.map((r) => Object.values(r).map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : String(v)))).join('\n');
}

/** A staff import leaving one rejected row (ID2 and a phone in its cells) and one row flagged as a possible duplicate. */
async function importWithStagedRows(): Promise<number> {
  const first = await writeXlsx(join(dir, 'a.xlsx'), [{ name: 'S', rows: [HEAD, ['李娜', '社区工作者', '东风社区', '13800138000', ID1, '']] }]);
  await t.call('import.commit', { path: first, target: 'staff', mapping: MAPPING });
  const second = await writeXlsx(join(dir, 'b.xlsx'), [
    { name: 'S', rows: [HEAD, ['李娜', '医务人员', '东风社区', '13900139000', ID1, '人民医院'], ['张三', '厨师', '南湖社区', '13700137000', ID2, '']] },
  ]);
  const done = await t.call('import.commit', { path: second, target: 'staff', mapping: MAPPING, onDuplicate: 'flag' });
  expect(done.counts).toMatchObject({ flagged: 1, rejected: 1 });
  return done.importId!;
}

describe('import staging', () => {
  it('seals rejected cells and flagged records; the clear columns hold nothing personal; the spreadsheet still has every cell', async () => {
    const importId = await importWithStagedRows();
    const text = stagingText();
    for (const s of SECRETS) expect(text).not.toContain(s);
    const flag = db().prepare(`SELECT incoming_json AS incoming, incoming_sealed AS sealed FROM import_review_flags`).get() as {
      incoming: string;
      sealed: Buffer;
    };
    expect(flag.incoming).toContain('139****9000');
    const sealer = t.core.services.ledger.sealer()!;
    expect(sealer.open(FLAG_INCOMING, flag.sealed)).toContain('13900139000');
    const rejected = db().prepare(`SELECT cells_json AS cells, cells_sealed AS sealed FROM import_rejected_rows`).get() as { cells: string; sealed: Buffer };
    expect(rejected.cells).toBe('[]');
    expect(JSON.parse(sealer.open(REJECTED_CELLS, rejected.sealed))).toContain(ID2);

    const out = join(dir, '退回.xlsx');
    await t.call('import.rejected.save', { importId, outPath: out });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const row = wb.worksheets[0]!.getRow(2);
    expect(row.getCell(2).value).toBe('张三');
    expect(String(row.getCell(6).value)).toBe(ID2);
  });

  it('saving the rejected rows is audited under whoever saves them: which import, how many rows, where; no number (S30-A3)', async () => {
    const importId = await importWithStagedRows();
    const other = await t.sessionAs('clerk', 'lisi');
    const out = join(dir, '退回给南湖社区.xlsx');
    await t.call('import.rejected.save', { importId, outPath: out }, other);
    const rows = db()
      .prepare(`SELECT username, entity, entity_id AS entityId, after_json AS after FROM audit_log WHERE channel = 'import.rejected.save'`)
      .all() as { username: string; entity: string; entityId: string; after: string }[];
    expect(rows.map((r) => ({ ...r, after: JSON.parse(r.after) as unknown }))).toEqual([
      { username: 'lisi', entity: 'import', entityId: String(importId), after: { fileName: 'b.xlsx', rejectedRows: 1, path: out } },
    ]);
    for (const s of SECRETS) expect(rows[0]!.after).not.toContain(s);
    const log = await t.call('audit.list', { filter: { channel: 'import.rejected.save' }, offset: 0, limit: 5 });
    expect(log.rows.map((r) => r.summary)).toEqual([
      expect.stringMatching(new RegExp(`把导入「b\\.xlsx」的 1 行退回的行（含完整身份证号和电话）保存到「${out.replace(/[.]/g, '\\.')}」$`)),
    ]);
  });

  it('gives viewers no staged rows', async () => {
    const importId = await importWithStagedRows();
    const viewer = await t.sessionAs('viewer');
    expect((await t.fail('import.rejected.save', { importId, outPath: join(dir, 'v.xlsx') }, viewer)).code).toBe('FORBIDDEN');
  });

  it('seals what an older version staged in clear at the first coordinator unlock, nothing lost', async () => {
    await t.sessionAs('viewer', 'viewer1');
    await t.call('auth.lock', {}, 'viewer1');
    const log = db()
      .prepare(
        `INSERT INTO import_log (target, file_name, file_hash, file_format, on_duplicate, total_rows, flagged, rejected, user_id, username, at)
         VALUES ('staff', 'old.xlsx', 'h', 'xlsx', 'flag', 2, 1, 1, 1, 'admin', '2020-02-16T01:00:00.000Z')`,
      )
      .run().lastInsertRowid;
    const cells = ['张三', '厨师', '南湖社区', '13700137000', ID2, ''];
    db()
      .prepare(`INSERT INTO import_rejected_rows (import_id, row_number, cells_json, reason) VALUES (@log, 3, @cells, '社区不存在')`)
      .run({ log, cells: JSON.stringify(cells) });
    const incoming = { 姓名: '李娜', 联系电话: '13900139000', 身份证号: ID1 };
    db()
      .prepare(
        `INSERT INTO import_review_flags (import_id, row_number, entity, existing_id, incoming_json, reason) VALUES (@log, 2, 'staff', 1, @incoming, '疑似重复')`,
      )
      .run({ log, incoming: JSON.stringify(incoming) });
    await t.call('auth.lock', {});
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    expect(stagingText()).toContain(ID2);
    await t.call('auth.lock', {}, 'viewer1');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const text = stagingText();
    for (const s of SECRETS) expect(text).not.toContain(s);
    const sealer = t.core.services.ledger.sealer()!;
    const r = db().prepare(`SELECT cells_sealed AS sealed FROM import_rejected_rows`).get() as { sealed: Buffer };
    expect(JSON.parse(sealer.open(REJECTED_CELLS, r.sealed))).toEqual(cells);
    const f = db().prepare(`SELECT incoming_json AS masked, incoming_sealed AS sealed FROM import_review_flags`).get() as { masked: string; sealed: Buffer };
    expect(JSON.parse(sealer.open(FLAG_INCOMING, f.sealed))).toEqual(incoming);
    expect(JSON.parse(f.masked)).toEqual({ 姓名: '李娜', 联系电话: '139****9000', 身份证号: `4101**********${ID1.slice(-4)}` });
  });
});
