/**
 * District mode: verify several street offices' packages and merge their
 * summary forms. A tampered, unsigned or unknown-key package is refused with
 * the reason and contributes nothing to the merge.
 */
import { AppError } from '../../errors';
import { readRegularFile } from '../../fs-guard';
import { basename } from 'node:path';
import type { DistrictResult, MergedForm, PackageVerdict } from './contract';
import { formById } from './forms/registry';
import type { CellValue } from './forms/types';
import { PART_NAMES, verifyPackage, type TrustedKey } from './package-format';

const MAX_PACKAGE_BYTES = 512 * 1024 * 1024;

interface DataJson {
  forms: Array<{ id: string; title: string; columns: Array<{ key: string; header: string }>; rows: Array<Record<string, CellValue>> }>;
}

export async function verifyAndMerge(packages: ReadonlyArray<{ path: string; password: string }>, trusted: readonly TrustedKey[], onEach: (done: number) => void = () => undefined): Promise<DistrictResult> {
  const verdicts: PackageVerdict[] = [];
  const merged = new Map<string, MergedForm>();
  for (const [i, p] of packages.entries()) {
    let bytes: Buffer;
    try {
      // Regular files only, opened non-blocking, and never more than a package can be: a huge file is a mistake or an attack on memory.
      bytes = readRegularFile(p.path, MAX_PACKAGE_BYTES, '上报包');
    } catch (e) {
      const reason = e instanceof AppError ? e.message : `找不到或无法读取文件「${basename(p.path)}」。`;
      verdicts.push({ path: p.path, ok: false, reason, officeName: null, from: null, to: null, correction: false, fingerprint: null, counts: {} });
      onEach(i + 1);
      continue;
    }
    const v = await verifyPackage(bytes, p.password, trusted);
    if (!v.ok) {
      verdicts.push({
        path: p.path,
        ok: false,
        reason: v.reason,
        officeName: v.manifest?.officeName ?? null,
        from: v.manifest?.period.from ?? null,
        to: v.manifest?.period.to ?? null,
        correction: v.manifest?.correction ?? false,
        fingerprint: v.fingerprint,
        counts: {},
      });
      onEach(i + 1);
      continue;
    }
    const m = v.manifest;
    verdicts.push({ path: p.path, ok: true, reason: null, officeName: m.officeName, from: m.period.from, to: m.period.to, correction: m.correction, fingerprint: m.keyFingerprint, counts: m.counts });
    const data = JSON.parse(new TextDecoder().decode(v.parts.get(PART_NAMES.data))) as DataJson;
    for (const f of data.forms) {
      // Only summary forms are merged; name lists stay with the office that owns them.
      if (!formById(f.id)?.mergeable) continue;
      const target = merged.get(f.id) ?? { id: f.id, title: f.title, headers: ['街道办事处', ...f.columns.map((c) => c.header)], rows: [] };
      for (const r of f.rows) target.rows.push([m.officeName, ...f.columns.map((c) => r[c.key] ?? null)]);
      merged.set(f.id, target);
    }
    onEach(i + 1);
  }
  return { packages: verdicts, merged: [...merged.values()] };
}
