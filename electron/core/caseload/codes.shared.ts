/**
 * Caseload codes and their Chinese names, and each category's status
 * workflow. Imports nothing, so the contract and the renderer share it.
 * The codes are stored in the database (see db/migrations/002_caseload.sql).
 */
export const CASE_CATEGORIES = [
  'returnee',
  'home_observation',
  'medical_observation',
  'fever_referral',
  'extreme_poverty',
  'solitary_elderly',
  'child_without_guardian',
  'homeless',
  'closed_compound_support',
  'psychological_support',
  'dispute_mediation',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<CaseCategory, string> = {
  returnee: '返程人员',
  home_observation: '居家观察',
  medical_observation: '医学观察',
  fever_referral: '发热筛查分诊',
  extreme_poverty: '分散供养特困人员',
  solitary_elderly: '空巢（独居）老年人',
  child_without_guardian: '监护缺失儿童',
  homeless: '生活无着流浪人员',
  closed_compound_support: '封闭管理生活保障',
  psychological_support: '心理疏导',
  dispute_mediation: '矛盾纠纷调解',
};
/**
 * The same categories in at most four characters, for a narrow grid column (人员台账 › 个案台账 at 1366 wide cut 7 of the
 * 11 long names). Only in that column, whose tooltip says the long name; the filter, the drawer, forms and exports
 * say the long one. Each is the notice's own word for the group or its characters in order, read without thinking
 * (codes-short.test): 「分散特困」 keeps 分散供养 (「特困人员」 read as 集中供养 too, a different group), the notice's
 * 「生活保障」 for what a closed compound needs (「封闭保障」 said neither), its 「矛盾纠纷」, 「监护缺失」 (的儿童).
 */
export const CATEGORY_SHORT_LABELS: Record<CaseCategory, string> = {
  returnee: '返程人员',
  home_observation: '居家观察',
  medical_observation: '医学观察',
  fever_referral: '发热分诊',
  extreme_poverty: '分散特困',
  solitary_elderly: '空巢老人',
  child_without_guardian: '监护缺失',
  homeless: '流浪人员',
  closed_compound_support: '生活保障',
  psychological_support: '心理疏导',
  dispute_mediation: '矛盾纠纷',
};

export const CASE_STATUSES = [
  'registered',
  'monitoring',
  'observing',
  'released',
  'referred',
  'referral_made',
  'arrived',
  'open',
  'in_progress',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const STATUS_LABELS: Record<CaseStatus, string> = {
  registered: '已登记',
  monitoring: '健康监测中',
  observing: '观察中',
  released: '已解除观察',
  referred: '已转诊',
  referral_made: '已转诊待到达',
  arrived: '已到达医疗机构',
  open: '待处理',
  in_progress: '处理中',
  closed: '已办结',
};

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_LABELS: Record<RiskLevel, string> = { low: '低', medium: '中', high: '高' };

export const OBSERVATION_CATEGORIES: readonly CaseCategory[] = ['home_observation', 'medical_observation'];
export const isObservation = (c: CaseCategory): boolean => OBSERVATION_CATEGORIES.includes(c);

/** Categories whose people need 生活照料 (care visits). */
export const CARE_CATEGORIES: readonly CaseCategory[] = ['extreme_poverty', 'solitary_elderly', 'child_without_guardian', 'homeless'];
export const isCare = (c: CaseCategory): boolean => CARE_CATEGORIES.includes(c);

interface Workflow {
  initial: CaseStatus;
  /** status -> the statuses it may move to */
  next: Partial<Record<CaseStatus, readonly CaseStatus[]>>;
}

const GENERIC: Workflow = { initial: 'open', next: { open: ['in_progress', 'closed'], in_progress: ['closed'] } };

export const WORKFLOWS: Record<CaseCategory, Workflow> = {
  returnee: { initial: 'registered', next: { registered: ['monitoring', 'closed'], monitoring: ['closed'] } },
  home_observation: { initial: 'observing', next: { observing: ['released', 'referred'] } },
  medical_observation: { initial: 'observing', next: { observing: ['released', 'referred'] } },
  fever_referral: { initial: 'referral_made', next: { referral_made: ['arrived', 'closed'], arrived: ['closed'] } },
  extreme_poverty: GENERIC,
  solitary_elderly: GENERIC,
  child_without_guardian: GENERIC,
  homeless: GENERIC,
  closed_compound_support: GENERIC,
  psychological_support: GENERIC,
  dispute_mediation: GENERIC,
};

export function statusesOf(category: CaseCategory): CaseStatus[] {
  const wf = WORKFLOWS[category];
  const all = new Set<CaseStatus>([wf.initial]);
  for (const [from, tos] of Object.entries(wf.next)) {
    all.add(from as CaseStatus);
    for (const t of tos ?? []) all.add(t);
  }
  return [...all];
}

export function canMove(category: CaseCategory, from: CaseStatus, to: CaseStatus): boolean {
  return (WORKFLOWS[category].next[from] ?? []).includes(to);
}

/** A status with no way out closes the case. */
export function isTerminal(category: CaseCategory, status: CaseStatus): boolean {
  return (WORKFLOWS[category].next[status] ?? []).length === 0;
}

/** 性别 as stored on a resident (read from the ID number or entered). */
export const SEX_LABELS: Record<'M' | 'F', string> = { M: '男', F: '女' };

export const SCREENING_STATUSES = ['unscreened', 'screened', 'not_home', 'refused'] as const;
export type ScreeningStatus = (typeof SCREENING_STATUSES)[number];
export const SCREENING_LABELS: Record<ScreeningStatus, string> = { unscreened: '未排查', screened: '已排查', not_home: '不在家', refused: '拒绝' };

export const CHECK_METHODS = ['visit', 'phone', 'wechat'] as const;
export type CheckMethod = (typeof CHECK_METHODS)[number];
export const METHOD_LABELS: Record<CheckMethod, string> = { visit: '入户', phone: '电话', wechat: '微信' };

/** A check with a fever or symptoms: waiting for a decision, sent to 发热分诊, or ruled out. */
export type Escalation = 'open' | 'referred' | 'dismissed';
export const ESCALATION_LABELS: Record<Escalation, string> = { open: '待处置', referred: '已转分诊', dismissed: '已排除' };

/** A care task (生活照料): still visited, or ended. */
export type CareTaskStatus = 'open' | 'done';
export const CARE_TASK_STATUS_LABELS: Record<CareTaskStatus, string> = { open: '进行中', done: '已完成' };

/**
 * 留守儿童 (children of migrant parents) are not 监护缺失儿童 (left without a guardian by the
 * epidemic, the notice's group): their own tag, with no care tasks of its own.
 */
export const RESIDENT_TAGS = [
  'solitary_elderly',
  'extreme_poverty',
  'child_without_guardian',
  'left_behind_child',
  'cannot_self_care',
  'disabled',
  'pregnant',
  'chronic',
] as const;
export type ResidentTag = (typeof RESIDENT_TAGS)[number];
export const TAG_LABELS: Record<ResidentTag, string> = {
  solitary_elderly: '独居老人',
  extreme_poverty: '分散供养特困人员',
  child_without_guardian: '监护缺失儿童',
  left_behind_child: '留守儿童',
  // The notice's words for the elders who most need 生活照料; it makes their visits daily (care-writes.ts).
  cannot_self_care: '生活不能自理',
  disabled: '残疾人',
  pregnant: '孕产妇',
  chronic: '慢性病',
};
/** The same tags in at most four characters, as chips in 居民查询's 标签 column; the long names are its tooltip. As the categories' short names. */
export const TAG_SHORT_LABELS: Record<ResidentTag, string> = {
  solitary_elderly: '独居老人',
  extreme_poverty: '分散特困',
  child_without_guardian: '监护缺失',
  left_behind_child: '留守儿童',
  cannot_self_care: '不能自理',
  disabled: '残疾人',
  pregnant: '孕产妇',
  chronic: '慢性病',
};
/** Tags that make a person need care when their household is under observation. */
export const VULNERABLE_TAGS: readonly ResidentTag[] = ['solitary_elderly', 'extreme_poverty', 'child_without_guardian'];
