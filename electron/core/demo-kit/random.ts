/** A seeded generator for demo data and benchmarks: the same seed gives the same street office. */
export class Rng {
  private s: number;
  constructor(seed = 20200217) {
    this.s = seed >>> 0 || 1;
  }
  /** [0, 1) */
  next(): number {
    // mulberry32
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英文华建国玉兰红梅志强金凤春梅海燕晓东建华小红国强秀珍淑珍丽华德明永红晓燕';

/** A neutral generated Chinese name (never 张三/李四 placeholders). */
export function chineseName(rng: Rng): string {
  const surname = SURNAMES[rng.int(0, SURNAMES.length - 1)]!;
  const len = rng.chance(0.7) ? 2 : 1;
  let given = '';
  for (let i = 0; i < len; i++) given += GIVEN[rng.int(0, GIVEN.length - 1)]!;
  if (given === '三' || given === '四') given = '建华';
  return surname + given;
}

export function mobile(rng: Rng): string {
  return `1${rng.pick(['38', '39', '37', '58', '59', '86', '87', '35', '36', '50'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

/** Henan region codes (the notice is from Henan): 郑州各区. */
export const HENAN_REGIONS = ['410102', '410103', '410104', '410105', '410106', '410108', '410122', '410181'];
