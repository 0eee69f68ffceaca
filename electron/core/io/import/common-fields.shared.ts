/**
 * An import field's definition, and the fields several targets share (fields.shared.ts): the person, their place and
 * household, their tags, and the returnee details. Pure data (no Node, no zod): the renderer loads it too.
 */
import { RELATION_MAX } from '../../caseload/relation.shared';
import { RETURNEE_LABELS, RETURNEE_MAX } from '../../caseload/returnee.shared';
import { RESIDENT_TAG_CHOICES, RESIDENT_TAG_QUESTIONS } from './choices.shared';

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
  /** For choice/tags: words that are ambiguous → the question sent back instead of a guess. */
  questions?: Readonly<Record<string, string>>;
  /** For text fields: words that, found in a title, suggest a whole-file value (e.g. 入户排查 as 来源). */
  titleWords?: readonly string[];
  /** Longest text accepted (characters). */
  max?: number;
}

export const NAME: FieldDef = { key: 'name', label: '姓名', kind: 'text', required: true, max: 40, synonyms: ['名字', '人员姓名', '居民姓名', '姓 名'] };
export const ID_NUMBER: FieldDef = {
  key: 'idNumber',
  label: '身份证号',
  kind: 'id_number',
  synonyms: ['身份证号码', '证件号码', '公民身份号码', '身份证', '证件号', '身份号码'],
};
export const PHONE: FieldDef = { key: 'phone', label: '联系电话', kind: 'phone', synonyms: ['手机', '手机号码', '手机号', '电话', '联系方式', '电话号码'] };
export const COMMUNITY: FieldDef = {
  key: 'community',
  label: '社区',
  kind: 'community',
  synonyms: ['所属社区', '社区名称', '社区（村）', '村（社区）', '所在社区'],
};
export const GRID: FieldDef = { key: 'grid', label: '网格', kind: 'grid', synonyms: ['所属网格', '网格名称', '网格号', '所在网格'] };
export const ADDRESS: FieldDef = {
  key: 'address',
  label: '住址',
  kind: 'text',
  max: 200,
  synonyms: ['地址', '家庭住址', '现住址', '居住地址', '详细地址', '现居住地址', '住址（门牌号）'],
};
export const ESTATE: FieldDef = { key: 'estate', label: '小区', kind: 'text', max: 60, synonyms: ['小区名称', '所在小区'] };
export const BUILDING: FieldDef = { key: 'building', label: '楼栋', kind: 'text', max: 20, synonyms: ['楼号', '栋', '幢'] };
export const UNIT: FieldDef = { key: 'unit', label: '单元', kind: 'text', max: 20, synonyms: ['单元号'] };
export const ROOM: FieldDef = { key: 'room', label: '室', kind: 'text', max: 20, synonyms: ['门牌号', '房号', '室号', '房间号'] };
export const HEAD_NAME: FieldDef = { key: 'headName', label: '户主', kind: 'text', max: 40, synonyms: ['户主姓名'] };
/**
 * 本人/户主 makes the row's person the household's 户主 (targets/household-heads.ts); other words (配偶, 之妻, 长子…) are
 * members. Stored on the resident as caseload/relation.shared.ts normalises it.
 */
export const RELATION: FieldDef = {
  key: 'relation',
  label: '与户主关系',
  kind: 'text',
  max: RELATION_MAX,
  synonyms: ['与户主的关系', '与户主关系（称谓）', '家庭关系', '户内关系', '关系'],
};
export const TAGS: FieldDef = {
  key: 'tags',
  label: '特殊人群',
  kind: 'tags',
  choices: RESIDENT_TAG_CHOICES,
  questions: RESIDENT_TAG_QUESTIONS,
  synonyms: ['重点人群', '标签', '人群类别', '特殊群体', '困难群体'],
};

/** 来源地 / 返程日期 / 交通方式 / 车次 / the three-person team, as 2020 returnee and observation sheets head them. */
export const RETURNEE: readonly FieldDef[] = [
  {
    key: 'origin',
    label: RETURNEE_LABELS.origin,
    kind: 'text',
    max: RETURNEE_MAX.origin,
    synonyms: [
      '从何地返回',
      '从何地来',
      '从何地返回(省市)',
      '来自何地',
      '何地返回',
      '从哪里返回',
      '返回地',
      '出发地',
      '始发地',
      '来源地区',
      '来源省市',
      '从何处返回',
      '来自地区',
    ],
  },
  {
    key: 'arrivedOn',
    label: RETURNEE_LABELS.arrivedOn,
    kind: 'day',
    synonyms: [
      '返回日期',
      '返程时间',
      '返回时间',
      '到达日期',
      '抵达日期',
      '到达时间',
      '抵达时间',
      '返乡日期',
      '返乡时间',
      '返岗日期',
      '何时返回',
      '返回本地时间',
      '来(返)时间',
      '返回本地日期',
    ],
  },
  {
    key: 'transport',
    label: RETURNEE_LABELS.transport,
    kind: 'text',
    max: RETURNEE_MAX.transport,
    synonyms: ['返程方式', '出行方式', '交通工具', '乘坐交通工具', '返回方式'],
  },
  {
    key: 'transportNo',
    label: RETURNEE_LABELS.transportNo,
    kind: 'text',
    max: RETURNEE_MAX.transportNo,
    synonyms: ['车次', '航班号', '车次航班号', '航班/车次', '车次或航班号', '车次(航班号)', '车牌号', '班次', '车次/航班'],
  },
  {
    key: 'teamGridWorker',
    label: RETURNEE_LABELS.teamGridWorker,
    kind: 'text',
    max: RETURNEE_MAX.teamGridWorker,
    synonyms: ['网格员', '包保网格员', '网格长', '网格责任人'],
  },
  {
    key: 'teamDoctor',
    label: RETURNEE_LABELS.teamDoctor,
    kind: 'text',
    max: RETURNEE_MAX.teamDoctor,
    synonyms: ['医生', '社区医生', '包保医生', '签约医生', '家庭医生', '医务人员'],
  },
  {
    key: 'teamPolice',
    label: RETURNEE_LABELS.teamPolice,
    kind: 'text',
    max: RETURNEE_MAX.teamPolice,
    synonyms: ['民警', '社区民警', '包保民警', '片警', '片区民警'],
  },
  // The team in one cell (「李网格/赵医生/孙警官」): split by role words into the three fields above, or kept as
  // written in 包保责任人（未注明分工） (teamUnsplit) when it cannot be split with confidence (team-cell.ts).
  {
    key: 'team',
    label: '包保责任人',
    kind: 'text',
    max: RETURNEE_MAX.teamUnsplit,
    synonyms: ['责任人', '包保人员', '包保人', '包保责任人员', '三人小组', '责任人员', '包保干部'],
  },
];
