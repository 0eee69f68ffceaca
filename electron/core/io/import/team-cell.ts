/**
 * 包保责任人 in one cell, as communities keep the three-person team of 2020 (grid worker, doctor, police
 * officer): 「李网格/赵医生/孙警官」, 「李四（网格员）、赵医生、孙警官」, 「网格员：李四 医生：赵五 民警：孙六」.
 *
 * Split on the usual separators, each part's role read from its own whole words (网格/网格员, 医生/村医/大夫,
 * 民警/警官/派出所; one character only as a label: 「李四（医）」, 「警：孙六」). The split is taken only when every part names exactly one role and no role twice. Anything else
 * (「张三、李四、王五」 with no role words, one name on its own, a part naming two roles) is not guessed at:
 * the cell is kept whole in 备注 and the preview says which rows (session 19's choice: a coordinator reading
 * 「网格员 张三、李四、王五」 on the roster would take a guess for a fact; 备注 keeps every name, in the case
 * drawer, until someone who knows fills in the team).
 */
import { RETURNEE_LABELS, RETURNEE_MAX, type ReturneeField } from '../../caseload/returnee.shared';

export type TeamRole = Extract<ReturneeField, 'teamGridWorker' | 'teamDoctor' | 'teamPolice'>;

export type TeamCell = { split: Partial<Record<TeamRole, string>> } | { whole: string };

/**
 * A part's role, from whole role words, never from one character: 医 and 警 are in people's names (张医明, 王警华,
 * 刘医华), so 「张医明/王警华/李网格」 is not a doctor and a police officer (session 20; before, it was split so).
 * 网格 is no name's part. 赵医生, 孙警官, 李网格 (how people are called) still say their role.
 */
const ROLE_WORDS: readonly (readonly [TeamRole, RegExp])[] = [
  ['teamGridWorker', /网格/],
  ['teamDoctor', /医生|医师|村医|校医|大夫|卫生室|卫生院|卫生服务|医务|医护|医院|诊所/],
  ['teamPolice', /民警|警官|片警|辅警|警察|警务|派出所|公安/],
];
/** In brackets or as a label with a colon a single character is a role: 「李四（医）」, 「警：孙六」. */
const ROLE_CHARACTER: Readonly<Record<string, TeamRole>> = { 网: 'teamGridWorker', 医: 'teamDoctor', 警: 'teamPolice' };

/** A role written as a label before the name: 「网格员：李四」, 「社区民警李四」. */
const LABEL_FIRST = /^(网格员|网格长|专职网格员|社区医生|家庭医生|签约医生|村医|医生|医务人员|社区民警|片区民警|片警|民警|警官)[:：]?\s*(\S.*)$/;
/** A one-character role with a colon: 「医：赵五」. */
const CHARACTER_FIRST = /^([网医警])[:：]\s*(\S.*)$/;
/** A role in brackets after the name: 「李四（网格员）」 (cells are cleaned, so the brackets are ASCII). */
const LABEL_AFTER = /^(.+?)\s*\((.+)\)$/;
const HARD_SEPARATORS = /[/／、,，;；|\n]+/;

function rolesIn(text: string): TeamRole[] {
  return ROLE_WORDS.filter(([, re]) => re.test(text)).map(([role]) => role);
}

/** A label's roles: its role words, or the label is one role character. */
const labelRoles = (label: string): TeamRole[] => (ROLE_CHARACTER[label.trim()] ? [ROLE_CHARACTER[label.trim()]!] : rolesIn(label));

/** One part as a role and the name to store: the name as written, without a label the field itself says. */
function readPart(part: string): { role: TeamRole; name: string } | null {
  const after = LABEL_AFTER.exec(part);
  if (after) {
    const roles = labelRoles(after[2]!);
    return roles.length === 1 && rolesIn(after[1]!).length === 0 ? { role: roles[0]!, name: after[1]!.trim() } : null;
  }
  const first = LABEL_FIRST.exec(part) ?? CHARACTER_FIRST.exec(part);
  if (first && first[2]!.length >= 2 && rolesIn(first[2]!).length === 0) return { role: labelRoles(first[1]!)[0]!, name: first[2]!.trim() };
  // 李网格, 赵医生, 孙警官: how people are called; kept as written (李网格 is not 李).
  const roles = rolesIn(part);
  return roles.length === 1 ? { role: roles[0]!, name: part } : null;
}

function splitParts(cell: string): string[] {
  const parts = cell
    .split(HARD_SEPARATORS)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  // 「网格员：李四 医生：赵五」: spaces separate only when nothing else does, and never a label from its name.
  if (parts.length === 1 && /\s/.test(parts[0]!)) return parts[0]!.split(/(?<![:：])\s+/).filter((p) => p !== '');
  return parts;
}

/** The cell's team, split when every part says whose it is; else the cell as written. Null for an empty cell or 无. */
export function readTeamCell(cell: string | null): TeamCell | null {
  const text = cell?.trim() ?? '';
  if (text === '' || /^(无|暂无|没有|-+|—+|\/)$/.test(text)) return null;
  const split: Partial<Record<TeamRole, string>> = {};
  for (const part of splitParts(text)) {
    const read = readPart(part);
    if (!read || split[read.role] !== undefined || read.name.length > RETURNEE_MAX[read.role]) return { whole: text };
    split[read.role] = read.name;
  }
  return { split };
}

/** What the preview says of rows whose team was kept whole. */
export const TEAM_KEPT_WHOLE = `「包保责任人」无法拆分（看不出谁是网格员、医生、民警），已按原文保存为「${RETURNEE_LABELS.teamUnsplit}」，请核对后在个案中分别填写`;
