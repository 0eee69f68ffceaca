/**
 * entry-name.ts's words as data (entry-words.ts), and the two misreads left by session 29: a prefecture-level city
 * after a name that the hand-made list missed (「梁燕 毕节」「蒋磊 晋城」: a second person, the line sent back) and a
 * nickname said once after a full name (「张三 阿强」: sent back as two people). A 接龙 as communities send them, each
 * line with the name it is read as. With entry-name.ts of main (c749abf) 13 of its 40 lines were read as two people.
 */
import { describe, expect, it } from 'vitest';
import { NOBODY_WORDS } from '../../../electron/core/io/import/entry-name';
import { NOTE_WORDS, OTHER_PLACES, PREFECTURES, PROVINCES, RELATION_WORDS, saidName } from '../../../electron/core/io/import/entry-words';
import { isNameShaped } from '../../../electron/core/io/import/paste-list';
import { parsePasted } from '../../../electron/core/io/import/paste';
import { makeIdNumber } from '../../../electron/core/people/id-number';

const id = (n: number): string => makeIdNumber('410105', `19${50 + (n % 40)}-0${1 + (n % 9)}-1${n % 10}`, n);
const phone = (n: number): string => `139037${String(12000 + n).padStart(5, '0')}`;

/** By entry: the line after its number (‹id› and ‹phone› filled in per line), and the name read (null: none; 'two': sent back). */
const LINES: [string, string | null | 'two'][] = [
  ['张三 阿强 ‹id› ‹phone› 3号楼2单元', '张三'],
  ['郭志强 ‹id› ‹phone› 阿明 7号楼', '郭志强'],
  ['李建国 ‹id› ‹phone› 妻子 5号楼2单元', '李建国'],
  ['王秀兰 儿子 ‹id› ‹phone› 5号楼2单元', '王秀兰'],
  ['赵志刚 ‹id› ‹phone› 已返回 在家', '赵志刚'],
  ['刘洋 郑州返回 ‹id› ‹phone›', '刘洋'],
  ['许静 ‹id› ‹phone› 石家庄 居家观察', '许静'],
  ['杨帆 ‹id› ‹phone› 金华', '杨帆'],
  ['黄磊，‹id›，‹phone›，孝感回，在家', '黄磊'],
  ['周杰 ‹id› ‹phone› 宜昌', '周杰'],
  ['吴敏 ‹id› 襄阳 ‹phone›', '吴敏'],
  ['徐丽 ‹id› ‹phone› 随州返', '徐丽'],
  ['孙伟 ‹id› ‹phone› 十堰 已返回', '孙伟'],
  ['何芳 ‹id› ‹phone› 小红', '何芳'],
  ['林峰 ‹id› ‹phone› 厦门', '林峰'],
  ['唐亮 ‹id› ‹phone› 邯郸返', '唐亮'],
  ['冯刚 ‹id› ‹phone› 洛阳', '冯刚'],
  ['曹阳 ‹id› ‹phone› 大同 在家', '曹阳'],
  ['彭飞 ‹id› ‹phone› 长春', '彭飞'],
  ['田野 ‹id› ‹phone› 天水', '田野'],
  ['董洁 ‹id› ‹phone› 延边', '董洁'],
  ['韩梅 ‹id› ‹phone› 保定 儿子', '韩梅'],
  ['邓超 ‹id› ‹phone› 开封', '邓超'],
  ['罗斌 ‹id› ‹phone› 东莞', '罗斌'],
  ['梁燕 ‹id› ‹phone› 毕节 妻子', '梁燕'],
  ['蒋磊 ‹id› ‹phone› 晋城', '蒋磊'],
  ['沈洁 ‹id› ‹phone› 吕梁 已返回', '沈洁'],
  ['韦东 ‹id› ‹phone› 湛江返', '韦东'],
  ['秦岚 ‹id› ‹phone› 张家界回', '秦岚'],
  ['姚远 ‹id› ‹phone› 揭阳', '姚远'],
  ['卢伟 ‹id› ‹phone› 白银 儿子', '卢伟'],
  ['江涛，‹id›，‹phone›，武威', '江涛'],
  ['崔颖 ‹id› ‹phone› 吴忠 在家', '崔颖'],
  ['钟鸣 ‹id› ‹phone› 安顺', '钟鸣'],
  ['陆军 ‹id› ‹phone› 盘锦', '陆军'],
  ['汪洋 ‹id› ‹phone› 阿宝 在家', '汪洋'],
  // Alone, a nickname or a city's name is the name.
  ['阿强 ‹id› ‹phone›', '阿强'],
  ['金华 ‹id› ‹phone› 在家', '金华'],
  ['张三 李四 ‹id› ‹phone›', 'two'],
  // Session 31's decision (entry-name.ts): a place beside a full name is where the person came back from, even one that
  // could be a name; a nickname before the full name is that person's too (sent back as two people before).
  ['张三 金华 ‹id› ‹phone›', '张三'],
  ['李明 林芝 ‹id› ‹phone›', '李明'],
  ['王芳 ‹id› ‹phone› 玉林', '王芳'],
  ['赵强，‹id›，‹phone›，金昌', '赵强'],
  ['文山 陈刚 ‹id› ‹phone›', '陈刚'],
  ['阿强 张三 ‹id› ‹phone›', '张三'],
  ['小红 王丽 ‹id› ‹phone› 5号楼', '王丽'],
  ['阿强 阿明 ‹id› ‹phone›', 'two'],
  ['阿强 张三 李四 ‹id› ‹phone›', 'two'],
];

