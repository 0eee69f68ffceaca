/**
 * Whose line a 接龙 entry is. The ID number and the phone on a line belong to its person; a line that names two
 * people (「1. 张三 李四 4201…」, a couple with the wife's number) has no one they can be given to, so its 姓名 is not
 * read: the cell says why and the row is sent back for the community to write one person a line. A guess here put
 * 李四's ID number on 张三 (PH2-L1, fourteenth attack run).
 *
 * Only words that can be nobody else count as a second person. Many words people write beside a name have a
 * name's shape (a surname and one or two characters): relations (母亲, 孙女, 阿姨), notes (居家, 明天, 高风险), the
 * places people come back from (武汉, 黄冈, 金华, 韩国: every province and prefecture-level city, entry-words.ts; 武汉返,
 * 明天到), nicknames said twice (毛毛, 豆豆) or beside a full name (「张三 阿强」, 「阿强 张三」). They are never read as a
 * second person, and a name written among them is the name whatever its place (「1. 居家 张三」: 张三). Alone, such a word
 * is still read as the name, as before (金华, 安康 and 平安 are people's names too).
 *
 * What a coordinator expects (decided in session 31): a 接龙 line is one person's, and the words beside the name are
 * about that person. A place beside a full name is where they came back from, even where the place could be a name
 * (「张三 金华」, 「李明 林芝」, 文山, 玉林, 金昌): in a returnee 接龙 nearly every line names a place, and sending each
 * such line back would have the community retype most of the list. A nickname beside a full name, before or after it,
 * is what the neighbours call that person: the ID number is registered under the full name. Two full names, or two
 * nicknames and no full name, are two people: sent back. The cost, said: a couple written 「张三 林芝」 (林芝 his wife)
 * is read as 张三 from 林芝, and the line's ID number goes to 张三; the place stays in 其他内容 as written.
 */
import { MAX_CELL_CHARS, type Cell } from './cells';
import { NOTE_WORDS, OTHER_PLACES, PREFECTURES, PROVINCES, RELATION_WORDS, saidName } from './entry-words';

/** Words that name no one beside a name (entry-words.ts: relations, notes, and every province and prefecture-level city as said). */
export const NOBODY_WORDS: ReadonlySet<string> = new Set([
  ...RELATION_WORDS,
  ...NOTE_WORDS,
  ...PROVINCES,
  ...Object.values(PREFECTURES).flat().map(saidName),
  ...OTHER_PLACES,
]);
/** Endings of places and of a health code's colour: 郑州, 景德镇, 满洲里, 黄码. */
const NOBODY_ENDING = /(市|省|县|州|镇|乡|里|坊|弄|湾|屯|寨|营|厂|站|场|码)$/;
/** A nickname said twice (毛毛, 豆豆): the person's pet name, not a second person. */
const SAID_TWICE = /^(.)\1$/;

/** A nickname: 阿 or 小 and one character (阿强, 小红). Beside a full name, before or after it, it is that person's; alone it is the name. */
const NICKNAME = /^[阿小][\u4e00-\u9fa5]$/;

/** Where someone comes from or goes, said after the place or the day: 武汉返, 郑州回, 明天到. */
const COMING = /[返回来到归离去]$/;

const nobodyWord = (word: string): boolean => NOBODY_WORDS.has(word) || NOBODY_ENDING.test(word);

/** The provinces and prefecture-level divisions as said and as officially named, and the few other places (entry-words.ts). */
const PLACES: ReadonlySet<string> = new Set([
  ...PROVINCES,
  ...Object.values(PREFECTURES)
    .flat()
    .flatMap((p) => [p, saidName(p)]),
  ...OTHER_PLACES,
]);
/**
 * The place a word beside a name names, as written without 返/回/来/到 (武汉返 → 武汉), or null. A place beside the name
 * is where the person came back from (session 31): a 接龙's 来源地, not part of the address.
 */
export function placeSaid(word: string): string | null {
  if (PLACES.has(word)) return word;
  const said = word.replace(/(返回|回来|返|回|来|到|归)$/, '');
  return said !== word && PLACES.has(said) ? said : null;
}
/** 「麻城返」「汉口回来」: back from a place the lists above do not hold (a county, a district). Its stem, if a time (明天返, 初八返), is none. */
const CAME_BACK_FROM = /^([\u4e00-\u9fa5]{2,8}?)(返回|回来|返)$/;
const WHEN = /(天|日|号|月|年|节|后|前|周.|初.|十.)$/;
/**
 * A word saying someone came back from a place not in the lists, as written (「麻城返」), or null. Never matched to a
 * listed place (麻城 is in 黄冈, 汉口 in 武汉: a guess the program does not make); the wizard asks the user to check it.
 */
export function placeAsWritten(word: string): string | null {
  const m = CAME_BACK_FROM.exec(word);
  if (!m || placeSaid(word) !== null) return null;
  const stem = m[1]!;
  return WHEN.test(stem) || NOBODY_WORDS.has(stem) ? null : word;
}
/** 「初八返」「节后返」: when someone comes back, never a person (初 and 节 start names too). */
const saysWhenBack = (word: string): boolean => WHEN.test(CAME_BACK_FROM.exec(word)?.[1] ?? '');
/** A name-shaped word that could as well be no one: never read as a second person. */
export const mayBeNobody = (word: string): boolean =>
  nobodyWord(word) || SAID_TWICE.test(word) || (COMING.test(word) && nobodyWord(word.slice(0, -1))) || placeAsWritten(word) !== null || saysWhenBack(word);

/** How many of a line's people its reason names; a line of thousands (a crafted paste) is not one sentence of them. */
const NAMED_IN_REASON = 5;

/** The entry's 姓名 cell (null: none; a problem: two people or more) and the words left for 其他内容. */
export function entryName(words: readonly string[], isNameShaped: (s: string) => boolean): { name: Cell; rest: string[] } {
  const shaped = words.filter(isNameShaped);
  const named = shaped.filter((w) => !mayBeNobody(w));
  // 「张三 阿强」 and 「阿强 张三」: beside a full name, 阿强 is what the neighbours call him, not a second person (w48-import
  // after it, session 31 before it); two nicknames and no full name are still two people.
  const hasFullName = named.some((w) => !NICKNAME.test(w));
  const people = [...new Set(hasFullName ? named.filter((w) => !NICKNAME.test(w)) : named)];
  if (people.length > 1) {
    // In one pass, not a splice per person: a line of 100,000 names would be quadratic.
    const them = new Set(people);
    const listed = people.slice(0, NAMED_IN_REASON).join('、') + (people.length > NAMED_IN_REASON ? ' 等' : '');
    const shown = people.join(' ');
    return {
      name: {
        problem: `这一行有${people.length === 2 ? '两' : ` ${people.length} `}个像姓名的词（${listed}），看不出身份证号和电话是谁的，姓名未读取；请改成一人一行`,
        shown: shown.length <= MAX_CELL_CHARS ? shown : `${shown.slice(0, 200)}…（已截断）`,
      },
      rest: words.filter((w) => !them.has(w)),
    };
  }
  const name = people[0] ?? shaped[0];
  if (name === undefined) return { name: null, rest: [...words] };
  const at = words.indexOf(name);
  return { name, rest: words.slice(0, at).concat(words.slice(at + 1)) };
}
