/**
 * The sixteenth attack run (docs/security/attack-run-session30.md), S30-A4: an .xls (or .et) whose compound-file
 * directory nests its storages deep. SheetJS's CFB reader (`CFB.read`, called by read-xls.ts readContainer before any
 * of this program's bounds) builds every entry's full path by walking up to the root, and checkContainer lowers each
 * path: time and memory grow with the square of the depth. 6,000 nested storages (a 776 KB file): `import.inspect`
 * held the core thread 26 s in one turn and took 1.2 GB of heap (load 5); twice that is past the worker's heap.
 * Fixed by f812a95 (cfb-directory.ts walks the directory first and refuses a deep or wide one).
 */
import { describe, expect, it } from 'vitest';
import { checkOleWorkbook } from '../../../electron/core/io/import/read-xls';
import { compoundBuffer, END_OF_CHAIN, ENTRY, NONE, SECTOR, writeDirectory } from './compound-header';

/**
 * A version-3 compound file of `n` directory entries and no streams. `deep`: each storage the only child of the next
 * (the root's child is the last), so every entry's path runs through all above it; `flat`: the same entries as one
 * chain of siblings under the root (the control: as many entries, as many bytes).
 */
function compoundFile(n: number, shape: 'deep' | 'flat'): Buffer {
  const dirSectors = Math.ceil((n * ENTRY) / SECTOR);
  let fatSectors = 1;
  while (fatSectors * (SECTOR / 4) < fatSectors + dirSectors) fatSectors++;
  const buf = compoundBuffer(fatSectors + dirSectors, fatSectors);
  for (let s = 0; s < fatSectors * (SECTOR / 4); s++) {
    const last = fatSectors + dirSectors - 1;
    const next = s < fatSectors ? 0xfffffffd : s < last ? s + 1 : s === last ? END_OF_CHAIN : NONE;
    buf.writeUInt32LE(next, SECTOR * (1 + Math.floor(s / (SECTOR / 4))) + (s % (SECTOR / 4)) * 4);
  }
  const names = Array.from({ length: n }, (_, i) => (i === 0 ? 'Root Entry' : `S${i}`.padEnd(31, 'x')));
  for (const [i, e] of writeDirectory(buf, fatSectors, dirSectors, names, 1).entries()) {
    if (shape === 'flat') {
      if (i === 0) buf.writeUInt32LE(1, e + 76);
      else if (i < n - 1) buf.writeUInt32LE(i + 1, e + 72);
    } else if (i === 0) buf.writeUInt32LE(n - 1, e + 76);
    else if (i > 1) buf.writeUInt32LE(i - 1, e + 76);
    buf.writeUInt32LE(i === 0 ? END_OF_CHAIN : 0, e + 116);
  }
  return buf;
}

/** Milliseconds to check the file as the import's first read does (a refusal counts as read). */
function checkCost(buf: Buffer): number {
  const t0 = performance.now();
  try {
    checkOleWorkbook(buf, '名单.xls');
  } catch {
    // refused: fine, so long as it is quick
  }
  return performance.now() - t0;
}

describe('S30-A4: a compound file’s directory nested deep (read-xls.ts readContainer, SheetJS CFB.read)', () => {
  it('the crafted files are what they say: as many entries and bytes; both refused as no workbook', () => {
    const deep = compoundFile(50, 'deep');
    expect(deep.length).toBe(compoundFile(50, 'flat').length);
    expect(() => checkOleWorkbook(deep, '名单.xls')).toThrow(/不是 Excel 工作簿/);
    expect(() => checkOleWorkbook(compoundFile(50, 'flat'), '名单.xls')).toThrow(/不是 Excel 工作簿/);
  });

  // S30-A4 (medium-high for availability; a file from outside), fixed by the lead (f812a95, io/import/cfb-directory.ts:
  // the directory walked once before CFB.read, more than 512 entries or 12 levels refused). Was it.fails: 3,000 nested
  // storages 3.0-6.4 s and 288 MB against 62-78 ms for the flat control (load 5.8); 6,000 through import.inspect 26 s
  // in one turn, 1.2 GB.
  it('3,000 storages each inside the next: about as long to check as 3,000 side by side', () => {
    const control = checkCost(compoundFile(3000, 'flat'));
    const crafted = checkCost(compoundFile(3000, 'deep'));
    expect(crafted).toBeLessThan(10 * control + 250);
  });
});
