/**
 * Each visible sheet of a workbook with the community of this office it names, for the wizard's 「每张工作表是一个社区」
 * to offer (sheets.ts imports them; SheetsByCommunity.tsx shows them): never applied by the core, the coordinator ticks
 * each sheet to confirm it, or chooses a community by hand for a sheet nothing names.
 *
 * Session 49 read the sheet's name only, so 「一网格」 or 「Sheet2」 under the title 「青松里社区返程人员登记表」 was left
 * out. Session 50: the name first, then the sheet's title rows, by the same words the one-sheet road suggests whole-file
 * values with (suggest.ts suggestConstants over titleTexts). A name and a title naming two different communities (a
 * template copied from another community and not retitled, or a sheet misnamed) suggest neither: both are said and the
 * coordinator chooses.
 */
import type { ReadDb } from '../../db/types';
import { AppError } from '../../errors';
import type { SheetCommunitySuggestion } from './contract';
import type { TargetDef } from './fields.shared';
import * as q from './queries';
import type { OpenedSource } from './source';
import { suggestConstants, titleLine, titleTexts, type OrgNames } from './suggest';
import type { TitleText, ValueSuggestion } from './suggestions.shared';

/** At most this many sheets are offered by name (a street has some dozen communities; MAX_COMMUNITY_SHEETS in the contract). */
const LISTED = 60;
/** At most this many sheets have their title rows read (each a reading of the sheet's head, as inspect.ts SCORED_SHEETS). */
const TITLED = 30;

/** A sheet named as a grid is: 一网格, 第3网格, 三格, 网格2. */
const GRID_NAME = /网格|^第?[一二三四五六七八九十\d]+格$/;

/** A sheet's title rows, or null when it has no table (no header: a cover, a 填表说明); undefined when not read. */
export type TitlesOf = (sheet: string) => Promise<string[] | null | undefined>;

/** Reads a sheet's title rows; a sheet with nothing to import is null, anything wrong with the file itself is thrown. */
export async function titlesRead(read: () => Promise<{ titleRows: string[] }>): Promise<string[] | null> {
  try {
    return (await read()).titleRows;
  } catch (e) {
    if (e instanceof AppError && e.code === 'BAD_INPUT') return null;
    throw e;
  }
}

function communitiesFrom(def: TargetDef, texts: TitleText[], org: OrgNames, key: string): { names: string[]; asked: ValueSuggestion | undefined } {
  const found = suggestConstants(def, [], texts, org).filter((s) => s.field === key);
  return { names: [...new Set(found.flatMap((s) => (s.value === null ? [] : [s.value])))], asked: found.find((s) => s.value === null) };
}

/** Each visible sheet's community as its name or title says it, for the wizard to offer: [] unless two or more visible sheets. */
export async function sheetCommunities(db: ReadDb, source: OpenedSource, def: TargetDef, titlesOf: TitlesOf): Promise<SheetCommunitySuggestion[]> {
  const field = def.fields.find((f) => f.kind === 'community');
  const hidden = new Set(source.hiddenSheets);
  const visible = source.sheets.filter((s) => !hidden.has(s));
  if (!field || visible.length < 2) return [];
  const org = q.orgNames(db);
  const out: SheetCommunitySuggestion[] = [];
  for (const [i, sheet] of visible.slice(0, LISTED).entries()) {
    const byName = communitiesFrom(def, [{ from: 'sheet', text: sheet }], org, field.key);
    const titleRows = i < TITLED ? await titlesOf(sheet) : undefined;
    const table = titleRows !== null;
    const byTitle = titleRows ? communitiesFrom(def, titleTexts(titleRows, null, null), org, field.key) : { names: [], asked: undefined };
    const title = titleRows ? titleLine(titleRows, suggestConstants(def, [], titleTexts(titleRows, null, null), org)) : null;
    const said = (c: string | null, from: SheetCommunitySuggestion['from'], reason: string | null) =>
      out.push({ sheet, community: c, from, title, reason, table });
    const nameSays = byName.names[0] ?? byName.asked?.found;
    const titleSays = byTitle.names[0] ?? byTitle.asked?.found;
    if (byName.names.length > 1) said(null, null, `表名「${sheet}」像是几个社区（${byName.names.join('、')}）`);
    else if (byTitle.names.length > 1) said(null, null, `标题「${title}」像是几个社区（${byTitle.names.join('、')}）`);
    else if (nameSays && titleSays && byName.names[0] !== byTitle.names[0])
      said(null, null, `表名「${sheet}」写的是「${nameSays}」，标题「${title}」写的是「${titleSays}」，不知道是哪一个`);
    else if (byName.names.length === 1) said(byName.names[0]!, 'sheet', null);
    else if (byName.asked) said(null, null, `表名里的「${byName.asked.found}」不是本街道的社区`);
    else if (byTitle.names.length === 1) said(byTitle.names[0]!, 'title', null);
    else if (byTitle.asked) said(null, null, `标题「${title}」里的「${byTitle.asked.found}」不是本街道的社区`);
    else if (!table) said(null, null, `工作表「${sheet}」里没有表头，不是名单`);
    // A sheet named after a grid (「一网格」, 「三格」): the coordinator is asked whose grid it is, not told it is no community (W68-walk-2).
    else if (GRID_NAME.test(sheet))
      said(null, null, `表名「${sheet}」像是网格名，不是社区名，${titleRows && titleRows.length > 0 ? '标题也没有写社区' : '表上也没有标题'}`);
    else if (titleRows && titleRows.length > 0) said(null, null, `表名「${sheet}」和标题都没有写本街道的社区名`);
    else said(null, null, `表名「${sheet}」不是本街道的社区名，表上也没有标题`);
    // Its name is the grid its rows belong to: offered for the coordinator to tick, never applied (plan-inputs.ts checks it).
    if (table && GRID_NAME.test(sheet)) out[out.length - 1]!.gridName = sheet.trim();
  }
  return sayReadAlike(out);
}

/** What a sheet's name holds that the screen does not show: a zero-width character, a full-width or an ordinary space. */
function unseen(sheet: string): string {
  const kinds = [/[\u200b-\u200f\u2060\ufeff]/.test(sheet) && '看不见的字符', /\u3000/.test(sheet) && '全角空格', /^ | $/.test(sheet) && '空格'].filter(
    (k): k is string => k !== false,
  );
  return kinds.length > 0 ? `（表名里有${kinds.join('、')}）` : '';
}

/**
 * Two or more sheets read as one community (「青松里」 and 「青松里\u200b」, shown alike, session 52): said on each but
 * the first, naming them all, before 预览. Not refused: two sheets of one community (two grids' lists) may be meant.
 */
function sayReadAlike(out: SheetCommunitySuggestion[]): SheetCommunitySuggestion[] {
  for (const community of new Set(out.flatMap((s) => (s.community === null ? [] : [s.community])))) {
    const alike = out.filter((s) => s.community === community);
    if (alike.length < 2) continue;
    const sheets = alike.map((s) => `「${s.sheet}」${unseen(s.sheet)}`).join('、');
    const note = `${alike.length === 2 ? '两张' : `${alike.length} 张`}表都读作${community}：${sheets}。是同一个社区的表就都勾选，不是就只勾选对的那张`;
    for (const s of alike.slice(1)) s.readAlike = note;
  }
  return out;
}
