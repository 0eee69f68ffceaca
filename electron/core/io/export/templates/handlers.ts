/** Handlers for the district templates and the number policies. */
import { createHash } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { badInput, notFound } from '../../../errors';
import type { HandlersOf } from '../../../handler-types';
import type { ReadDb } from '../../../db/types';
import { builtinForm, exportFormById, listExportForms, templateForm, templateFormId, type ExportForm } from '../catalogue';
import { auditFullNumbers, checkPeriod, dataRowCount, headCountOf, nameUnit, officeNameOf, readFormRows, refuseEmpty, templateFillRows } from '../form-rows';
import { dropPolicy, readPolicy, writePolicy } from '../number-policy';
import { carriesNumbers } from '../personal-numbers';
import { writeVerifiedAside } from '../safe-write';
import { placeAudited } from '../../../task-write';
import type { NumberPolicyView, TemplateInspection, TemplateSummary, templateChannels } from './contract';
import { fillTemplate } from './fill';
import { readLayout, type TemplateLayout } from './layout';
import { checkMapping, sourceForms, suggestMapping } from './mapping';
import { getTemplate, listTemplates, retireTemplate, saveTemplate, templateBytes, templateByFingerprint, type TemplateRecord } from './queries';
import { loadWorkbook, readTemplateFile, sheetOf } from './workbook-file';

const INFO_WORDS = { office: '填报单位', reportDay: '填报日期', period: '统计期间' } as const;

function summaryOf(db: ReadDb, t: TemplateRecord): TemplateSummary {
  const form = templateForm(db, t);
  return {
    id: t.id,
    formId: templateFormId(t.id),
    name: t.name,
    fileName: t.fileName,
    sheet: t.sheet,
    baseForm: t.baseForm,
    baseTitle: form?.base.title ?? '（已停用的表格）',
    columns: t.columns,
    mapping: t.mapping,
    fullNumbers: form?.policy.fullNumbers ?? false,
    numbersReason: form?.policy.reason ?? null,
    updatedAt: t.updatedAt,
  };
}

function policyView(f: ExportForm): NumberPolicyView {
  const p = f.policy;
  return {
    formId: f.id,
    title: f.title,
    carriesNumbers: carriesNumbers(f.columns),
    fullNumbers: p.fullNumbers,
    reason: p.reason,
    isDefault: p.isDefault,
    setBy: p.setBy,
    setAt: p.setAt,
  };
}

async function openTemplate(path: string, sheet: string | undefined): Promise<{ bytes: Buffer; fileName: string; sheets: string[]; layout: TemplateLayout }> {
  const { bytes, fileName } = readTemplateFile(path);
  const wb = await loadWorkbook(bytes);
  const ws = sheetOf(wb, sheet);
  const layout = readLayout(ws);
  if (!layout) {
    throw badInput(
      `在模板「${fileName}」的工作表「${ws.name}」前 30 行里找不到表头（一行里至少两个列标题，如「姓名」「身份证号码」）。请确认选择的是区里下发的空白表格，或选择另一个工作表。`,
    );
  }
  return { bytes, fileName, sheets: wb.worksheets.map((w) => w.name), layout };
}

const requireReason = (full: boolean, reason: string | undefined): string | null => {
  if (!full) return null;
  if (!reason || reason.trim().length < 2) throw badInput('选择完整的身份证号和电话号码时，请填写「使用完整号码的理由」（例如：区卫健委核对身份需要）。');
  return reason.trim();
};

