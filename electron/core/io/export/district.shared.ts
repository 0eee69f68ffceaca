/**
 * The district side of 上报 (核验上报包): the offices' keys, each package's verdict, the overlap question and the
 * merged forms. Shared with the renderer (DistrictPanel and its parts); the channels are in contract.ts.
 */
import type { AuditHead } from '../../audit/contract';

export interface DistrictKey {
  id: number;
  officeName: string;
  fingerprint: string;
  addedAt: string;
}

export interface PackageVerdict {
  path: string;
  ok: boolean;
  /** Why a package was refused, in words the district clerk understands. */
  reason: string | null;
  officeName: string | null;
  from: string | null;
  to: string | null;
  correction: boolean;
  fingerprint: string | null;
  counts: Record<string, number>;
  /** The office's audit head at export (package version 2), null for an older or refused package. */
  auditHead: AuditHead | null;
  /** That head in Chinese for the 核验结果 grid (package-format.ts auditHeadText); null for a refused package. */
  audit: string | null;
  /**
   * The office's log went back against another package of the same office key (shorter, forked or
   * fewer rows: audit-heads.ts), in Chinese; null when it did not, or nothing to compare it with.
   */
  auditFlag: string | null;
  /** The package file's SHA-256 (a verified package), to answer its overlap question with; null when refused before. */
  packageId: string | null;
  /** Merged into the district's summary (district-overlaps.ts: one office's people never twice). */
  counted: boolean;
  /** Its period overlaps an earlier-generated package of the same office: the question, or what the user chose. */
  overlap: PackageOverlap | null;
}

/** What the user answers for a later package of an office whose period overlaps one already merged. */
export const OVERLAP_CHOICES = ['replace', 'keepOut'] as const;
export type OverlapChoice = (typeof OVERLAP_CHOICES)[number];
/** The buttons' words, and how 操作日志 names the choice. */
export const OVERLAP_CHOICE_LABELS: Record<OverlapChoice, string> = { replace: '替换', keepOut: '不合并这个' };

export interface PackageOverlap {
  /** The packages (1-based, as chosen) it overlaps. */
  with: number[];
  /** null: not answered yet (held back, the question shown with 「替换」 / 「不合并这个」). */
  decided: OverlapChoice | null;
  /** Both periods and generation times, and the question or the choice, in words. */
  text: string;
}

export interface MergedForm {
  id: string;
  title: string;
  headers: string[];
  rows: Array<Array<string | number | null>>;
}

export interface DistrictResult {
  packages: PackageVerdict[];
  merged: MergedForm[];
  /** The district's own template filled from every verified package, when one was asked for. */
  filled: { path: string; title: string; rows: number; offices: number } | null;
}
