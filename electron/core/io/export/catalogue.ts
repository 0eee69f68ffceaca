/**
 * Every form the office can send: the built-in forms and the district's
 * templates mapped onto them, each with its number policy. A template's
 * rows are its base form's rows; its id is `template:<n>`.
 */
import type { ReadDb } from '../../db/types';
import { FORMS, formById } from './forms/registry';
import type { FormColumn, FormDef } from './forms/types';
import { readPolicy, type NumberPolicy } from './number-policy';
import { getTemplate, listTemplates, type TemplateRecord } from './templates/queries';

export interface ExportForm {
  id: string;
  title: string;
  kind: 'builtin' | 'template';
  base: FormDef;
  template: TemplateRecord | null;
  policy: NumberPolicy;
  /** The base form's columns that actually leave with this form. */
  columns: readonly FormColumn[];
}

const TEMPLATE_PREFIX = 'template:';
export const templateFormId = (id: number): string => `${TEMPLATE_PREFIX}${id}`;

export function builtinForm(db: ReadDb, def: FormDef): ExportForm {
  return {
    id: def.id,
    title: def.title,
    kind: 'builtin',
    base: def,
    template: null,
    policy: readPolicy(db, def.id, def.defaultFullNumbers),
    columns: def.columns,
  };
}

/** Null when the template's base form is no longer known (it cannot be filled). */
export function templateForm(db: ReadDb, t: TemplateRecord): ExportForm | null {
  const base = formById(t.baseForm);
  if (!base) return null;
  const used = new Set(t.mapping.flatMap((m) => (m.kind === 'field' ? [m.key] : [])));
  const id = templateFormId(t.id);
  return {
    id,
    title: t.name,
    kind: 'template',
    base,
    template: t,
    policy: readPolicy(db, id, base.defaultFullNumbers),
    columns: base.columns.filter((c) => used.has(c.key)),
  };
}

export function listExportForms(db: ReadDb): ExportForm[] {
  const templates = listTemplates(db).flatMap((t) => templateForm(db, t) ?? []);
  return [...FORMS.map((f) => builtinForm(db, f)), ...templates];
}

export function exportFormById(db: ReadDb, id: string): ExportForm | undefined {
  if (id.startsWith(TEMPLATE_PREFIX)) {
    const n = Number(id.slice(TEMPLATE_PREFIX.length));
    const t = Number.isInteger(n) && n > 0 ? getTemplate(db, n) : undefined;
    return t ? (templateForm(db, t) ?? undefined) : undefined;
  }
  const def = formById(id);
  return def ? builtinForm(db, def) : undefined;
}
