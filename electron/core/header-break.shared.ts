/**
 * Where a printed form's column header goes onto its next line. The district's header words are kept exactly; a header
 * too long for its column breaks between words, before its bracketed unit (「本期已监测」 over 「（天）」) or where
 * WORD_PARTS says, never where a printer's own line breaking put it, inside a word (「本期已监测（」 over 「天）」,
 * 「申报户」 over 「数」: forms.xlsx in LibreOffice, session 25). Shared: forms.xlsx (print-fit.ts breakHeader) and
 * the HTML prints (ObservationRosterPrint) break the same way.
 */

/**
 * Headers without a bracket that wrap in their forms.xlsx column, split by hand between their words. A new form column
 * whose header wraps needs its parts here (forms-print.test says which).
 */
const WORD_PARTS: Readonly<Record<string, readonly string[]>> = {
  申报户数: ['申报', '户数'],
  已录入户数: ['已录入', '户数'],
  应排查户数: ['应排查', '户数'],
  已排查户数: ['已排查', '户数'],
  其中本期排查: ['其中', '本期排查'],
  '不在家/拒绝待复访': ['不在家/拒绝', '待复访'],
  本期走访次数: ['本期', '走访', '次数'],
  未解决需求: ['未解决', '需求'],
  是否短缺: ['是否', '短缺'],
  排班班次: ['排班', '班次'],
  确认出勤天数: ['确认', '出勤', '天数'],
  确认出勤班次: ['确认', '出勤', '班次'],
  // Figure columns 7 or 8 wide hold three characters a line: a word a line.
  '本期已监测（天）': ['本期', '已监测', '（天）'],
  '本期漏检（天）': ['本期', '漏检', '（天）'],
  // Brackets wider than their column: broken between the words inside them.
  '姓名（表彰对象）': ['姓名', '（表彰', '对象）'],
  '岗位职务（对象类别）': ['岗位职务', '（对象', '类别）'],
  // Its bracket holds three words: broken after the first 「/」 as well, the second line fits its column.
  '后续办理（工伤认定/烈士评定/抚恤）': ['后续办理', '（工伤认定/', '烈士评定/抚恤）'],
};

/** A header split before each bracketed unit (「本期已监测（天）」 → 「本期已监测」, 「（天）」). */
const bracketParts = (header: string): string[] => header.split(/(?=[（(])/u).filter((p) => p !== '');

/** A header's parts for a narrow column, in order, that together are its words exactly: by WORD_PARTS, else before each bracket. */
export function headerParts(header: string): string[] {
  const parts = WORD_PARTS[header];
  return parts ? [...parts] : bracketParts(header);
}

/**
 * The lines an HTML print sets a header on, its columns as wide as the page allows: headers of more than six characters
 * break before their bracket (a figure column then is as wide as 「本期已监测」, not the whole header); shorter ones stay
 * whole (「社区（村）」).
 */
export function headerLines(header: string): string[] {
  return [...header].length > 6 ? bracketParts(header) : [header];
}
