/**
 * 「以前导入过」 by sheet (session 51). The check was by file alone: once any sheet of a workbook was imported, the
 * same file again answered 「以前导入过」 whatever sheets were chosen, so a sheet left out the first time (an unticked
 * 「一网格」, a community chosen later) could be imported only from a copy with other contents. An earlier import
 * covers a sheet when it read that sheet, or read the file as a whole (a CSV, a paste: no sheet); the same sheet of the
 * same file is still never imported twice.
 */
import type { ReadDb } from '../../db/types';
import type { ImportLogEntry } from './contract';
import * as q from './queries';

/** The earliest import of `earlier` that read `sheet` (or the whole file); for a file with no sheets, any. */
export const earlierOfSheet = (earlier: readonly ImportLogEntry[], sheet: string | null): ImportLogEntry | undefined =>
  earlier.find((e) => e.sheet === null || sheet === null || e.sheet === sheet);

/** An import of one sheet (or of a CSV or paste): the earlier import that read what this one would. */
export const importedBefore = (db: ReadDb, target: string, hash: string, sheet: string | null): ImportLogEntry | null =>
  earlierOfSheet(q.logsByHash(db, target, hash), sheet) ?? null;

/**
 * What the mapping step says as the file is opened: imported before only when every sheet a coordinator could choose
 * was (or the file was read whole); a workbook with sheets not yet imported is not 「以前导入过」.
 */
export function fileImportedBefore(
  db: ReadDb,
  target: string,
  file: { hash: string; sheets: readonly string[]; hiddenSheets: readonly string[] },
): ImportLogEntry | null {
  const earlier = q.logsByHash(db, target, file.hash);
  const visible = file.sheets.filter((s) => !file.hiddenSheets.includes(s));
  if (earlier.length === 0) return null;
  if (visible.length === 0 || earlier.some((e) => e.sheet === null)) return earlier[0]!;
  return visible.every((s) => earlierOfSheet(earlier, s)) ? earlier[0]! : null;
}
