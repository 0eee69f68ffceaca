/**
 * District mode: verify several street offices' packages and merge their
 * summary forms. A tampered, unsigned or unknown-key package is refused with
 * the reason and contributes nothing to the merge.
 */
import { AppError } from '../../errors';
import { readRegularFile } from '../../fs-guard';
import { basename } from 'node:path';
import type { MergedForm, OverlapChoice, PackageVerdict } from './district.shared';
import { countOncePerOffice } from './district-overlaps';
import { DEFAULT_OFFICE_TIME_ZONE } from '../../dates.shared';
import { formById } from './forms/registry';
import { isTotalRow, type CellValue, type FormDef } from './forms/types';
import { applyNumbers, packageNumbers } from './personal-numbers';
import { auditHeadText, PART_NAMES, sha256Hex, verifyPackage, type Manifest, type TrustedKey } from './package-format';
import { auditHeadFlags, type SeenHead } from './audit-heads';
import { packageShapeProblem } from './district-package-shape';
import type { FillRow } from './templates/fill';

const MAX_PACKAGE_BYTES = 512 * 1024 * 1024;

interface DataJson {
  period: { from: string; to: string };
  forms: PackageForm[];
}

/** One form as a package carries it; `people`: how many people a name list holds (packages from session 23 on). */
interface PackageForm {
  id: string;
  title: string;
  baseForm?: string;
  columns: Array<{ key: string; header: string }>;
  rows: Array<Record<string, CellValue>>;
  people?: number;
}

/** A verified package's office and data, kept for filling the district's own template. */
export interface AcceptedPackage {
  officeName: string;
  period: { from: string; to: string };
  data: DataJson;
}

export interface MergeResult {
  packages: PackageVerdict[];
  merged: MergedForm[];
  accepted: AcceptedPackage[];
  /** The audit heads of the verified packages that carry one (for the district's ledger to keep). */
  heads: SeenHead[];
}

/** What the district already saw, to compare the packages' audit heads with (audit-heads.ts). */
export interface HeadHistory {
  seenBefore: readonly SeenHead[];
  /** The district's time zone, for the days the flags name. */
  zone: string;
}

/**
 * Every office's rows of one built-in form, for a district template: from the form itself when the
 * office sent it, else from a template of the office's built on it; never both (no row counted twice).
 * Numbers stay as the office sent them, or are masked again when the district's form is masked.
 */
export function rowsFromPackages(base: FormDef, accepted: readonly AcceptedPackage[], full: boolean): FillRow[] {
  const access = packageNumbers(full);
  const out: FillRow[] = [];
  for (const p of accepted) {
    const entry = packageEntry(base, p);
    if (!entry) continue;
    for (const row of entry.rows) if (!isTotalRow(base, row)) out.push({ office: p.officeName, row: applyNumbers(base.columns, row, access) });
  }
  return out;
}

/** The office's rows of a built-in form: the form itself when sent, else a template of the office's built on it. */
export function packageEntry(base: FormDef, p: AcceptedPackage): PackageForm | undefined {
  return p.data.forms.find((f) => f.id === base.id) ?? p.data.forms.find((f) => f.baseForm === base.id);
}

/** The span the packages cover together. */
export function periodOf(accepted: readonly AcceptedPackage[]): { from: string; to: string } {
  const froms = accepted.map((p) => p.period.from).sort();
  const tos = accepted.map((p) => p.period.to).sort();
  return { from: froms[0] ?? '', to: tos[tos.length - 1] ?? '' };
}

