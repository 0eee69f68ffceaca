/**
 * Twelfth attack run (session 26, docs/security/attack-run-session26.md, X5): an .xls of many sheets. A BOUNDSHEET
 * record is 13 bytes; any number of them may point at one sheet's BOF. With no sheet chosen, `import.inspect` opened
 * every visible sheet to find the one whose header names the most fields (inspect.ts likeliestSheet), and each opening
 * read the workbook again: the container, the cell count, the globals with their whole shared-string table, the
 * sheet. 200 sheets over an SST of 200,000 strings (0.8 MB) held inspect 31 s (load 12); the cost is sheets × strings,
 * so thousands of sheets over two million strings would be hours. And the first visible sheet was found name by name
 * among the hidden ones: 20,000 hidden sheets took 2.4 s, 40,000 took 12 s. Fixed here: the first 30 visible sheets
 * are scored (the wizard still lists them all), the visible one found by place.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { likeliestSheet } from '../../../electron/core/io/import/inspect';
import { openSource } from '../../../electron/core/io/import/source';
import { IMPORT_TARGETS } from '../../../electron/core/io/import/targets';
import { useImportLedger } from '../import/files';
import { STAFF_LIST, withWorkbookStream } from '../import/legacy-files';

const L = useImportLedger();

const record = (type: number, body: Buffer): Buffer => {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(type, 0);
  head.writeUInt16LE(body.length, 2);
  return Buffer.concat([head, body]);
};
/** A BOUNDSHEET of a worksheet named `name`, hidden or not; its BOF offset is written later. */
const boundSheet = (name: string, hidden: boolean): Buffer => {
  const n = Buffer.from(name, 'latin1');
  const body = Buffer.alloc(8 + n.length);
  body[4] = hidden ? 1 : 0;
  body[6] = n.length;
  n.copy(body, 8);
  return record(0x0085, body);
};

/**
 * A real staff list (sheet 名单) whose globals carry, before its own BOUNDSHEET, `hidden` hidden sheets and then
 * `visible` visible ones, every one of them pointing at 名单's BOF.
 */
function manySheets(hidden: number, visible: number): Buffer {
  return withWorkbookStream(STAFF_LIST, (body) => {
    let own = 0;
    while (body.readUInt16LE(own) !== 0x0085) own += 4 + body.readUInt16LE(own + 2);
    const added = [
      ...Array.from({ length: hidden }, (_, i) => boundSheet(`H${i}`, true)),
      ...Array.from({ length: visible }, (_, i) => boundSheet(`V${i}`, false)),
    ];
    const shift = added.reduce((n, r) => n + r.length, 0);
    const bof = body.readUInt32LE(own + 4) + shift;
    for (const r of added) r.writeUInt32LE(bof, 4);
    body.writeUInt32LE(bof, own + 4);
    return Buffer.concat([body.subarray(0, own), ...added, body.subarray(own)]);
  });
}

describe('X5: an .xls of many sheets', () => {
  // Red on main before the fix: 1,001 openings, each reading the workbook again.
  it('with no sheet chosen, at most 30 visible sheets are opened to find the likeliest; all are listed', async () => {
    const path = join(L.dir, '名单.xls');
    writeFileSync(path, manySheets(0, 1_000));
    let opened = 0;
    const source = await likeliestSheet((sheet) => {
      opened++;
      return openSource({ path }, { sheet });
    }, IMPORT_TARGETS.staff.def);
    expect(opened).toBeLessThanOrEqual(31);
    expect(source.sheets).toHaveLength(1_001);
    expect(source.sheet).toBe('V0');
  });

  // On main before the fix this ran name by name (40,000 hidden: 12 s at load 12; 100,000: over the test's 60 s).
  it('100,000 hidden sheets before the visible ones: inspect opens on the first visible one', async () => {
    const path = join(L.dir, '名单.xls');
    writeFileSync(path, manySheets(100_000, 2));
    const ins = await L.t.call('import.inspect', { path, target: 'staff' });
    expect(ins.sheet).toBe('V0');
    expect(ins.mapping).toEqual(['name', 'kind']);
  });
});
