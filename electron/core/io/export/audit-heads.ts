/**
 * The district's witness (issue 19 item 4): packages of one office, compared
 * by the audit heads they carry. Each package (format version 2) signs where
 * the office's log stood at export (lastId, lastHash, rows). The log only
 * grows, so of two packages signed by the same office key, the later one
 * (in export order, `generatedAt`) must not stand at an earlier row, must not
 * hold another hash at the same row, and must not count fewer rows. Someone
 * in the office who cut the log and put an older anchor back (undetectable in
 * the office when no backup was made since) cannot recall the packages that
 * already reached the district.
 *
 * A log rolled back and grown again past the earlier package's row is longer
 * at the next export, so heads alone cannot show it: each package therefore
 * also lists the earlier packages its office's export records name, with the
 * hash each one's row holds in the log now (AuditHead.earlier). Another hash
 * there is a fork; an earlier package missing from the list means the export
 * records went back too (a rollback of the whole file). Packages made before
 * the lists are compared by their heads only.
 * Version-1 packages carry no head; packages of different keys are different
 * offices (or an office that made a new key): neither is compared.
 * Pure: the app (district.ts, with the heads its ledger kept) and
 * `npm run verify` (the packages given together) share it.
 */
import type { AuditHead } from '../../audit/contract';
import { DEFAULT_OFFICE_TIME_ZONE, dayIn } from '../../dates.shared';

/** One package's head as the district saw it. `key`: the package file's SHA-256 (the same file seen twice is one package). */
export interface SeenHead {
  key: string;
  fingerprint: string;
  officeName: string;
  period: { from: string; to: string };
  generatedAt: string;
  head: AuditHead;
  /** Seen in an earlier 核验 (kept in the district's ledger), not among the packages chosen now. */
  earlier?: boolean;
}

/** How many earlier packages a package lists (AuditHead.earlier): a year of weekly reports and more, a few kB in the manifest. */
export const EARLIER_HEADS_LISTED = 200;

type Problem = { kind: 'shorter' | 'fork' | 'fewer' | 'unlisted'; before: SeenHead; after: SeenHead; row: number };

/**
 * What `after` says of `before` in its list of earlier packages: the hash `before`'s row holds now,
 * 'unlisted', or null when it cannot say. `before` must be listed when its own export record kept a
 * head: known when `before` carries a list itself (made by a version whose records keep heads), or
 * when the list names a package older than `before` (the records kept heads by then). A head the
 * district kept from an earlier 核验 is stored without its list, so only the second applies to it.
 */
function listed(before: SeenHead, after: SeenHead): { hash: string | null } | 'unlisted' | null {
  const list = after.head.earlier;
  if (!list) return null;
  const entry = list.find((e) => e.at === before.generatedAt && e.lastId === before.head.lastId);
  if (entry) return { hash: entry.hash };
  const recordedThen = before.head.earlier !== undefined || list.some((e) => e.at < before.generatedAt);
  const reaches = list.length < EARLIER_HEADS_LISTED || list.some((e) => e.at <= before.generatedAt);
  return recordedThen && reaches ? 'unlisted' : null;
}

/** What is wrong with `after`'s log given `before`'s (same office, `before` exported first), or null. */
function problemOf(before: SeenHead, after: SeenHead): Problem | null {
  const a = before.head;
  const b = after.head;
  if (b.lastId < a.lastId) return { kind: 'shorter', before, after, row: a.lastId };
  if (b.lastId === a.lastId && b.lastHash !== a.lastHash) return { kind: 'fork', before, after, row: a.lastId };
  if (b.rows < a.rows) return { kind: 'fewer', before, after, row: a.lastId };
  // Further on with more rows: the later package's list says whether the earlier package's row is still the same.
  const l = listed(before, after);
  if (l === 'unlisted') return { kind: 'unlisted', before, after, row: a.lastId };
  if (l && l.hash !== a.lastHash) return { kind: 'fork', before, after, row: a.lastId };
  return null;
}

