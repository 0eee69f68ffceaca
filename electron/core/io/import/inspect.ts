/**
 * `import.inspect`: what the wizard's mapping step shows. The header and a
 * sample; the mapping (a preset's, remembered for the same headers, or
 * suggested from the header words); whole-file values already known (a
 * preset's, or remembered with the mapping) and those suggested from the
 * title, sheet name and file name for the user to confirm.
 *
 * A remembered value gives way to a different one the title suggests: the
 * same template comes from every community, and this file's title says
 * whose it is. One the title agrees with is filled in, its suggestion kept
 * beside it so the wizard says they agree.
 */
import type { ReadDb } from '../../db/types';
import { AppError } from '../../errors';
import { cellText, type SourceRow } from './cells';
import type { InspectResult } from './contract';
import type { TargetDef } from './fields.shared';
import { headerSignature, suggestMapping, type HeaderLayout } from './header';
import { dataMerges, mergeFill } from './merged-cells';
import { readHead } from './read-head';
import { fileImportedBefore } from './earlier-imports';
import { findPreset } from './preset';
import * as q from './queries';
import type { OpenedSource } from './source';
import { suggestConstants, titleLine, titleTexts } from './suggest';
import { hiddenColumnsNotes } from './hidden-columns';
import { sheetCommunities, titlesRead, type TitlesOf } from './sheet-communities';

/**
 * How many visible sheets are opened to find the likeliest: each opening reads the workbook again (an .xls its whole
 * shared-string table), and a crafted one of 200 sheets over 200,000 strings (0.8 MB) held inspect 31 s, thousands
 * of sheets hours (twelfth attack run, X5). A street's workbook of one sheet a community has some dozen; past these the
 * clerk chooses the sheet, as the wizard lists them all.
 */
const SCORED_SHEETS = 30;

/**
 * With no sheet chosen, the sheet to show: the visible one whose header names the most of the target's fields,
 * the first on a tie. Many workbooks open on a cover or 填表说明 sheet, or keep a template's lists of choices in a
 * hidden first sheet; reading the first sheet stopped the wizard before its sheet choice was even shown.
 */
export async function likeliestSheet(
  openSheet: (sheet?: string) => OpenedSource,
  def: TargetDef,
  /** Each scored sheet's title rows (null: no table), kept for sheet-communities.ts so no sheet's head is read twice. */
  titles?: Map<string, string[] | null>,
): Promise<OpenedSource> {
  const first = openSheet();
  if (first.sheets.length < 2) return first;
  let best: OpenedSource = first;
  let bestScore = -1;
  const hidden = new Set(first.hiddenSheets);
  for (const name of first.sheets.filter((s) => !hidden.has(s)).slice(0, SCORED_SHEETS)) {
    const source = name === first.sheet ? first : openSheet(name);
    let score = -1;
    try {
      const { layout, titleRows } = await readHead(source, def);
      score = suggestMapping(layout.headers, def).filter((k) => k !== null).length;
      titles?.set(name, titleRows);
    } catch (e) {
      // A sheet with nothing to import (a cover with one line) is passed over; what is wrong with the file itself is said.
      if (!(e instanceof AppError) || e.code !== 'BAD_INPUT') throw e;
      titles?.set(name, null);
    }
    if (score > bestScore) [best, bestScore] = [source, score];
  }
  return best;
}

const fitsTarget = (mapping: readonly (string | null)[], def: TargetDef, width: number): boolean =>
  mapping.length === width && mapping.every((k) => k === null || def.fields.some((f) => f.key === k));

/**
 * The sample rows with merged cells down the data filled as the preview will fill them (merged-cells.ts): shown as
 * written, a 网格 merged over ten rows looked empty in nine of them, and the clerk took the column for unread.
 */
async function filledSample(source: OpenedSource, layout: HeaderLayout, head: readonly SourceRow[], sample: string[][]): Promise<string[][]> {
  const last = layout.headerRows[layout.headerRows.length - 1]!;
  const filling = dataMerges(await source.sampleMerges(), last, () => true);
  if (filling.length === 0) return sample;
  const { fill } = mergeFill(filling, () => '');
  return head
    .filter((r) => r.rowNumber > last)
    .slice(0, sample.length)
    .map((r) => fill(r).cells.map(cellText));
}

export async function inspectSource(
  db: ReadDb,
  source: OpenedSource,
  def: TargetDef,
  titles: Map<string, string[] | null> = new Map(),
): Promise<InspectResult> {
  const { layout, sample: asWritten, head, titleRows } = await readHead(source, def);
  if (source.sheet !== null) titles.set(source.sheet, titleRows);
  const titlesOf: TitlesOf = async (sheet) =>
    titles.has(sheet) ? titles.get(sheet) : titlesRead(() => readHead(sheet === source.sheet ? source : source.otherSheet(sheet), def));
  const sample = await filledSample(source, layout, head, asWritten);
  const preset = await findPreset({ db, source, head });
  const base = {
    fileName: source.fileName,
    format: source.format,
    encoding: source.encoding,
    detectedEncoding: source.detectedEncoding,
    sheets: source.sheets,
    hiddenSheets: source.hiddenSheets,
    sheet: source.sheet,
    headerRows: layout.headerRows,
    headers: layout.headers,
    sample,
    titleRows,
    readNotes: [...(source.readNotes?.() ?? []), ...hiddenColumnsNotes(source.hiddenColumns, layout.headers, () => true)],
    preset,
    alreadyImported: fileImportedBefore(db, def.id, source),
    sheetCommunities: await sheetCommunities(db, source, def, titlesOf),
  };
  if (preset && preset.target === def.id && fitsTarget(preset.mapping, def, layout.headers.length)) {
    const rows = preset.titleRows ?? titleRows;
    return { ...base, titleRows: rows, title: titleLine(rows, []), mapping: preset.mapping, constants: preset.constants, remembered: false, suggestions: [] };
  }
  const remembered = q.rememberedMapping(db, def.id, headerSignature(layout.headers));
  const fits = remembered !== undefined && fitsTarget(remembered.mapping, def, layout.headers.length);
  const mapping = fits ? remembered.mapping : suggestMapping(layout.headers, def);
  const texts = titleTexts(titleRows, source.sheet, source.format === 'paste' ? null : source.fileName);
  const suggestions = suggestConstants(def, mapping, texts, q.orgNames(db));
  const constants: Record<string, string> = {};
  for (const [key, value] of Object.entries(fits ? remembered.constants : {})) {
    const contradicted = suggestions.some((s) => s.field === key && s.value !== value);
    if (!mapping.includes(key) && def.fields.some((f) => f.key === key) && !contradicted) constants[key] = value;
  }
  // A remembered value the title agrees with keeps its suggestion, so the wizard can say so (「与标题一致」).
  return { ...base, title: titleLine(titleRows, suggestions), mapping, constants, remembered: fits, suggestions };
}
