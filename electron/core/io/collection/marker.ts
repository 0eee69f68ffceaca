/**
 * The hidden marker a collection sheet carries: one cell in a hidden first
 * row of the sheet (also named TAIZHANG_COLLECTION in the workbook), so it
 * travels with the rows through Excel, WPS, .xlsx, .xls and .et alike and
 * the import reads it among the first rows of any file. It stays short (well
 * under the 255 characters an old-format cell may keep): the columns are the
 * kind's, at the marker's version, so they are not written into it.
 */
import { badInput } from '../../errors';
import { COLLECTION_KINDS, COLLECTION_TITLES, type CollectionKind } from './contract';

/** Old .xls cells and some converters keep no more than this many characters. */
export const MARKER_MAX_CHARS = 255;
export const MARKER_PREFIX = 'taizhang-collection:';
export const MARKER_NAME = 'TAIZHANG_COLLECTION';
/** Bumped when the sheet's layout or meaning changes; an older program refuses a newer sheet. */
export const MARKER_VERSION = 1;

export interface Marker {
  v: number;
  kind: CollectionKind;
  office: string;
  community: string;
  communityId: number;
  issuedOn: string;
}

export function encodeMarker(m: Marker): string {
  const text = `${MARKER_PREFIX}${JSON.stringify({ v: m.v, kind: m.kind, office: m.office, community: m.community, communityId: m.communityId, issuedOn: m.issuedOn })}`;
  if (text.length > MARKER_MAX_CHARS)
    throw badInput(`街道或社区名称太长（「${m.office}」「${m.community}」），收集表的识别标记放不下，请在「设置」中改短后再生成。`);
  return text;
}

/** The marker in a cell's text, or null when the text is not one. A marker from a newer program is refused. */
export function decodeMarker(text: string): Marker | null {
  if (!text.startsWith(MARKER_PREFIX)) return null;
  let m: Partial<Marker>;
  try {
    m = JSON.parse(text.slice(MARKER_PREFIX.length)) as Partial<Marker>;
  } catch {
    return null;
  }
  if (typeof m.v !== 'number' || typeof m.office !== 'string' || typeof m.community !== 'string') return null;
  const title = typeof m.kind === 'string' && m.kind in COLLECTION_TITLES ? COLLECTION_TITLES[m.kind] : '收集表';
  if (m.v > MARKER_VERSION) {
    throw badInput(
      `这张「${title}」由更新版本的程序生成（收集表格式 ${m.v}，本程序只认识到 ${MARKER_VERSION}）。请升级本程序后再导入，或请街道用本程序重新下发收集表。`,
    );
  }
  if (!COLLECTION_KINDS.includes(m.kind as CollectionKind)) return null;
  return m as Marker;
}
