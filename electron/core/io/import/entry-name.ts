/**
 * Whose line a 接龙 entry is. The ID number and the phone on a line belong to its person; a line that names two
 * people (「1. 张三 李四 4201…」, a couple with the wife's number) has no one they can be given to, so its 姓名 is not
 * read: the cell says why and the row is sent back for the community to write one person a line. A guess here put
 * 李四's ID number on 张三 (PH2-L1, fourteenth attack run).
 *
 * Only words that can be nobody else count as a second person. Many words people write beside a name have a
 * name's shape (a surname and one or two characters): relations (母亲, 孙女, 阿姨), notes (居家, 明天, 高风险), the
 * places people come back from (武汉, 黄冈, 韩国; 武汉返, 明天到), nicknames said twice (毛毛, 豆豆). They are never read as a second
 * person, and a name written among them is the name whatever its place (「1. 居家 张三」: 张三). Alone, such a word is
 * still read as the name, as before (金华, 安康 and 平安 are people's names too).
 */
import { MAX_CELL_CHARS, type Cell } from './cells';

/** Name-shaped words that name no one beside a name (each is a surname and one or two characters: surnames.ts). */
export const NOBODY_WORDS: ReadonlySet<string> = new Set(
  [
    // Relations and roles in a building.
    '母亲 母子 母女 孙子 孙女 孙媳 公公 岳父 岳母 阿姨 阿婆 阿公 阿爸 阿妈 阿哥 阿姐 阿妹 阿弟 阿叔 阿伯 阿嫂 师傅 师父',
    '和家人 和妻子 和丈夫 和父母 和孩子 楼长 单元长 党员 司机 房东',
    // Notes on how the person is.
    '居家 居住 居民 居委 常住 常驻 来京 来汉 来自 来郑 明天 明日 明早 明晚 全家 全部 全程 全员 高风险 高铁 高速 阴性 阳性',
    '时间 平安 安全 安好 单身 单位 车辆 车次 车牌 马上 方舱 方便 解除 解封 包车 包机 连续 管控 封控 封闭 查验 路过 路上',
    '计划 信息 都有 原籍 原址 国外 国内 海外',
    // Places people come back from (a place ending 州, 市, 县… is known by its ending below).
    '武汉 黄冈 成都 南京 金华 沈阳 哈尔滨 南昌 南宁 海口 银川 包头 宁波 黄石 信阳 周口 商丘 安阳 许昌 南阳 焦作 吉林',
    '江苏 安徽 江西 海南 云南 甘肃 宁夏 江门 云浮 阳江 桂林 曲靖 安康 商洛 晋中 唐山 邢台 张家口 秦皇岛 衡水 安庆 黄山',
    '马鞍山 宣城 龙岩 南平 宁德 吉安 衡阳 岳阳 常德 邵阳 娄底 荆门 南通 连云港 南充 乐山 哈密 伊犁 石河子 阿克苏 阿勒泰',
    '和田 白山 白城 伊春 乌海 海拉尔 宿迁 韩国 伊朗',
  ]
    .join(' ')
    .split(' '),
);
/** Endings of places and of a health code's colour: 郑州, 景德镇, 满洲里, 黄码. */
const NOBODY_ENDING = /(市|省|县|州|镇|乡|里|坊|弄|湾|屯|寨|营|厂|站|场|码)$/;
/** A nickname said twice (毛毛, 豆豆): the person's pet name, not a second person. */
const SAID_TWICE = /^(.)\1$/;

/** Where someone comes from or goes, said after the place or the day: 武汉返, 郑州回, 明天到. */
const COMING = /[返回来到归离去]$/;

const nobodyWord = (word: string): boolean => NOBODY_WORDS.has(word) || NOBODY_ENDING.test(word);
/** A name-shaped word that could as well be no one: never read as a second person. */
export const mayBeNobody = (word: string): boolean => nobodyWord(word) || SAID_TWICE.test(word) || (COMING.test(word) && nobodyWord(word.slice(0, -1)));

/** How many of a line's people its reason names; a line of thousands (a crafted paste) is not one sentence of them. */
const NAMED_IN_REASON = 5;

/** The entry's 姓名 cell (null: none; a problem: two people or more) and the words left for 其他内容. */
export function entryName(words: readonly string[], isNameShaped: (s: string) => boolean): { name: Cell; rest: string[] } {
  const shaped = words.filter(isNameShaped);
  const people = [...new Set(shaped.filter((w) => !mayBeNobody(w)))];
  if (people.length > 1) {
    // In one pass, not a splice per person: a line of 100,000 names would be quadratic.
    const named = new Set(people);
    const listed = people.slice(0, NAMED_IN_REASON).join('、') + (people.length > NAMED_IN_REASON ? ' 等' : '');
    const shown = people.join(' ');
    return {
      name: {
        problem: `这一行有${people.length === 2 ? '两' : ` ${people.length} `}个像姓名的词（${listed}），看不出身份证号和电话是谁的，姓名未读取；请改成一人一行`,
        shown: shown.length <= MAX_CELL_CHARS ? shown : `${shown.slice(0, 200)}…（已截断）`,
      },
      rest: words.filter((w) => !named.has(w)),
    };
  }
  const name = people[0] ?? shaped[0];
  if (name === undefined) return { name: null, rest: [...words] };
  const at = words.indexOf(name);
  return { name, rest: words.slice(0, at).concat(words.slice(at + 1)) };
}