export const templateHandlers: HandlersOf<typeof templateChannels> = {
  'export.templates.list': (db) => listTemplates(db).map((t) => summaryOf(db, t)),

  'export.templates.inspect': async (input, ctx): Promise<TemplateInspection> => {
    const { fileName, sheets, layout } = await openTemplate(ctx.files.open(input.templatePath), input.sheet);
    const known = templateByFingerprint(ctx.read, layout.fingerprint);
    return {
      fileName,
      sheets,
      sheet: layout.sheet,
      headerRows: [layout.headerFirst, layout.headerLast],
      columns: layout.columns,
      totalRow: layout.totalRow,
      infoLines: [...new Set(layout.infoCells.flatMap((c) => c.kinds.map((k) => INFO_WORDS[k])))],
      fingerprint: layout.fingerprint,
      known: known ? summaryOf(ctx.read, known) : null,
      suggested: known ? { baseForm: known.baseForm, mapping: known.mapping } : suggestMapping(layout.columns),
      sources: sourceForms(),
    };
  },

  'export.templates.save': async (input, ctx) => {
    const { bytes, fileName, layout } = await openTemplate(ctx.files.open(input.templatePath), input.sheet);
    const { base, mapping } = checkMapping(layout.columns, input.baseForm, input.mapping);
    const numbered = mapping.some((m) => m.kind === 'field' && base.columns.some((c) => c.key === m.key && (c.kind === 'idNumber' || c.kind === 'phone')));
    if (input.fullNumbers && !numbered) throw badInput('这张模板没有对应身份证号或电话号码的列，不需要选择完整号码。');
    const reason = requireReason(input.fullNumbers, input.numbersReason);
    const now = ctx.clock.nowIso();
    const id = ctx.write((db, audit) => {
      const before = templateByFingerprint(db, layout.fingerprint);
      const id = saveTemplate(
        db,
        {
          name: input.name,
          fileName,
          sheet: layout.sheet,
          fingerprint: layout.fingerprint,
          headerFirst: layout.headerFirst,
          headerLast: layout.headerLast,
          baseForm: input.baseForm,
          columns: layout.columns,
          mapping,
          bytes,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          by: ctx.session.username,
          now,
        },
        before?.id ?? null,
      );
      const formId = templateFormId(id);
      const policyBefore = readPolicy(db, formId, false);
      writePolicy(db, { formId, fullNumbers: input.fullNumbers, reason, setBy: ctx.session.username, setAt: now });
      audit({
        entity: 'export_template',
        entityId: id,
        before: before ? { ...before } : undefined,
        after: { ...getTemplate(db, id)!, fullNumbers: input.fullNumbers, numbersReason: reason },
      });
      if (policyBefore.isDefault || policyBefore.fullNumbers !== input.fullNumbers)
        audit({ entity: 'form_number_policy', entityId: formId, before: policyBefore, after: readPolicy(db, formId, false) });
      return id;
    });
    return summaryOf(ctx.read, getTemplate(ctx.read, id)!);
  },

  'export.templates.remove': (db, input, ctx) => {
    const before = getTemplate(db, input.id);
    if (!before) throw notFound('这张表格模板');
    retireTemplate(db, input.id, ctx.clock.nowIso());
    dropPolicy(db, templateFormId(input.id));
    ctx.audit({ entity: 'export_template', entityId: input.id, before, after: null });
    return { removed: true };
  },

  'export.templates.fill': async (input, ctx) => {
    checkPeriod(input);
    const form = exportFormById(ctx.read, templateFormId(input.id));
    if (!form?.template) throw notFound('这张表格模板');
    if (input.fullNumbers && !form.policy.fullNumbers) {
      throw badInput(`「${form.title}」的号码设置是“隐去中间位”。如接收单位确需完整号码，请先在「号码设置」中改为完整号码并说明理由。`);
    }
    const reason = requireReason(input.fullNumbers, input.numbersReason);
    const rows = readFormRows(ctx.read, ctx.sealer, form, { ...input, today: ctx.clock.today() }, ctx.session.role, input.fullNumbers);
    const officeName = officeNameOf(ctx.read);
    const fillRows = templateFillRows(form, rows, officeName);
    refuseEmpty([{ form, rows: dataRowCount(form, rows) }], input, () => input.allowEmpty);
    const t = form.template;
    // Where the user chose, taken before the awaits (a lock meanwhile drops the choice with the window): never over a
    // file there (a numbered name instead), as every filled form.
    const target = ctx.files.save(input.outPath).path;
    const filled = await fillTemplate({
      bytes: templateBytes(ctx.read, t.id),
      sheet: t.sheet,
      mapping: t.mapping,
      fields: form.base.columns,
      rows: fillRows,
      ctx: { officeName, period: input, madeOn: ctx.clock.today() },
      unit: nameUnit(form),
      headCount: headCountOf(ctx.read, form, rows, input),
    });
    const name = basename(target).replace(/(\.xlsx)?$/i, '.xlsx');
    const file = await writeVerifiedAside(dirname(target), name, filled.bytes, async (back) => {
      await loadWorkbook(back);
    });
    const path = file.path;
    // Placed inside its audit row's transaction (task-write.ts): none without the row, none after the window ended.
    placeAudited(ctx, file, (_db, audit) => {
      audit({
        entity: 'export.template_file',
        entityId: form.id,
        after: { form: form.id, title: form.title, period: { from: input.from, to: input.to }, rows: filled.rows, fullNumbers: input.fullNumbers, path },
      });
      if (input.fullNumbers && reason)
        auditFullNumbers(audit, { form, period: { from: input.from, to: input.to }, rows: filled.rows, reason, destination: path });
    });
    return { path, rows: filled.rows, fullNumbers: input.fullNumbers };
  },

  'export.policies.list': (db) => listExportForms(db).map(policyView),

  'export.policies.set': (db, input, ctx) => {
    const form = exportFormById(db, input.formId);
    if (!form) throw badInput(`没有名为「${input.formId}」的上报表格。`);
    if (input.fullNumbers && !carriesNumbers(form.columns)) throw badInput(`「${form.title}」没有身份证号或电话号码列，不需要设置完整号码。`);
    const reason = requireReason(input.fullNumbers, input.numbersReason);
    const before = policyView(form);
    writePolicy(db, { formId: form.id, fullNumbers: input.fullNumbers, reason, setBy: ctx.session.username, setAt: ctx.clock.nowIso() });
    const after = policyView(form.kind === 'builtin' ? builtinForm(db, form.base) : exportFormById(db, form.id)!);
    ctx.audit({ entity: 'form_number_policy', entityId: form.id, before, after });
    return after;
  },
};