const text = (): string =>
  ['#接龙', '青松里社区返程人员登记', ...LINES.map(([l], i) => `${i + 1}. ${l.replace('‹id›', id(i + 1)).replace('‹phone›', phone(i + 1))}`)].join('\n');

describe('entry-words.ts: the words that name no one beside a name', () => {
  it('the 333 prefecture-level divisions by province, as the statistics bureau lists them, said as people write them', () => {
    const all = Object.values(PREFECTURES).flat();
    expect(all).toHaveLength(333);
    expect(Object.keys(PREFECTURES)).toHaveLength(27);
    expect(new Set(all).size).toBe(333);
    expect(PROVINCES).toHaveLength(34);
    expect(all.filter((n) => n.endsWith('市'))).toHaveLength(293);
    expect(['金华市', '阿克苏地区', '兴安盟', '恩施土家族苗族自治州', '克孜勒苏柯尔克孜自治州', '海西蒙古族藏族自治州'].map(saidName)).toEqual([
      '金华',
      '阿克苏',
      '兴安',
      '恩施',
      '克孜勒苏',
      '海西',
    ]);
    expect(all.filter((n) => n.endsWith('自治州')).map(saidName)).toEqual(
      '延边 恩施 湘西 阿坝 甘孜 凉山 黔西南 黔东南 黔南 楚雄 红河 文山 西双版纳 大理 德宏 怒江 迪庆 临夏 甘南 海北 黄南 海南 果洛 玉树 海西 昌吉 博尔塔拉 巴音郭楞 克孜勒苏 伊犁'.split(
        ' ',
      ),
    );
    expect(all.map(saidName).filter((n) => n.length < 2)).toEqual([]);
    expect(Object.isFrozen(PREFECTURES) && Object.isFrozen(PREFECTURES['浙江省']) && Object.isFrozen(RELATION_WORDS)).toBe(true);
  });

  it('every place the hand-made list of session 29 had is still there', () => {
    const before =
      '武汉 黄冈 成都 南京 金华 沈阳 哈尔滨 南昌 南宁 海口 银川 包头 宁波 黄石 信阳 周口 商丘 安阳 许昌 南阳 焦作 吉林 江苏 安徽 江西 海南 云南 甘肃 宁夏 江门 云浮 阳江 桂林 曲靖 安康 商洛 晋中 唐山 邢台 张家口 秦皇岛 衡水 安庆 黄山 马鞍山 宣城 龙岩 南平 宁德 吉安 衡阳 岳阳 常德 邵阳 娄底 荆门 南通 连云港 南充 乐山 哈密 伊犁 石河子 阿克苏 阿勒泰 和田 白山 白城 伊春 乌海 海拉尔 宿迁 韩国 伊朗';
    expect(before.split(' ').filter((w) => !NOBODY_WORDS.has(w))).toEqual([]);
    expect(OTHER_PLACES).toEqual(['海拉尔', '石河子', '韩国', '伊朗']);
  });

  it('the hand-collected relations and notes each have a name’s shape (else they do not belong in the list)', () => {
    expect([...RELATION_WORDS, ...NOTE_WORDS].filter((w) => !isNameShaped(w))).toEqual([]);
  });
});

describe('a 接龙 with relations, notes, places and nicknames beside the names', () => {
  it('reads each line’s one person; a city or a nickname after a name is no second person; two full names still are', () => {
    const entries = parsePasted(text()).rows.filter((r) => typeof r.cells[0] === 'string' && /^\d+$/.test(r.cells[0]));
    const read = entries.map((r) => (r.cells[1] !== null && typeof r.cells[1] === 'object' ? 'two' : r.cells[1]));
    expect(read).toEqual(LINES.map(([, name]) => name));
    // The nickname stays in 其他内容 as written, the place is the line's 来源地 (session 31); the line's ID number and
    // phone are its person's.
    expect(entries[0]!.cells).toEqual(['1', '张三', id(1), phone(1), '阿强 3号楼2单元', null]);
    expect(entries[6]!.cells).toEqual(['7', '许静', id(7), phone(7), '居家观察', '石家庄']);
    expect(entries[5]!.cells.slice(4)).toEqual([null, '郑州']);
    expect(entries[11]!.cells.slice(4)).toEqual([null, '随州']);
    const nicknameFirst = LINES.findIndex(([l]) => l.startsWith('阿强 张三 ‹id›'));
    expect(entries[nicknameFirst]!.cells).toEqual([String(nicknameFirst + 1), '张三', id(nicknameFirst + 1), phone(nicknameFirst + 1), '阿强', null]);
  });
});
