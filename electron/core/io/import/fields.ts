/**
 * What each import target expects: its fields, their Chinese labels and the
 * header words communities use for them. Pure data (no Node, no zod), so the
 * mapping step of the wizard shows exactly what the core matches against.
 */
export const TARGET_IDS = ['residents', 'staff'] as const;
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
};
