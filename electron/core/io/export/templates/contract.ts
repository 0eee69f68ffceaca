/**
 * The district's own templates (区里下发的表格模板) and each form's policy
 * for full ID numbers and phones. Part of the export contract; zod only.
 */
import { z } from 'zod';
import { areaContract, channel, chosen, day, empty, id, text } from '../../../contract';

const templateLabels = {
  templatePath: '模板文件',
  sheet: '工作表',
  name: '表格名称',
  baseForm: '每行来自',
  mapping: '列对应关系',
  'mapping.text': '固定文字',
  fullNumbers: '完整号码',
  numbersReason: '使用完整号码的理由',
  outPath: '保存位置',
  allowEmpty: '报送空表',
  formId: '表格',
};

/** Values a template column can take besides a ledger field. */
export const COMPUTED_SOURCES = ['serial', 'office', 'reportDay', 'period', 'periodFrom', 'periodTo', 'rowCount'] as const;
export type ComputedSource = (typeof COMPUTED_SOURCES)[number];
export const COMPUTED_LABELS: Record<ComputedSource, string> = {
  serial: '序号（1、2、3…）',
  office: '街道办事处名称',
  reportDay: '填报日期',
  period: '统计期间（起止日期）',
  periodFrom: '统计开始日期',
  periodTo: '统计结束日期',
  rowCount: '本表行数（合计）',
};

const mappingSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('field'), key: z.string().min(1).max(40) }),
  z.strictObject({ kind: z.enum(COMPUTED_SOURCES) }),
  z.strictObject({ kind: z.literal('text'), text: z.string().trim().min(1, '固定文字不能为空').max(100, '最多 100 个字') }),
  z.strictObject({ kind: z.literal('blank') }),
]);
export type MappingSource = z.output<typeof mappingSource>;

export interface TemplateColumnView {
  column: number;
  letter: string;
  header: string;
}

/** A ledger form whose rows can fill a template, with the fields a column can take. */
export interface TemplateSourceForm {
  id: string;
  title: string;
  fields: Array<{ key: string; header: string }>;
}

export interface TemplateInspection {
  fileName: string;
  sheets: string[];
  sheet: string;
  headerRows: [number, number];
  columns: TemplateColumnView[];
  totalRow: number | null;
  /** Lines the fill completes, in the users' words (填报单位, 填报日期, 统计期间). */
  infoLines: string[];
  fingerprint: string;
  /** The same header was mapped before: its template, mapping and number policy. */
  known: TemplateSummary | null;
  suggested: { baseForm: string; mapping: Array<MappingSource | null> };
  sources: TemplateSourceForm[];
}

export interface TemplateSummary {
  id: number;
  formId: string;
  name: string;
  fileName: string;
  sheet: string;
  baseForm: string;
  baseTitle: string;
  columns: TemplateColumnView[];
  mapping: MappingSource[];
  fullNumbers: boolean;
  numbersReason: string | null;
  updatedAt: string;
}

export interface NumberPolicyView {
  formId: string;
  title: string;
  /** Whether the form has ID-number or phone columns at all. */
  carriesNumbers: boolean;
  fullNumbers: boolean;
  reason: string | null;
  /** True while nobody has recorded a policy: the form's default applies. */
  isDefault: boolean;
  setBy: string | null;
  setAt: string | null;
}

/** The district's blank template the user chose (a handle, read at inspect and again at save). */
const path = chosen('表格模板文件', 'open');
const numbersReason = text(200).optional();
const period = { from: day, to: day };

export const templateChannels = areaContract(templateLabels, {
  'export.templates.list': channel<TemplateSummary[]>()({ input: empty, access: 'coordinator', kind: 'read' }),
  'export.templates.inspect': channel<TemplateInspection>()({
    input: z.strictObject({ templatePath: path, sheet: z.string().max(100).optional() }),
    access: 'coordinator',
    kind: 'task',
  }),
  'export.templates.save': channel<TemplateSummary>()({
    input: z.strictObject({
      templatePath: path,
      sheet: z.string().max(100).optional(),
      name: z.string().trim().min(1, '请填写表格名称').max(60, '最多 60 个字'),
      baseForm: z.string().min(1).max(40),
      mapping: z.array(mappingSource.nullable()).min(1).max(200),
      fullNumbers: z.boolean().default(false),
      numbersReason,
    }),
    access: 'coordinator',
    kind: 'task',
  }),
  'export.templates.remove': channel<{ removed: true }>()({ input: z.strictObject({ id }), access: 'coordinator', kind: 'write' }),
  /** One template filled for a period, saved alone as a plain xlsx where the user chose. */
  'export.templates.fill': channel<{ path: string; rows: number; fullNumbers: boolean }>()({
    input: z.strictObject({
      id,
      ...period,
      outPath: chosen('保存位置', 'save'),
      fullNumbers: z.boolean().default(false),
      numbersReason,
      allowEmpty: z.boolean().default(false),
    }),
    access: 'coordinator',
    kind: 'task',
  }),
  'export.policies.list': channel<NumberPolicyView[]>()({ input: empty, access: 'coordinator', kind: 'read' }),
  'export.policies.set': channel<NumberPolicyView>()({
    input: z.strictObject({ formId: z.string().min(1).max(40), fullNumbers: z.boolean(), numbersReason }),
    access: 'coordinator',
    kind: 'write',
  }),
});
