/**
 * The Chinese names of the codes an audit payload holds (`open`, `home_observation`,
 * `clerk`…), so 操作日志's opened entries read 办理状态：待解决, not `open`. Each
 * list is the one its area defines for its own screens (imported here, never
 * copied). A field finds its list in one of two ways:
 * - a channel's input field declared as `z.enum(LIST)` reads by the list with
 *   exactly those codes (describe.ts walks the channel's input schema);
 * - a stored record's own field (a row written by the area, snake_case or
 *   camelCase alike) by RECORD_CODES[entity][field].
 * tests/unit/audit/code-labels.test.ts walks every enum of every channel and
 * opens real entries of each kind: a code shown as itself fails there.
 */
import { DUPLICATE_LABELS, ENCODING_LABELS } from '../io/import/contract';
import { TARGET_IDS, TARGETS } from '../io/import/fields.shared';
import { COLLECTION_TITLES } from '../io/collection/contract';
import { PRINTABLE_FORM_TITLES } from '../io/export/contract';
import { OVERLAP_CHOICE_LABELS } from '../io/export/district.shared';
import {
  CARE_TASK_STATUS_LABELS,
  CATEGORY_LABELS,
  ESCALATION_LABELS,
  METHOD_LABELS,
  RISK_LABELS,
  SCREENING_LABELS,
  SEX_LABELS,
  STATUS_LABELS,
  TAG_LABELS,
} from '../caseload/codes.shared';
import { VOID_KIND_LABELS } from '../caseload/case-void.shared';
import { ROLE_LABELS } from '../contract';
import { MOVEMENT_KIND_LABELS, SOURCE_KIND_LABELS } from '../supplies/contract';
import { ASSESSMENT_LABELS, POST_KIND_LABELS, STAFF_KIND_LABELS, STAFF_STATUS_LABELS } from '../rota/types.shared';
import { ATTENDANCE_LABELS, CONFIRMED_AS_LABELS, RATE_BASIS_LABELS } from '../rota/duty-types.shared';
import { COMMENDATION_STATUS_LABELS, DIFFICULTY_STATUS_LABELS, STEP_STATUS_LABELS, SUBJECT_KIND_LABELS } from '../honours/types.shared';

export type CodeNames = Readonly<Record<string, string>>;

/**
 * Where a key rotation stood (keys/rotation.ts, auth/keys.ts): these words exist only in the log,
 * so they are defined here.
 */
export const KEY_ROTATION_LABELS: CodeNames = {
  due: '待更换（等其他用户解锁）',
  started: '已重新加密，正在更换',
  done: '已完成',
  undone: '未完成，已退回原密钥',
  settled: '上次在换用新密钥后中断，解锁时已补完',
};

const IMPORT_TARGET_LABELS: CodeNames = Object.fromEntries(TARGET_IDS.map((t) => [t, TARGETS[t].label]));

/** Every list of codes with its names. A channel's enum reads by the one whose codes are exactly its own. */
export const CODE_LISTS: readonly CodeNames[] = [
  ROLE_LABELS,
  OVERLAP_CHOICE_LABELS,
  CATEGORY_LABELS,
  STATUS_LABELS,
  RISK_LABELS,
  SCREENING_LABELS,
  METHOD_LABELS,
  ESCALATION_LABELS,
  CARE_TASK_STATUS_LABELS,
  TAG_LABELS,
  SEX_LABELS,
  SOURCE_KIND_LABELS,
  MOVEMENT_KIND_LABELS,
  STAFF_KIND_LABELS,
  STAFF_STATUS_LABELS,
  POST_KIND_LABELS,
  ASSESSMENT_LABELS,
  ATTENDANCE_LABELS,
  CONFIRMED_AS_LABELS,
  RATE_BASIS_LABELS,
  DIFFICULTY_STATUS_LABELS,
  STEP_STATUS_LABELS,
  SUBJECT_KIND_LABELS,
  COMMENDATION_STATUS_LABELS,
  IMPORT_TARGET_LABELS,
  DUPLICATE_LABELS,
  ENCODING_LABELS,
  COLLECTION_TITLES,
  PRINTABLE_FORM_TITLES,
  KEY_ROTATION_LABELS,
  VOID_KIND_LABELS,
];

/**
 * A stored record's fields that hold codes, by the record's kind (the audit row's entity) and the
 * field's name in camelCase (a snake_case key reads the same). Where the same name means different
 * lists (`status` of a case, a difficulty, a member of staff), the kind tells which.
 */
export const RECORD_CODES: Readonly<Record<string, Readonly<Record<string, CodeNames>>>> = {
  ledger: { keysRotated: KEY_ROTATION_LABELS },
  user: { role: ROLE_LABELS },
  household: { screeningStatus: SCREENING_LABELS },
  screening_visit: { status: SCREENING_LABELS },
  resident: { tags: TAG_LABELS, sex: SEX_LABELS },
  case: { category: CATEGORY_LABELS, status: STATUS_LABELS, riskLevel: RISK_LABELS },
  health_check: { method: METHOD_LABELS, escalation: ESCALATION_LABELS },
  care_task: { status: CARE_TASK_STATUS_LABELS },
  supply_movement: { kind: MOVEMENT_KIND_LABELS, sourceKind: SOURCE_KIND_LABELS },
  staff: { kind: STAFF_KIND_LABELS, status: STAFF_STATUS_LABELS },
  staff_assessment: { outcome: ASSESSMENT_LABELS },
  rota_post: { kind: POST_KIND_LABELS },
  rota_rate: { staffKind: STAFF_KIND_LABELS, basis: RATE_BASIS_LABELS },
  rota_attendance: { status: ATTENDANCE_LABELS, confirmedAs: CONFIRMED_AS_LABELS },
  memorial_difficulty: { status: DIFFICULTY_STATUS_LABELS },
  memorial_step: { status: STEP_STATUS_LABELS },
  commendation: { subjectKind: SUBJECT_KIND_LABELS, status: COMMENDATION_STATUS_LABELS },
  import: { target: IMPORT_TARGET_LABELS, onDuplicate: DUPLICATE_LABELS },
  collection_sheet: { kind: COLLECTION_TITLES },
};

/** A snake_case column's name as its camelCase field's. */
export const camel = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The list a stored record's field reads by, if it holds codes. */
export function recordCodes(entity: string, key: string): CodeNames | undefined {
  return RECORD_CODES[entity]?.[camel(key)];
}

/** The smallest list that names every one of `options` (a channel's enum: all of a list's codes, or some of them), if there is one. */
export function listOf(options: readonly string[]): CodeNames | undefined {
  const holding = CODE_LISTS.filter((names) => options.every((o) => Object.hasOwn(names, o)));
  return holding.sort((a, b) => Object.keys(a).length - Object.keys(b).length)[0];
}
