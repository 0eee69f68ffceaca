/**
 * Rows as a real office's forms hold them, for printing every form (tests/unit/export/forms-print.test.ts): a long
 * community name, all 11 case categories, names with rare characters (𠮷, 䶮, 堃), and in the columns that hold
 * sentences (需求内容, 调整原因, 后续办理…) the long ones a clerk writes, so a cut column or a row too short shows.
 */
import { CATEGORY_LABELS } from '../../electron/core/caseload/codes.shared';
import type { FormDef, FormRow } from '../../electron/core/io/export/forms/types';

export const LONG_COMMUNITY = '东风街道幸福里第二社区居民委员会';
const COMMUNITIES = [LONG_COMMUNITY, '青松里社区', '和平路社区'];
const NAMES = ['吉𠮷祥', '刘䶮', '王堃', '欧阳娜娜', '张伟', '司马懿轩'];
const CATEGORIES = Object.values(CATEGORY_LABELS);

/** Values of a column by its key, as the office writes them; the row number picks one. */
const BY_KEY: Record<string, readonly string[]> = {
  grid: ['第一网格', '第十二网格'],
  section: ['因社区防控工作牺牲', '表彰推荐'],
  post: ['社区专职工作者', '社区卫生服务站医生', '志愿者'],
  cause: ['防控工作中感染', '过度劳累', '其他'],
  reporting: ['已全部报告（区委、区政府超过时限）', '已按时全部报告'],
  commendation: ['已批准：追授“抗击新冠肺炎疫情先进个人”称号（区人民政府，2020-03-05）', '拟推荐：抗击疫情优秀社区工作者'],
  proposer: ['东风街道党工委', '和平路社区居委会'],
  difficulties: ['子女上学：已协调就近入学；老人就医：区医院绿色通道，已解决', '无'],
  steps: ['工伤认定：已受理（2020-02-20）；烈士评定：材料已报区退役军人事务局；抚恤：待批', '抚恤：已发放'],
  origin: ['湖北省武汉市', '河南省信阳市'],
  travel: ['火车 G1234', '自驾'],
  status: ['观察中', '已解除观察'],
  team: ['网格员 张伟（第一网格）、社区医生 李娜（和平社区卫生服务站）、社区民警 王强', '网格员 刘䶮'],
  needs: ['代购药品（降压药每月一次）；陪同就医；心理疏导：家属情绪低落，已联系区心理援助热线', '代购生活物资'],
  item: ['医用外科口罩', 'N95 医用防护口罩', '84 消毒液'],
  unit: ['个', '瓶'],
  short: ['是', '否'],
  reasons: ['可用天数低于安全天数；区里调拨的 2000 个尚未到货，已向街道应急办申请', '—'],
  nextDelivery: ['2020-02-18（区应急管理局调拨）', '未约定'],
  kind: ['社区专职工作者', '志愿者', '下沉干部'],
  label: ['临时性工作补助', '志愿者补贴'],
  rate: ['每天 100 元', '每班 50 元'],
  state: ['已全部排查', '尚有 12 户未排查'],
};

function sample(key: string, kind: string, i: number): string | number {
  if (key === 'community' || key === 'store') return COMMUNITIES[i % COMMUNITIES.length]!;
  if (key === 'category') return CATEGORIES[i % CATEGORIES.length]!;
  const listed = BY_KEY[key];
  if (listed) return listed[i % listed.length]!;
  if (kind === 'personal') return NAMES[i % NAMES.length]!;
  if (kind === 'idNumber') return `41010519620312${String(1000 + i).slice(-4)}`;
  if (kind === 'phone') return `1380371${String(1000 + i).slice(-4)}`;
  if (kind === 'day') return `2020-02-${String(10 + (i % 7)).padStart(2, '0')}`;
  if (kind === 'number') return 3 + ((i * 7) % 40);
  if (kind === 'percent') return 87.5;
  return '已办结';
}

export function sampleRows(form: FormDef, count: number): FormRow[] {
  return Array.from({ length: count }, (_, i) => Object.fromEntries(form.columns.map((c) => [c.key, sample(c.key, c.kind, i)])));
}
