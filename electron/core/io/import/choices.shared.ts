/**
 * The words communities write in a cell (or a title) and what each means:
 * the stored code, or a question back when the word is ambiguous. Pure data,
 * shared with the wizard through fields.ts.
 */
import { CASE_CATEGORIES, CATEGORY_LABELS } from '../../caseload/codes.shared';

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

/**
 * 特困 alone does not say which: 分散供养 people live at home (the notice's care group),
 * 集中供养 people live in an institution that cares for them. Asked, never guessed.
 */
const POVERTY_QUESTION =
  '没有写明是「分散供养」还是「集中供养」：在家生活的请写「分散供养特困人员」；住在供养服务机构的（集中供养）由机构照料，请写「集中供养特困人员」';

export const RESIDENT_TAG_CHOICES: Readonly<Record<string, string>> = {
  独居老人: 'solitary_elderly',
  空巢老人: 'solitary_elderly',
  分散供养特困人员: 'extreme_poverty',
  分散供养: 'extreme_poverty',
  分散特困: 'extreme_poverty',
  监护缺失儿童: 'child_without_guardian',
  留守儿童: 'left_behind_child',
  残疾: 'disabled',
  残疾人: 'disabled',
  孕产妇: 'pregnant',
  孕妇: 'pregnant',
  慢性病: 'chronic',
  慢病: 'chronic',
};

/** Tag words that need an answer first. 集中供养 has no tag: those people are the institution's, not the community's. */
export const RESIDENT_TAG_QUESTIONS: Readonly<Record<string, string>> = {
  特困: POVERTY_QUESTION,
  特困人员: POVERTY_QUESTION,
  特困供养人员: POVERTY_QUESTION,
  集中供养特困人员: '住在供养服务机构，由机构照料，不作为社区的特殊人群登记；如其实在家生活，请改为「分散供养特困人员」',
  集中供养: '住在供养服务机构，由机构照料，不作为社区的特殊人群登记；如其实在家生活，请改为「分散供养特困人员」',
};

/** Each category by its own name (brackets as the cleaned cell has them) and the words communities use. */
export const CASE_CATEGORY_CHOICES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(CASE_CATEGORIES.map((c) => [CATEGORY_LABELS[c].replace(/（/g, '(').replace(/）/g, ')'), c])),
  返程: 'returnee',
  返乡人员: 'returnee',
  返岗人员: 'returnee',
  外地返回人员: 'returnee',
  外地返乡人员: 'returnee',
  居家隔离: 'home_observation',
  居家医学观察: 'home_observation',
  居家观察人员: 'home_observation',
  居家隔离人员: 'home_observation',
  集中隔离: 'medical_observation',
  集中医学观察: 'medical_observation',
  医学观察人员: 'medical_observation',
  发热患者: 'fever_referral',
  发热人员: 'fever_referral',
  发热筛查: 'fever_referral',
  分散供养: 'extreme_poverty',
  分散特困: 'extreme_poverty',
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

const LEFT_BEHIND_QUESTION =
  '不是「监护缺失儿童」：因疫情无人监护的孩子请写「监护缺失儿童」；父母在外务工的留守儿童不作为个案，请在居民导入的「特殊人群」中登记为「留守儿童」';

export const CASE_CATEGORY_QUESTIONS: Readonly<Record<string, string>> = {
  特困: POVERTY_QUESTION,
  特困人员: POVERTY_QUESTION,
  特困供养人员: POVERTY_QUESTION,
  集中供养特困人员: '由供养服务机构照料，不作为社区个案登记；如其实在家生活，请改为「分散供养特困人员」',
  留守儿童: LEFT_BEHIND_QUESTION,
};

export const RISK_CHOICES: Readonly<Record<string, string>> = {
  低: 'low',
  低风险: 'low',
  一般: 'low',
  中: 'medium',
  中风险: 'medium',
  较高: 'medium',
  高: 'high',
  高风险: 'high',
};

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

/** 入户排查 results as communities write them (targets/screenings.ts turns each into the household's status). */
export const SCREENING_RESULT_CHOICES: Readonly<Record<string, string>> = {
  已排查无异常: 'clear',
  无异常: 'clear',
  正常: 'clear',
  已排查: 'clear',
  有返程人员: 'returnee',
  有外地返回人员: 'returnee',
  有发热: 'fever',
  有发热人员: 'fever',
  发热: 'fever',
  无人在家: 'not_home',
  不在家: 'not_home',
  家中无人: 'not_home',
  拒绝配合: 'refused',
  拒绝: 'refused',
  拒绝排查: 'refused',
  不配合: 'refused',
};
