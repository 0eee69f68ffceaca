/**
 * What each import target expects: its fields, their Chinese labels and the
 * header words communities use for them. Pure data (no Node, no zod), so the
 * mapping step of the wizard shows exactly what the core matches against.
 */
import {
  CASE_CATEGORY_CHOICES,
  CASE_CATEGORY_QUESTIONS,
  CHECK_METHOD_CHOICES,
  RISK_CHOICES,
  SCREENING_RESULT_CHOICES,
  STAFF_KIND_CHOICES,
} from './choices.shared';
import {
  ADDRESS,
  BUILDING,
  COMMUNITY,
  ESTATE,
  GRID,
  HEAD_NAME,
  ID_NUMBER,
  NAME,
  PHONE,
  RELATION,
  RETURNEE,
  ROOM,
  TAGS,
  UNIT,
  type FieldDef,
} from './common-fields.shared';

export type { FieldDef, FieldKind } from './common-fields.shared';
export { CASE_CATEGORY_CHOICES, CHECK_METHOD_CHOICES, RESIDENT_TAG_CHOICES, RISK_CHOICES, STAFF_KIND_CHOICES } from './choices.shared';

export const TARGET_IDS = ['residents', 'staff', 'cases', 'health_checks', 'stock_counts', 'screenings'] as const;
export type TargetId = (typeof TARGET_IDS)[number];

