/**
 * Buttons a viewer (只读查看) must not be shown: each would change the ledger, so it could only answer with a refusal.
 * Reading, paging, printing, exporting what they may see and choosing columns are theirs.
 */
import type { Locator } from 'playwright-core';

export const WRITE_VERBS =
  /登记|保存|添加|新增|删除|停用|启用|导入|确认|安排|排班|冲销|撤销|作废|改为|报零|生成|更换|恢复|备份|发布|出勤|缺勤|走访|复访|解除|延长|分配|上传|^×$/;

/** The enabled buttons shown in `scope` (tabs aside) whose words write, one line each naming the button. */
export async function writeButtonsShown(scope: Locator): Promise<string[]> {
  const labels = await scope
    .locator('button:not([disabled]):not([role="tab"])')
    .evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().height > 0).map((e) => (e.textContent ?? '').trim()));
  return [...new Set(labels.filter((l) => WRITE_VERBS.test(l)))].map((l) => `a viewer is shown 「${l}」, which can only fail`);
}
