/**
 * The district passes the same form one level up: its own saved template,
 * filled with every verified office's rows (each row naming its office),
 * saved in the folder the user chose. Numbers as the template's policy says.
 */
import { badInput, notFound } from '../../errors';
import type { TaskContext } from '../../handler-types';
import { safeName } from './build-package';
import { exportFormById, templateFormId } from './catalogue';
import { packageEntry, periodOf, rowsFromPackages, type AcceptedPackage } from './district';
import { auditFullNumbers, headCountOfPackages, nameUnit, officeNameOf } from './form-rows';
import { writeVerifiedAside } from './safe-write';
import { placeAudited } from '../../task-write';
import { fillTemplate } from './templates/fill';
import { templateBytes } from './templates/queries';
import { loadWorkbook } from './templates/workbook-file';

export interface DistrictFill {
  path: string;
  title: string;
  rows: number;
  offices: number;
}

export async function fillDistrictTemplate(
  ctx: TaskContext,
  /** The template, and the folder as the user's choice resolved it (ctx.files.folder). */
  want: { id: number; folder: string },
  accepted: readonly AcceptedPackage[],
): Promise<DistrictFill> {
  const form = exportFormById(ctx.read, templateFormId(want.id));
  if (!form?.template) throw notFound('这张区级表格模板');
  const t = form.template;
  if (accepted.length === 0) throw badInput(`没有通过核验的上报包，没有生成「${t.name}」。`);
  const rows = rowsFromPackages(form.base, accepted, form.policy.fullNumbers);
  if (rows.length === 0) throw badInput(`通过核验的上报包里都没有「${form.base.title}」的数据，没有生成「${t.name}」。`);
  const period = periodOf(accepted);
  const filled = await fillTemplate({
    bytes: templateBytes(ctx.read, t.id),
    sheet: t.sheet,
    mapping: t.mapping,
    fields: form.base.columns,
    rows,
    ctx: { officeName: officeNameOf(ctx.read), period, madeOn: ctx.clock.today() },
    unit: nameUnit(form),
    headCount: headCountOfPackages(
      form.base,
      accepted.map((p) => packageEntry(form.base, p)),
    ),
  });
  const fileName = `${safeName(t.name)}_${period.from.replace(/-/g, '')}-${period.to.replace(/-/g, '')}_汇总.xlsx`;
  const file = await writeVerifiedAside(want.folder, fileName, filled.bytes, async (back) => {
    await loadWorkbook(back);
  });
  const path = file.path;
  const offices = new Set(rows.map((r) => r.office)).size;
  placeAudited(ctx, file, (_db, audit) => {
    audit({
      entity: 'export.template_file',
      entityId: form.id,
      after: { form: form.id, title: form.title, period, rows: filled.rows, offices, fullNumbers: form.policy.fullNumbers, path },
    });
    if (form.policy.fullNumbers) auditFullNumbers(audit, { form, period, rows: filled.rows, reason: form.policy.reason ?? '', destination: path });
  });
  return { path, title: t.name, rows: filled.rows, offices };
}
