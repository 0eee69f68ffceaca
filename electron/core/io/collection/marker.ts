/**
 * The hidden marker a collection sheet carries: one cell in a hidden first
 * row of the sheet (also named TAIZHANG_COLLECTION in the workbook), so it
 * travels with the rows through Excel, WPS, .xlsx, .xls and .et alike and
 * the import reads it among the first rows of any file.
 */
import { badInput } from '../../errors';
import { COLLECTION_KINDS, COLLECTION_TITLES, type CollectionKind } from './contract';

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
  /** The field key of each column the community fills, and its header, in order. */
  fields: string[];
  headers: string[];
}

export const encodeMarker = (m: Marker): string => `${MARKER_PREFIX}${JSON.stringify(m)}`;

/** The marker in a cell's text, or null when the text is not one. A marker from a newer program is refused. */
export function decodeMarker(text: string): Marker | null {
  if (!text.startsWith(MARKER_PREFIX)) return null;
  let m: Partial<Marker>;
  try {
    m = JSON.parse(text.slice(MARKER_PREFIX.length)) as Partial<Marker>;
  } catch {
    return null;
  }
  if (typeof m.v !== 'number' || typeof m.office !== 'string' || typeof m.community !== 'string' || !Array.isArray(m.fields) || !Array.isArray(m.headers)) return null;
  const title = typeof m.kind === 'string' && m.kind in COLLECTION_TITLES ? COLLECTION_TITLES[m.kind] : '收集表';
  if (m.v > MARKER_VERSION) {
    throw badInput(`这张「${title}」由更新版本的程序生成（收集表格式 ${m.v}，本程序只认识到 ${MARKER_VERSION}）。请升级本程序后再导入，或请街道用本程序重新下发收集表。`);
  }
  if (!COLLECTION_KINDS.includes(m.kind as CollectionKind)) return null;
  return m as Marker;
}
