/**
 * What each import target expects: its fields, their Chinese labels and the
 * header words communities use for them. Pure data (no Node, no zod), so the
 * mapping step of the wizard shows exactly what the core matches against.
 */
import { CATEGORY_LABELS, CASE_CATEGORIES } from '../../caseload/codes.shared';

export const TARGET_IDS = ['residents', 'staff', 'cases', 'health_checks', 'stock_counts'] as const;
export type TargetId = (typeof TARGET_IDS)[number];

/** How a cell is normalised and checked before the target sees it. */
export type FieldKind = 'text' | 'id_number' | 'phone' | 'day' | 'choice' | 'tags' | 'community' | 'grid' | 'yes_no';

export interface FieldDef {
  key: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  /** Header words that mean this field (the label itself always counts). */
  synonyms: readonly string[];
  /** For choice/tags: the words a community may write → the stored code. */
  choices?: Readonly<Record<string, string>>;
  /** Longest text accepted (characters). */
  max?: number;
}

export interface TargetDef {
  id: TargetId;
  label: string;
  /** One line for the wizard: what a row of the file becomes. */
  description: string;
  fields: readonly FieldDef[];
}

const NAME: FieldDef = { key: 'name', label: '姓名', kind: 'text', required: true, max: 40, synonyms: ['名字', '人员姓名', '居民姓名', '姓 名'] };
const ID_NUMBER: FieldDef = {
  key: 'idNumber',
  label: '身份证号',
  kind: 'id_number',
  synonyms: ['身份证号码', '证件号码', '公民身份号码', '身份证', '证件号', '身份号码'],
};
const PHONE: FieldDef = { key: 'phone', label: '联系电话', kind: 'phone', synonyms: ['手机', '手机号码', '手机号', '电话', '联系方式', '电话号码'] };
const COMMUNITY: FieldDef = { key: 'community', label: '社区', kind: 'community', synonyms: ['所属社区', '社区名称', '社区（村）', '村（社区）', '所在社区'] };
const GRID: FieldDef = { key: 'grid', label: '网格', kind: 'grid', synonyms: ['所属网格', '网格名称', '网格号', '所在网格'] };

export const STAFF_KIND_CHOICES: Readonly<Record<string, string>> = {
  社区工作者: 'community_worker',
  社区干部: 'community_worker',
  下沉干部: 'agency_cadre',
  机关下沉干部: 'agency_cadre',
  机关干部: 'agency_cadre',
  医务人员: 'medical',
  医生: 'medical',
  护士: 'medical',
  民警: 'police',
  警察: 'police',
  物业人员: 'property',
  物业: 'property',
  社工: 'social_worker',
  社会工作者: 'social_worker',
  志愿者: 'volunteer',
};

export const RESIDENT_TAG_CHOICES: Readonly<Record<string, string>> = {
  独居老人: 'solitary_elderly',
  空巢老人: 'solitary_elderly',
  特困: 'extreme_poverty',
  特困人员: 'extreme_poverty',
  监护缺失儿童: 'child_without_guardian',
  留守儿童: 'child_without_guardian',
  残疾: 'disabled',
  残疾人: 'disabled',
  孕产妇: 'pregnant',
  孕妇: 'pregnant',
  慢性病: 'chronic',
  慢病: 'chronic',
};

/** Each category by its own name (brackets as the cleaned cell has them) and the words communities use. */
export const CASE_CATEGORY_CHOICES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(CASE_CATEGORIES.map((c) => [CATEGORY_LABELS[c].replace(/（/g, '(').replace(/）/g, ')'), c])),
  返程: 'returnee',
  返乡人员: 'returnee',
  返岗人员: 'returnee',
  外地返回人员: 'returnee',
  居家隔离: 'home_observation',
  居家医学观察: 'home_observation',
  居家观察人员: 'home_observation',
  集中隔离: 'medical_observation',
  集中医学观察: 'medical_observation',
  医学观察人员: 'medical_observation',
  发热患者: 'fever_referral',
  发热人员: 'fever_referral',
  发热筛查: 'fever_referral',
  特困人员: 'extreme_poverty',
  特困: 'extreme_poverty',
  空巢老人: 'solitary_elderly',
  独居老人: 'solitary_elderly',
  空巢老年人: 'solitary_elderly',
  独居老年人: 'solitary_elderly',
  流浪人员: 'homeless',
  流浪乞讨人员: 'homeless',
  封闭管理: 'closed_compound_support',
  生活保障: 'closed_compound_support',
  心理援助: 'psychological_support',
  矛盾纠纷: 'dispute_mediation',
  纠纷调解: 'dispute_mediation',
};

