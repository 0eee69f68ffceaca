/**
 * Which ledger value goes into each template column: suggested from the
 * header words (the same synonym table the import uses, read the other way),
 * confirmed by the user once, checked before anything is filled.
 */
import { badInput } from '../../../errors';
import type { FieldDef } from '../../import/fields.shared';
import { TARGETS } from '../../import/fields.shared';
import { headerScore } from '../../import/header';
import { FORMS, formById } from '../forms/registry';
import type { FormColumn, FormDef } from '../forms/types';
import { headerKey } from '../../import/normalise';
import { COMPUTED_LABELS, COMPUTED_SOURCES, type MappingSource, type TemplateColumnView, type TemplateSourceForm } from './contract';

/** Header words of a district form that are not a ledger field but a value the fill computes. */
const COMPUTED_WORDS: Array<[RegExp, MappingSource]> = [
  [/^(序号|编号|序)$/, { kind: 'serial' }],
  [/^(街道|街道办事处|街道名称|乡镇|乡镇街道|乡镇（街道）|街道（乡镇）|填报单位|单位)$/, { kind: 'office' }],
  [/^(填报日期|填表日期|上报日期|报送日期)$/, { kind: 'reportDay' }],
  [/^(统计期间|统计时间|统计时段)$/, { kind: 'period' }],
];

/** More words districts use for the forms' own headers. */
const EXTRA_SYNONYMS: Record<string, readonly string[]> = {
  endOn: ['观察结束日期', '解除日期', '解除观察日期', '结束时间', '解除时间', '隔离结束日期'],
  category: ['观察方式', '隔离方式', '人员类别', '类别', '类型'],
  status: ['目前状态', '当前状态', '管控状态'],
  done: ['已监测天数', '监测天数', '已测温天数'],
  missed: ['漏检天数', '未监测天数'],
  visits: ['走访次数', '探访次数'],
  lastVisit: ['最近走访日期', '最近一次走访'],
  needs: ['需求', '困难诉求', '主要困难'],
  total: ['实发金额', '发放金额', '补助金额', '金额'],
  days: ['天数', '工作天数', '值守天数'],
};

function synonymsFor(c: FormColumn): string[] {
  const fromImport = Object.values(TARGETS).flatMap((t) => t.fields.filter((f) => f.key === c.key).flatMap((f) => [f.label, ...f.synonyms]));
  return [...new Set([...fromImport, ...(EXTRA_SYNONYMS[c.key] ?? [])])];
}

/** The form's own header counts, and each half of one like 本期解除/办结. */
const asField = (c: FormColumn): FieldDef => ({
  key: c.key,
  label: c.header.replace(/[（(].*?[)）]/g, ''),
  kind: 'text',
  synonyms: [c.header, ...c.header.split('/'), ...synonymsFor(c)],
});

/** The words a computed value or field is matched by; the last part of "基本信息/姓名" counts most. */
function computedFor(header: string): MappingSource | null {
  const last = header.split('/').pop()!.replace(/\s/g, '');
  for (const [re, source] of COMPUTED_WORDS) if (re.test(last)) return source;
  return null;
}

/** For each column the likeliest value (or null), a field given to one column only; and how many columns found a field. */
export function suggestFor(columns: readonly TemplateColumnView[], form: FormDef): { mapping: Array<MappingSource | null>; matched: number } {
  const mapping: Array<MappingSource | null> = columns.map((c) => computedFor(c.header));
  const candidates: Array<{ i: number; key: string; score: number }> = [];
  for (const [i, col] of columns.entries()) {
    if (mapping[i] !== null) continue;
    for (const f of form.columns) {
      const score = headerScore(col.header, asField(f));
      if (score >= 2) candidates.push({ i, key: f.key, score });
    }
  }
  candidates.sort((a, b) => b.score - a.score || a.i - b.i);
  const used = new Set<string>();
  let matched = 0;
  for (const c of candidates) {
    if (mapping[c.i] !== null || used.has(c.key)) continue;
    mapping[c.i] = { kind: 'field', key: c.key };
    used.add(c.key);
    matched++;
  }
  return { mapping, matched };
}

/** The form whose fields name the most columns, and its suggested mapping. */
export function suggestMapping(columns: readonly TemplateColumnView[]): { baseForm: string; mapping: Array<MappingSource | null> } {
  let best = { baseForm: FORMS[0]!.id, ...suggestFor(columns, FORMS[0]!) };
  for (const f of FORMS.slice(1)) {
    const s = suggestFor(columns, f);
    if (s.matched > best.matched) best = { baseForm: f.id, ...s };
  }
  return { baseForm: best.baseForm, mapping: best.mapping };
}

export const sourceForms = (): TemplateSourceForm[] =>
  FORMS.map((f) => ({ id: f.id, title: f.title, fields: f.columns.map((c) => ({ key: c.key, header: c.header })) }));

/** Every column mapped (留空 is a choice), to fields the base form has: else a message naming the column. */
export function checkMapping(
  columns: readonly TemplateColumnView[],
  baseForm: string,
  mapping: ReadonlyArray<MappingSource | null>,
): { base: FormDef; mapping: MappingSource[] } {
  const base = formById(baseForm);
  if (!base) throw badInput(`「每行来自」中没有「${baseForm}」这张表。`);
  if (mapping.length !== columns.length)
    throw badInput(`模板有 ${columns.length} 列，列对应关系给了 ${mapping.length} 项：模板可能已经改动，请重新选择模板文件。`);
  const unmapped = columns.filter((_, i) => mapping[i] === null);
  if (unmapped.length > 0) {
    const names = unmapped.map((c) => `${c.letter} 列「${c.header}」`).join('、');
    throw badInput(`模板的 ${names} 还没有指定填什么：请为每一列选择台账中的内容、计算值，或选「留空」。`);
  }
  const out = mapping as MappingSource[];
  for (const [i, m] of out.entries()) {
    if (m.kind === 'field' && !base.columns.some((c) => c.key === m.key))
      throw badInput(`模板的 ${columns[i]!.letter} 列「${columns[i]!.header}」对应的内容不属于「${base.title}」。`);
  }
  return { base, mapping: out };
}

/**
 * A value named in words (the command line's `--map 列=值`): 留空, 文字:…, a computed value
 * (序号, 街道办事处名称, 填报日期…) or one of the base form's headers or keys. Null when unknown.
 */
export function sourceFromWords(words: string, base: FormDef): MappingSource | null {
  const w = words.trim();
  if (w === '留空' || w === '空') return { kind: 'blank' };
  const text = /^文字[:：](.+)$/.exec(w);
  if (text) return { kind: 'text', text: text[1]!.trim() };
  const computed = COMPUTED_SOURCES.find((k) => k === w || headerKey(COMPUTED_LABELS[k]) === headerKey(w)) ?? null;
  if (computed) return { kind: computed };
  const named = computedFor(w);
  if (named) return named;
  const field = base.columns.find((c) => c.key === w || headerKey(c.header) === headerKey(w));
  return field ? { kind: 'field', key: field.key } : null;
}