export async function verifyAndMerge(
  packages: ReadonlyArray<{ path: string; password: string }>,
  trusted: readonly TrustedKey[],
  onEach: (done: number) => void = () => undefined,
  history?: HeadHistory,
  decisions: ReadonlyMap<string, OverlapChoice> = new Map(),
): Promise<MergeResult> {
  const verdicts: PackageVerdict[] = [];
  const verified: VerifiedPackage[] = [];
  for (const [i, p] of packages.entries()) {
    let bytes: Buffer;
    try {
      // Regular files only, opened non-blocking, and never more than a package can be: a huge file is a mistake or an attack on memory.
      bytes = readRegularFile(p.path, MAX_PACKAGE_BYTES, '上报包');
    } catch (e) {
      const reason = e instanceof AppError ? e.message : `找不到或无法读取文件「${basename(p.path)}」。`;
      verdicts.push(refusedVerdict(p.path, reason, null, null));
      onEach(i + 1);
      continue;
    }
    const v = await verifyPackage(bytes, p.password, trusted);
    if (!v.ok) {
      verdicts.push(refusedVerdict(p.path, v.reason, v.manifest ?? null, v.fingerprint));
      onEach(i + 1);
      continue;
    }
    const m = v.manifest;
    const data = dataOf(v.parts.get(PART_NAMES.data));
    // Signed, yet not what the program writes: refused here, before it could stop the whole 核验 or escape the overlap rule.
    const problem = packageShapeProblem(m, data);
    if (problem) {
      verdicts.push(refusedVerdict(p.path, problem, null, v.key.fingerprint));
      onEach(i + 1);
      continue;
    }
    const office = registeredOffice(v.key);
    const verdict: PackageVerdict = {
      path: p.path,
      ok: true,
      reason: null,
      officeName: office,
      from: m.period.from,
      to: m.period.to,
      correction: m.correction,
      fingerprint: m.keyFingerprint,
      counts: m.counts,
      auditHead: m.auditHead ?? null,
      audit: auditHeadText(m.auditHead),
      auditFlag: null,
      packageId: sha256Hex(bytes),
      counted: false,
      overlap: null,
    };
    verdicts.push(verdict);
    verified.push({ n: i + 1, verdict, key: verdict.packageId!, office, manifest: m, data: data as DataJson });
    onEach(i + 1);
  }
  const counted = countOncePerOffice(refuseCountedTwice(verified), decisions, history?.zone ?? DEFAULT_OFFICE_TIME_ZONE);
  const heads: SeenHead[] = [];
  const headOfVerdict = new Map<PackageVerdict, string>();
  const accepted: AcceptedPackage[] = [];
  const merged = new Map<string, MergedForm>();
  // Every verified package's head is compared, counted or not: a log that went back shows beside both packages.
  for (const { verdict, key, office, manifest: m } of verified) {
    if (!m.auditHead) continue;
    heads.push({ key, fingerprint: m.keyFingerprint, officeName: office, period: m.period, generatedAt: m.generatedAt, head: m.auditHead });
    headOfVerdict.set(verdict, key);
  }
  for (const { office, manifest: m, data } of counted) {
    accepted.push({ officeName: office, period: m.period, data });
    for (const f of data.forms) {
      // Only summary forms are merged; name lists stay with the office that owns them.
      const def = formById(f.id);
      if (!def?.mergeable) continue;
      // Headings and column order are this program's, each office's row read by column key: the package's own headers
      // and order set them for every office once (chosen first, a re-signed package put its neighbours' figures under
      // swapped headings: DX4, eleventh attack run).
      const target = merged.get(f.id) ?? { id: f.id, title: def.title, headers: ['街道办事处', ...def.columns.map((c) => c.header)], rows: [] };
      for (const r of f.rows) target.rows.push([office, ...def.columns.map((c) => r[c.key] ?? null)]);
      merged.set(f.id, target);
    }
  }
  // Packages of one office key, in export order: a log that went back is flagged beside the package.
  const flags = auditHeadFlags(heads, history?.seenBefore, history?.zone);
  for (const [verdict, key] of headOfVerdict) verdict.auditFlag = flags.get(key) ?? null;
  return { packages: verdicts, merged: [...merged.values()], accepted, heads };
}

/** data.json parsed, or null when it is missing or not JSON (the shape check names it). */
export function dataOf(bytes: Uint8Array | undefined): unknown {
  try {
    return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as unknown) : null;
  } catch {
    return null;
  }
}

/**
 * The office a package counts for: the one its key was registered with, never the name the package gives itself.
 * An office that set its name to a neighbour's and exported was 「通过」 and merged as that neighbour (DX1, tenth
 * attack run). A key registered without a name is told apart by its fingerprint, so two such keys are not one office.
 */
export function registeredOffice(key: TrustedKey): string {
  const name = key.officeName.trim();
  return name !== '' ? name : `未登记名称的街道（密钥指纹 ${key.fingerprint}）`;
}

interface VerifiedPackage {
  /** 1-based, as the packages were chosen. */
  n: number;
  verdict: PackageVerdict;
  key: string;
  /** The name its key was registered with. */
  office: string;
  manifest: Manifest;
  data: DataJson;
}

function refusedVerdict(path: string, reason: string, manifest: Manifest | null, fingerprint: string | null): PackageVerdict {
  return {
    path,
    ok: false,
    reason,
    officeName: manifest?.officeName ?? null,
    from: manifest?.period.from ?? null,
    to: manifest?.period.to ?? null,
    correction: manifest?.correction ?? false,
    fingerprint,
    counts: {},
    auditHead: null,
    audit: null,
    auditFlag: null,
    packageId: null,
    counted: false,
    overlap: null,
  };
}

/**
 * The same package counted once. Chosen twice, or a renamed copy handed over again, it was merged twice: the
 * office's figures doubled in the district's summary with both 「通过」 and no flag (eighth attack run). The
 * second copy is refused, naming the first. (Two different packages of one office for overlapping days: see
 * district-overlaps.ts.)
 */
function refuseCountedTwice(verified: readonly VerifiedPackage[]): VerifiedPackage[] {
  const first = new Map<string, VerifiedPackage>();
  return verified.filter((v) => {
    const earlier = first.get(v.key);
    if (!earlier) {
      first.set(v.key, v);
      return true;
    }
    v.verdict.ok = false;
    v.verdict.reason = `与第 ${earlier.n} 个上报包是同一份文件（重复选择），没有再次计入汇总：请只选一次。`;
    return false;
  });
}