export interface TargetDef {
  id: TargetId;
  label: string;
  /** One line for the wizard: what a row of the file becomes. */
  description: string;
  fields: readonly FieldDef[];
}
export const TARGETS: Readonly<Record<TargetId, TargetDef>> = {
  residents: {
    id: 'residents',
    label: '居民（按户）',
    description: '每行一位居民；同一社区、同一住址的居民归为一户。',
    fields: [{ ...COMMUNITY, required: true }, GRID, NAME, ID_NUMBER, PHONE, ADDRESS, ESTATE, BUILDING, UNIT, ROOM, HEAD_NAME, RELATION, TAGS],
  },
  staff: {
    id: 'staff',
    label: '工作人员',
    description: '每行一位一线工作人员（社区工作者、下沉干部、医务人员、志愿者等）。',
    fields: [
      NAME,
      { key: 'kind', label: '人员类别', kind: 'choice', required: true, choices: STAFF_KIND_CHOICES, synonyms: ['类别', '人员类型', '身份', '类型'] },
      COMMUNITY,
      PHONE,
      ID_NUMBER,
      { key: 'agency', label: '派出单位', kind: 'text', max: 60, synonyms: ['单位', '工作单位', '所在单位', '原单位'] },
      { key: 'isMedical', label: '是否医务人员', kind: 'yes_no', synonyms: ['医务人员', '有无医学背景'] },
    ],
  },
  cases: {
    id: 'cases',
    label: '个案（各类人员）',
    description:
      '每行一人的一个个案（返程人员、居家观察、分散供养特困人员等）。按身份证号找台账中的居民；台账中没有时，填了「社区」的行同时登记居民（连同住址和特殊人群）。同一人、同一类别、同一开始日期为同一个案。',
    fields: [
      NAME,
      ID_NUMBER,
      PHONE,
      {
        key: 'category',
        label: '人员类别',
        kind: 'choice',
        required: true,
        choices: CASE_CATEGORY_CHOICES,
        questions: CASE_CATEGORY_QUESTIONS,
        synonyms: ['类别', '人员类型', '管理类别', '对象类别', '个案类别'],
      },
      {
        key: 'startOn',
        label: '开始日期',
        kind: 'day',
        synonyms: ['登记日期', '观察开始日期', '隔离开始日期', '开始观察日期', '起始日期', '开始时间', '登记时间'],
      },
      { key: 'obsDays', label: '观察天数', kind: 'text', max: 10, synonyms: ['隔离天数', '观察期', '观察期(天)', '观察时长'] },
      { key: 'riskLevel', label: '风险等级', kind: 'choice', choices: RISK_CHOICES, synonyms: ['风险', '风险级别', '等级'] },
      ...RETURNEE,
      // 来源 is how the case was found, never where the person came from (that is 来源地).
      {
        key: 'source',
        label: '来源',
        kind: 'text',
        max: 40,
        synonyms: ['信息来源', '发现渠道', '发现方式', '来源渠道', '线索来源'],
        titleWords: ['入户排查', '卡口登记', '上级推送', '群众反映'],
      },
      { key: 'notes', label: '备注', kind: 'text', max: 1000, synonyms: ['说明', '情况说明', '备注说明'] },
      COMMUNITY,
      GRID,
      ADDRESS,
      ESTATE,
      BUILDING,
      UNIT,
      ROOM,
      TAGS,
    ],
  },
  health_checks: {
    id: 'health_checks',
    label: '健康监测记录',
    description:
      '每行一人一天的健康监测（体温、症状、方式、监测人），记入此人进行中的居家观察或医学观察个案；体温达到发热标准（默认 37.3 °C，可在设置中修改）或有症状的自动转为待处置异常；「症状」写「无」「正常」等视为无症状，没测体温的请在体温栏写「未测」。',
    fields: [
      { ...NAME, required: false },
      ID_NUMBER,
      PHONE,
      { key: 'checkDate', label: '日期', kind: 'day', required: true, synonyms: ['监测日期', '测温日期', '随访日期', '检测日期'] },
      { key: 'temperature', label: '体温', kind: 'text', max: 20, synonyms: ['体温(℃)', '体温(°C)', '测量体温', '温度'] },
      { key: 'symptoms', label: '症状', kind: 'text', max: 200, synonyms: ['有无症状', '身体状况', '健康状况', '异常症状'] },
      { key: 'method', label: '方式', kind: 'choice', required: true, choices: CHECK_METHOD_CHOICES, synonyms: ['监测方式', '随访方式', '测温方式'] },
      { key: 'checkedBy', label: '监测人', kind: 'text', required: true, max: 40, synonyms: ['测温人', '随访人', '监测人员', '填报人', '责任人'] },
    ],
  },
  stock_counts: {
    id: 'stock_counts',
    label: '物资盘点',
    description: '每行一个仓库（社区或街道仓库）一种物资的实盘数量；与账面数量的差额记为一笔盘点流水。',
    fields: [
      {
        key: 'store',
        label: '社区',
        kind: 'text',
        required: true,
        max: 60,
        synonyms: ['仓库', '所属社区', '社区名称', '盘点单位', '库点', '社区（村）', '村（社区）'],
      },
      { key: 'item', label: '物资名称', kind: 'text', required: true, max: 60, synonyms: ['物资', '品名', '物资品种', '名称'] },
      { key: 'counted', label: '盘点数量', kind: 'text', required: true, max: 20, synonyms: ['实盘数量', '实有数量', '库存数量', '数量', '结存数量'] },
      { key: 'day', label: '盘点日期', kind: 'day', required: true, synonyms: ['日期', '盘点时间'] },
      { key: 'note', label: '备注', kind: 'text', max: 200, synonyms: ['说明'] },
    ],
  },
  screenings: {
    id: 'screenings',
    label: '入户排查结果',
    description:
      '每行一户的一次入户排查（日期、排查人、结果：已排查无异常 / 有返程人员 / 有发热 / 无人在家 / 拒绝配合），按社区和住址找到台账中的户，记为这户的排查结果，排查覆盖率随之更新。台账中已有更晚的排查结果时，这一行不改变台账。',
    fields: [
      { ...COMMUNITY, required: true },
      GRID,
      ADDRESS,
      ESTATE,
      BUILDING,
      UNIT,
      ROOM,
      HEAD_NAME,
      { key: 'screenedOn', label: '排查日期', kind: 'day', required: true, synonyms: ['日期', '入户日期', '排查时间', '走访日期', '入户时间'] },
      { key: 'screenedBy', label: '排查人', kind: 'text', required: true, max: 40, synonyms: ['排查人员', '入户人员', '走访人', '登记人', '排查责任人'] },
      {
        key: 'result',
        label: '排查结果',
        kind: 'choice',
        required: true,
        choices: SCREENING_RESULT_CHOICES,
        synonyms: ['结果', '排查情况', '入户情况', '排查状态'],
      },
      { key: 'notes', label: '备注', kind: 'text', max: 150, synonyms: ['说明', '情况说明'] },
    ],
  },
};

/** For a choice or tags field: one word per stored code (the first the table gives it), as the wizard offers them. */
export function choiceOptions(field: FieldDef): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const [word, code] of Object.entries(field.choices ?? {})) {
    if (seen.has(code)) continue;
    seen.add(code);
    out.push(word);
  }
  return out;
}
