/**
 * Builds one submission package in memory: reads each chosen form for the
 * period, masks personal numbers, writes forms.xlsx and data.json, a
 * manifest with counts and SHA-256 of each part, signs it and seals it.
 */
import type { ReadDb } from '../../db/types';
import { badInput } from '../../errors';
import { formById, whyLeftOut } from './forms/registry';
import type { FormDef, FormRow, Period } from './forms/types';
import { maskRow } from './masking';
import type { OfficeKey } from './office-key';
import { GENERATOR, PACKAGE_FORMAT, PART_NAMES, SCHEMA_VERSION, sealPackage, sha256Hex, signBytes, type Manifest, type PackagePart } from './package-format';
import { writeFormsWorkbook } from './workbook';

export interface PackageRequest {
  officeName: string;
  period: Period;
  formIds: string[];
  correction: boolean;
  generatedAt: string;
  generatedBy: string;
  madeOn: string;
  password: string;
  key: OfficeKey;
}

export interface BuiltPackage {
  fileName: string;
  bytes: Buffer;
  sha256: string;
  manifest: Manifest;
}

/** Windows refuses \ / : * ? " < > | in names; a stick formatted FAT32 too. */
const safeName = (s: string): string => s.replace(/[\\/:*?"<>|\s]+/g, '_');

export function packageFileName(officeName: string, period: Period, generatedAt: string): string {
  const stamp = generatedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${safeName(officeName)}_${period.from.replace(/-/g, '')}-${period.to.replace(/-/g, '')}_上报_${stamp}.zip`;
}

export function readForms(db: ReadDb, formIds: readonly string[], period: Period): Array<{ form: FormDef; rows: FormRow[] }> {
  if (period.from > period.to) throw badInput('「开始日期」不能晚于「结束日期」。');
  return formIds.map((id) => {
    const form = formById(id);
    if (!form) throw badInput(`没有名为「${id}」的上报表格。`);
    const why = whyLeftOut(db, form);
    if (why) throw badInput(`「${form.title}」不能上报：${why}。`);
    return { form, rows: form.read(db, period).map((r) => maskRow(form, r)) };
  });
}

export async function buildPackage(db: ReadDb, req: PackageRequest, onPhase: (phase: string) => void = () => undefined): Promise<BuiltPackage> {
  onPhase('读取台账');
  const sheets = readForms(db, req.formIds, req.period);
  onPhase('生成表格');
  const xlsx = await writeFormsWorkbook(sheets, { officeName: req.officeName, period: req.period, madeOn: req.madeOn, correction: req.correction });
  const data = Buffer.from(
    JSON.stringify({
      format: `${PACKAGE_FORMAT}-data`,
      schemaVersion: SCHEMA_VERSION,
      officeName: req.officeName,
      period: req.period,
      generatedAt: req.generatedAt,
      correction: req.correction,
      forms: sheets.map(({ form, rows }) => ({ id: form.id, title: form.title, columns: form.columns.map((c) => ({ key: c.key, header: c.header, kind: c.kind })), rows })),
    }),
    'utf8',
  );
  const counts: Record<string, number> = {};
  for (const { form, rows } of sheets) counts[form.id] = rows.length;
  const manifest: Manifest = {
    format: PACKAGE_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    generator: { ...GENERATOR },
    officeName: req.officeName,
    period: req.period,
    generatedAt: req.generatedAt,
    generatedBy: req.generatedBy,
    correction: req.correction,
    keyFingerprint: req.key.fingerprint,
    forms: sheets.map(({ form, rows }) => ({ id: form.id, title: form.title, rows: rows.length })),
    counts,
    parts: [
      { name: PART_NAMES.forms, sha256: sha256Hex(xlsx), bytes: xlsx.length },
      { name: PART_NAMES.data, sha256: sha256Hex(data), bytes: data.length },
    ],
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2), 'utf8');
  const signature = Buffer.from(signBytes(manifestBytes, req.key.privateKeyPem).toString('base64'), 'latin1');
  const parts: PackagePart[] = [
    { name: PART_NAMES.forms, data: xlsx },
    { name: PART_NAMES.data, data },
    { name: PART_NAMES.manifest, data: manifestBytes },
    { name: PART_NAMES.signature, data: signature },
  ];
  onPhase('加密打包');
  const bytes = await sealPackage(parts, req.password, req.key.privateKeyPem, req.key.fingerprint);
  return { fileName: packageFileName(req.officeName, req.period, req.generatedAt), bytes, sha256: sha256Hex(bytes), manifest };
}
