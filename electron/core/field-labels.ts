/**
 * Chinese names of input fields, so a BAD_INPUT message names the field the
 * way the screen does. Areas add their own words in their contract via
 * `registerFieldLabels`.
 */
const labels: Record<string, string> = {
  id: '记录编号',
  name: '名称',
  kind: '类别',
  username: '用户名',
  displayName: '姓名',
  password: '密码',
  newPassword: '新密码',
  oldPassword: '原密码',
  recoveryKey: '恢复密钥',
  role: '角色',
  office: '街道办事处',
  admin: '管理员',
  households: '户数',
  population: '人口数',
  communityId: '社区',
  gridId: '网格',
  idleLockMinutes: '自动锁定时间',
  officeName: '街道名称',
  path: '文件路径',
  filter: '筛选条件',
  sort: '排序',
  offset: '起始行',
  limit: '每页行数',
  from: '开始日期',
  to: '结束日期',
};

export function registerFieldLabels(more: Record<string, string>): void {
  Object.assign(labels, more);
}

export function fieldLabel(path: readonly PropertyKey[]): string {
  const named = [...path].reverse().find((p) => typeof p === 'string');
  if (typeof named !== 'string') return '输入';
  const label = labels[named] ?? named;
  const index = path.find((p) => typeof p === 'number');
  return typeof index === 'number' ? `第 ${index + 1} 项的「${label}」` : `「${label}」`;
}

/** The Chinese name of one field, if any area has named it (操作日志 names changed fields with it). */
export function knownFieldLabel(field: string): string | undefined {
  return labels[field];
}
