/**
 * One office's people are never counted twice in a district merge (D2, eighth attack run; decided in session 23 by
 * the export owner). Two different packages of one office whose periods overlap (an old one beside its correction,
 * or a re-export) were both merged, and the office's rows counted twice. Now, among the packages of one office
 * (by the name its registered key was given) whose periods share a day:
 *  - the one generated first is merged; each one generated later is the office's correction, merged in its place
 *    only when the user chose 「替换」 for it; until then it is held back with the question, both periods and both
 *    generation times in words; 「不合并这个」 keeps it out and says so;
 *  - a package older than one merged for an overlapping period (the one it was replaced by) is refused, naming it;
 *  - periods of one office that share no day merge as before.
 * The comparison is among the packages chosen together, in the order they were generated (the signed manifest's
 * generatedAt), whatever order they were chosen in.
 */
import { dayInWords, wallTimeIn } from '../../dates.shared';
import type { OverlapChoice, PackageVerdict } from './district.shared';
import type { Manifest } from './package-format';

export interface Countable {
  /** 1-based, as the packages were chosen. */
  n: number;
  verdict: PackageVerdict;
  /** The package file's SHA-256 (the verdict's packageId). */
  key: string;
  /** The name the office's key was registered with: a package cannot speak for another office. */
  office: string;
  manifest: Manifest;
}

const overlaps = (a: Manifest['period'], b: Manifest['period']): boolean => a.from <= b.to && b.from <= a.to;
/** Generation order; packages made in the same second, in the order chosen. */
const generatedBefore = (a: Countable, b: Countable): number => a.manifest.generatedAt.localeCompare(b.manifest.generatedAt) || a.n - b.n;

/** 「统计期 2020年2月10日—2020年2月16日，2020年11月20日 09:00 生成」 */
function described(p: Countable, zone: string): string {
  const { from, to } = p.manifest.period;
  const period = from === to ? dayInWords(from) : `${dayInWords(from)}—${dayInWords(to)}`;
  const made = wallTimeIn(p.manifest.generatedAt, zone);
  return `统计期 ${period}，${dayInWords(made.day)} ${made.time} 生成`;
}

const names = (ps: readonly Countable[]): string => ps.map((p) => `第 ${p.n} 个`).join('、');

function question(v: Countable, earlier: readonly Countable[], choice: OverlapChoice | null, zone: string): string {
  const them = earlier.map((e) => `${`第 ${e.n} 个上报包`}（${described(e, zone)}）`).join('、');
  const situation = `同一街道的包统计期重叠：${them}已计入汇总，这个包（${described(v, zone)}）生成得更晚，可能是街道的更正。`;
  if (choice === 'keepOut') return `${situation}您选择了「不合并这个」：仍以${names(earlier)}计入汇总，这个包没有计入。`;
  return `${situation}同一街道的人不能算两次：请选「替换」（用这个包代替${names(earlier)}汇总）或「不合并这个」。`;
}

/**
 * The packages that count, in the order chosen. Sets each verdict's `counted` and `overlap`, and refuses
 * (`ok: false`, the reason naming the newer package) one older than a package merged for an overlapping period.
 */
export function countOncePerOffice<T extends Countable>(verified: readonly T[], decisions: ReadonlyMap<string, OverlapChoice>, zone: string): T[] {
  const counted: T[] = [];
  const heldBack: T[] = [];
  const byGeneration = [...verified].sort(generatedBefore);
  for (const v of byGeneration) {
    const earlier = counted.filter((c) => c.office === v.office && overlaps(c.manifest.period, v.manifest.period));
    if (earlier.length === 0) {
      counted.push(v);
      continue;
    }
    const choice = decisions.get(v.key) ?? null;
    if (choice === 'replace') {
      for (const e of earlier) counted.splice(counted.indexOf(e), 1);
      heldBack.push(...earlier);
      counted.push(v);
      const them = earlier.map((e) => `第 ${e.n} 个上报包（${described(e, zone)}）`).join('、');
      v.verdict.overlap = { with: earlier.map((e) => e.n), decided: 'replace', text: `您选择了「替换」：这个包（${described(v, zone)}）代替${them}计入汇总。` };
    } else {
      heldBack.push(v);
      v.verdict.overlap = { with: earlier.map((e) => e.n), decided: choice, text: question(v, earlier, choice, zone) };
    }
  }
  for (const h of heldBack) {
    const newer = counted.find((c) => c.office === h.office && overlaps(c.manifest.period, h.manifest.period) && generatedBefore(h, c) < 0);
    if (!newer) continue;
    h.verdict.ok = false;
    h.verdict.overlap = null;
    h.verdict.reason =
      `比第 ${newer.n} 个上报包（${described(newer, zone)}）生成得早，统计期又重叠（这个包：${described(h, zone)}）：` +
      `已按第 ${newer.n} 个汇总，这个包没有计入，同一街道的人不算两次。`;
  }
  for (const v of verified) v.verdict.counted = counted.includes(v);
  return verified.filter((v) => v.verdict.counted);
}