const monthDay = (day: string): string => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** 「11月20日 报送的包（统计期 2月10日—2月16日）」: the day it was made in the zone given, and its period. */
function described(p: SeenHead, zone: string): string {
  const seen = p.earlier ? '，以前核验过' : '';
  return `${monthDay(dayIn(p.generatedAt, zone))} 报送的包（统计期 ${monthDay(p.period.from)}—${monthDay(p.period.to)}${seen}）`;
}

const ASK = '请联系街道核实';

/** The flag in Chinese, said of the package it is shown beside (`of`). */
function sentence(p: Problem, of: SeenHead, zone: string): string {
  const { before, after, kind, row } = p;
  const rolledBack = `该街道台账可能被回退或截断（恢复旧备份也会这样），${ASK}。`;
  if (of === after) {
    const other = described(before, zone);
    if (kind === 'shorter') return `操作日志比 ${other}短（第 ${before.head.lastId} 条 → 第 ${after.head.lastId} 条）：${rolledBack}`;
    if (kind === 'fork') return `操作日志与 ${other}在第 ${row} 条对不上（同一条的校验值不同）：该街道台账可能被回退后重写，${ASK}。`;
    if (kind === 'unlisted') return `这个包没有记着 ${other}：街道台账里那次上报的记录不见了，${rolledBack}`;
    return `操作日志条数比 ${other}少（共 ${before.head.rows} 条 → 共 ${after.head.rows} 条）：该街道台账可能被删除过记录，${ASK}。`;
  }
  const other = described(after, zone);
  if (kind === 'shorter') return `比它晚的 ${other}操作日志反而更短（第 ${before.head.lastId} 条 → 第 ${after.head.lastId} 条）：${rolledBack}`;
  if (kind === 'fork') return `比它晚的 ${other}在第 ${row} 条与它对不上（同一条的校验值不同）：该街道台账可能被回退后重写，${ASK}。`;
  if (kind === 'unlisted') return `比它晚的 ${other}没有记着这个包：街道台账里这次上报的记录不见了，${rolledBack}`;
  return `比它晚的 ${other}操作日志条数反而更少（共 ${before.head.rows} 条 → 共 ${after.head.rows} 条）：该街道台账可能被删除过记录，${ASK}。`;
}

const exportOrder = (a: SeenHead, b: SeenHead): number => (a.generatedAt < b.generatedAt ? -1 : a.generatedAt > b.generatedAt ? 1 : 0);

/**
 * For each package chosen now (by `key`): a flag in Chinese when its log went back against another
 * package of the same office key (chosen now, or `seenBefore`), else nothing. Of two chosen now, the
 * later one carries the flag; a chosen package earlier than a kept later one carries it itself (the
 * kept one is not on screen). The nearest package in export order is named.
 */
export function auditHeadFlags(chosen: readonly SeenHead[], seenBefore: readonly SeenHead[] = [], zone = DEFAULT_OFFICE_TIME_ZONE): Map<string, string> {
  const flags = new Map<string, string>();
  const chosenKeys = new Set(chosen.map((p) => p.key));
  const all = [...chosen, ...seenBefore.filter((p) => !chosenKeys.has(p.key))].sort(exportOrder);
  for (const p of chosen) {
    if (flags.has(p.key)) continue;
    const others = all.filter((o) => o.key !== p.key && o.fingerprint === p.fingerprint);
    // Earlier packages, nearest first: this one is the later of the pair.
    const earlier = others.filter((o) => exportOrder(o, p) <= 0).reverse();
    let found = earlier.map((o) => problemOf(o, p)).find((x) => x !== null);
    // Later packages kept from before, nearest first: only they are not on screen to carry the flag.
    if (!found)
      found = others
        .filter((o) => o.earlier && exportOrder(o, p) > 0)
        .map((o) => problemOf(p, o))
        .find((x) => x !== null);
    if (found) flags.set(p.key, sentence(found, p, zone));
  }
  return flags;
}
