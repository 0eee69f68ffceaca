/**
 * What each collection sheet holds: the import target its rows become, the
 * fields the community fills (in column order; a field the target does not
 * have is left out), and the whole-file values the sheet itself stands for.
 */
import { CATEGORY_LABELS } from '../../caseload/codes.shared';
import { TARGETS, type FieldDef, type TargetId } from '../import/fields.shared';
import type { CollectionKind } from './contract';

export interface KindDef {
  target: TargetId;
  fieldKeys: readonly string[];
  /** Field key → value as a user would type it, given the community's name. */
  constants(community: string): Record<string, string>;
}

export const KINDS: Record<CollectionKind, KindDef> = {
  residents: {
    target: 'residents',
    fieldKeys: ['grid', 'name', 'idNumber', 'phone', 'estate', 'building', 'unit', 'room', 'address', 'headName', 'tags'],
    constants: (community) => ({ community }),
  },
  returnees: {
    target: 'cases',
    fieldKeys: [
      'grid',
      'name',
      'idNumber',
      'phone',
      'address',
      'origin',
      'arrivedOn',
      'transport',
      'transportNo',
      'startOn',
      'teamGridWorker',
      'teamDoctor',
      'teamPolice',
      'notes',
    ],
    constants: (community) => ({ community, category: CATEGORY_LABELS.returnee }),
  },
  observation: {
    target: 'cases',
    fieldKeys: ['grid', 'name', 'idNumber', 'phone', 'address', 'startOn', 'obsDays', 'riskLevel', 'teamDoctor', 'notes'],
    constants: (community) => ({ community, category: CATEGORY_LABELS.home_observation }),
  },
  checks: {
    target: 'health_checks',
    fieldKeys: ['name', 'idNumber', 'checkDate', 'temperature', 'symptoms', 'method', 'checkedBy'],
    constants: () => ({}),
  },
  stock: {
    target: 'stock_counts',
    fieldKeys: ['item', 'counted', 'day', 'note'],
    constants: (community) => ({ store: community }),
  },
};

/** The sheet's columns: the kind's fields the import target knows today, in the kind's order. */
export function fieldsOf(kind: CollectionKind): FieldDef[] {
  const def = KINDS[kind];
  const fields = TARGETS[def.target].fields;
  return def.fieldKeys.flatMap((k) => fields.filter((f) => f.key === k));
}

/** One word per stored code, the first the choices list for it: the drop-down's entries. */
export function choiceWords(field: FieldDef): string[] {
  if (field.kind === 'yes_no') return ['是', '否'];
  const seen = new Set<string>();
  const words: string[] = [];
  for (const [word, code] of Object.entries(field.choices ?? {})) {
    if (seen.has(code)) continue;
    seen.add(code);
    words.push(word);
  }
  return words;
}