export const RISK_CHOICES: Readonly<Record<string, string>> = { 低: 'low', 低风险: 'low', 一般: 'low', 中: 'medium', 中风险: 'medium', 较高: 'medium', 高: 'high', 高风险: 'high' };

export const CHECK_METHOD_CHOICES: Readonly<Record<string, string>> = {
  入户: 'visit',
  上门: 'visit',
  入户走访: 'visit',
  走访: 'visit',
  电话: 'phone',
  电话随访: 'phone',
  电话询问: 'phone',
  微信: 'wechat',
  微信视频: 'wechat',
  视频: 'wechat',
};

export const TARGETS: Readonly<Record<TargetId, TargetDef>> = {
  residents: {
    id: 'residents',
    label: '居民（按户）',
    description: '每行一位居民；同一社区、同一住址的居民归为一户。',
    fields: [
      { ...COMMUNITY, required: true },
      GRID,
      NAME,
      ID_NUMBER,
      PHONE,
      { key: 'address', label: '住址', kind: 'text', max: 200, synonyms: ['地址', '家庭住址', '现住址', '居住地址', '详细地址', '现居住地址', '住址（门牌号）'] },
      { key: 'estate', label: '小区', kind: 'text', max: 60, synonyms: ['小区名称', '所在小区'] },
      { key: 'building', label: '楼栋', kind: 'text', max: 20, synonyms: ['楼号', '栋', '幢'] },
      { key: 'unit', label: '单元', kind: 'text', max: 20, synonyms: ['单元号'] },
      { key: 'room', label: '室', kind: 'text', max: 20, synonyms: ['门牌号', '房号', '室号', '房间号'] },
      { key: 'headName', label: '户主', kind: 'text', max: 40, synonyms: ['户主姓名'] },
      { key: 'tags', label: '特殊人群', kind: 'tags', choices: RESIDENT_TAG_CHOICES, synonyms: ['人员类别', '重点人群', '标签', '人群类别'] },
    ],
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
    description: '每行一人的一个个案（返程人员、居家观察、特困人员等）。按身份证号找台账中的居民；台账中没有时，填了「社区」的行同时登记居民。同一人、同一类别、同一开始日期为同一个案。',
    fields: [
      NAME,
      ID_NUMBER,
      PHONE,
      { key: 'category', label: '人员类别', kind: 'choice', required: true, choices: CASE_CATEGORY_CHOICES, synonyms: ['类别', '人员类型', '管理类别', '对象类别', '个案类别'] },
      { key: 'startOn', label: '开始日期', kind: 'day', synonyms: ['登记日期', '观察开始日期', '隔离开始日期', '开始观察日期', '起始日期', '开始时间', '登记时间'] },
      { key: 'obsDays', label: '观察天数', kind: 'text', max: 10, synonyms: ['隔离天数', '观察期', '观察期(天)', '观察时长'] },
      { key: 'riskLevel', label: '风险等级', kind: 'choice', choices: RISK_CHOICES, synonyms: ['风险', '风险级别', '等级'] },
      { key: 'source', label: '来源', kind: 'text', max: 40, synonyms: ['来源地', '从何地返回', '信息来源', '发现渠道'] },
      { key: 'notes', label: '备注', kind: 'text', max: 1000, synonyms: ['说明', '情况说明', '备注说明'] },
      COMMUNITY,
      GRID,
      { key: 'address', label: '住址', kind: 'text', max: 200, synonyms: ['地址', '家庭住址', '现住址', '居住地址', '详细地址', '现居住地址'] },
    ],
  },
  health_checks: {
    id: 'health_checks',
    label: '健康监测记录',
    description: '每行一人一天的健康监测（体温、症状、方式、监测人），记入此人进行中的居家观察或医学观察个案；体温达到发热标准（默认 37.3 °C，可在设置中修改）或有症状的自动转为待处置异常；「症状」写「无」「正常」等视为无症状，没测体温的请在体温栏写「未测」。',
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
      { key: 'store', label: '社区', kind: 'text', required: true, max: 60, synonyms: ['仓库', '所属社区', '社区名称', '盘点单位', '库点', '社区（村）', '村（社区）'] },
      { key: 'item', label: '物资名称', kind: 'text', required: true, max: 60, synonyms: ['物资', '品名', '物资品种', '名称'] },
      { key: 'counted', label: '盘点数量', kind: 'text', required: true, max: 20, synonyms: ['实盘数量', '实有数量', '库存数量', '数量', '结存数量'] },
      { key: 'day', label: '盘点日期', kind: 'day', required: true, synonyms: ['日期', '盘点时间'] },
      { key: 'note', label: '备注', kind: 'text', max: 200, synonyms: ['说明'] },
    ],
  },
};
