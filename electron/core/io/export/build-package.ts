/**
 * Builds one submission package in memory: the chosen forms' rows for the
 * period (numbers full or masked by each form's policy), forms.xlsx for the
 * built-in forms, one filled copy of each district template, data.json, a
 * manifest with counts and SHA-256 of each part, signed and sealed.
 */
import type { AuditHead } from '../../audit/contract';
import type { Role } from '../../contract';
import type { ReadDb } from '../../db/types';
import type { Sealer } from '../../db/sealer';
import { fileStampIn } from '../../dates.shared';
import { badInput } from '../../errors';
import { exportFormById, type ExportForm } from './catalogue';
import { dataRowCount, headCountOf, nameUnit, peopleOf, readFormRows, templateFillRows } from './form-rows';
import type { FormRow, Period } from './forms/types';
import type { SigningKey } from './office-key';
import { GENERATOR, PACKAGE_FORMAT, PART_NAMES, SCHEMA_VERSION, sealPackage, sha256Hex, signBytes, type Manifest, type PackagePart } from './package-format';
import { fillTemplate } from './templates/fill';
import { templateBytes } from './templates/queries';
import { writeFormsWorkbook } from './workbook';

export interface PreparedForm {
  form: ExportForm;
  /** Rows as they leave: numbers already full or masked. */
  rows: FormRow[];
  /** Rows of people or things, the form's own 合计 line not counted. */
  dataRows: number;
  /** How many people a name list holds (「3 人（4 项关爱）」), null where the form has its own 合计 row. */
  headCount: string | null;
  /** The same as a number, carried in data.json for a district adding up offices. */
  people: number | null;
}

export interface PackageRequest {
  officeName: string;
  period: Period;
  forms: PreparedForm[];
  correction: boolean;
  generatedAt: string;
  /** The office's time zone: the file name carries the office's day and time (dates.shared.ts fileStampIn). */
  timeZone: string;
  generatedBy: string;
  madeOn: string;
  password: string;
  key: SigningKey;
  /** The office's audit head at export (audit/anchor.ts auditHeadNow); null for a ledger with no log. */
  auditHead: AuditHead | null;
}

export interface BuiltPackage {
  fileName: string;
  bytes: Buffer;
  sha256: string;
  manifest: Manifest;
}

/** Windows refuses \ / : * ? " < > | in names; a stick formatted FAT32 too. */
export const safeName = (s: string): string => s.replace(/[\\/:*?"<>|\s]+/g, '_');

export function packageFileName(officeName: string, period: Period, generatedAt: string, timeZone: string): string {
  const stamp = fileStampIn(generatedAt, timeZone);
  return `${safeName(officeName)}_${period.from.replace(/-/g, '')}-${period.to.replace(/-/g, '')}_上报_${stamp}.zip`;
}

export function prepareForms(db: ReadDb, sealer: Sealer | null, formIds: readonly string[], period: Period, role: Role): PreparedForm[] {
  if (period.from > period.to) throw badInput('「开始日期」不能晚于「结束日期」。');
  return [...new Set(formIds)].map((id) => {
    const form = exportFormById(db, id);
    if (!form) throw badInput(`没有名为「${id}」的上报表格。`);
    const rows = readFormRows(db, sealer, form, period, role);
    return { form, rows, dataRows: dataRowCount(form, rows), headCount: headCountOf(db, form, rows, period), people: peopleOf(db, form, rows, period) };
  });
}

/** A filled template travels as its own xlsx beside forms.xlsx. */
async function templateParts(db: ReadDb, req: PackageRequest): Promise<Array<PackagePart & { formId: string }>> {
  const parts: Array<PackagePart & { formId: string }> = [];
  const used = new Set<string>();
  for (const { form, rows, headCount } of req.forms) {
    const t = form.template;
    if (!t) continue;
    let name = `区级表格_${safeName(t.name)}.xlsx`;
    for (let n = 2; used.has(name); n++) name = `区级表格_${safeName(t.name)}(${n}).xlsx`;
    used.add(name);
    const filled = await fillTemplate({
      bytes: templateBytes(db, t.id),
      sheet: t.sheet,
      mapping: t.mapping,
      fields: form.base.columns,
      rows: templateFillRows(form, rows, req.officeName),
      ctx: { officeName: req.officeName, period: req.period, madeOn: req.madeOn },
      unit: nameUnit(form),
      headCount,
    });
    parts.push({ name, data: filled.bytes, formId: form.id });
  }
  return parts;
}

export async function buildPackage(db: ReadDb, req: PackageRequest, onPhase: (phase: string) => void = () => undefined): Promise<BuiltPackage> {
  onPhase('生成表格');
  const builtins = req.forms.filter((f) => f.form.kind === 'builtin').map((f) => ({ form: f.form.base, rows: f.rows, headCount: f.headCount }));
  const xlsx =
    builtins.length > 0
      ? await writeFormsWorkbook(builtins, { officeName: req.officeName, period: req.period, madeOn: req.madeOn, correction: req.correction })
      : null;
  const templates = await templateParts(db, req);
  const data = Buffer.from(
    JSON.stringify({
      format: `${PACKAGE_FORMAT}-data`,
      schemaVersion: SCHEMA_VERSION,
      officeName: req.officeName,
      period: req.period,
      generatedAt: req.generatedAt,
      correction: req.correction,
      // A template's rows are its base form's: the district can fill its own template from them.
      forms: req.forms.map(({ form, rows, people }) => ({
        id: form.id,
        title: form.title,
        ...(form.template ? { baseForm: form.base.id } : {}),
        fullNumbers: form.policy.fullNumbers,
        // How many people a name list holds, as the office's form says it: rows of one person are not people.
        ...(people !== null ? { people } : {}),
        columns: form.base.columns.map((c) => ({ key: c.key, header: c.header, kind: c.kind })),
        rows,
      })),
    }),
    'utf8',
  );
  const counts: Record<string, number> = {};
  for (const f of req.forms) counts[f.form.id] = f.rows.length;
  const parts: PackagePart[] = [...(xlsx ? [{ name: PART_NAMES.forms, data: xlsx }] : []), ...templates, { name: PART_NAMES.data, data }];
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
    forms: req.forms.map(({ form, rows }) => ({
      id: form.id,
      title: form.title,
      rows: rows.length,
      fullNumbers: form.policy.fullNumbers,
      part: templates.find((p) => p.formId === form.id)?.name ?? PART_NAMES.forms,
    })),
    counts,
    parts: parts.map((p) => ({ name: p.name, sha256: sha256Hex(p.data), bytes: p.data.length })),
    ...(req.auditHead ? { auditHead: req.auditHead } : {}),
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2), 'utf8');
  const signature = Buffer.from(signBytes(manifestBytes, req.key.privateKeyPem).toString('base64'), 'latin1');
  onPhase('加密打包');
  const sealed: PackagePart[] = [
    ...parts.map(({ name, data }) => ({ name, data })),
    { name: PART_NAMES.manifest, data: manifestBytes },
    { name: PART_NAMES.signature, data: signature },
  ];
  const bytes = await sealPackage(sealed, req.password, req.key.privateKeyPem, req.key.fingerprint);
  return { fileName: packageFileName(req.officeName, req.period, req.generatedAt, req.timeZone), bytes, sha256: sha256Hex(bytes), manifest };
}
