import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/core/people/id-number';
import { scratch, writeXlsx } from '../unit/import/files';
import { SetupWizardPage, ShellPage } from './pages/auth-pages';
import { ImportPage } from './pages/import-page';
import { SettingsPage } from './pages/settings-page';
import { screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';

describe('import: a community spreadsheet through the wizard', () => {
  const app = appForEachAttempt();

  it('maps, previews, commits, sends rejected rows back and shows the history', async () => {
    const { page, preview } = app;
    const dir = scratch();
    const file = await writeXlsx(join(dir, '东风社区返程人员.xlsx'), [
      {
        name: '登记表',
        rows: [
          ['《东风社区返程人员登记表》'],
          ['所属社区', '名字', '公民身份号码', '联系方式', '家庭住址', '备注'],
          ['东风社区', '张伟', makeIdNumber('420106', '1956-11-08', 31), '13800138000', '幸福小区3栋2单元101室', ''],
          ['东风社区', '刘芳', makeIdNumber('420106', '1958-01-20', 42), '13900139000', '幸福小区3栋2单元101室', ''],
          ['南湖社区', '赵六', 4.20106195601e17, '', '', '身份证号被 Excel 改坏'],
        ],
      },
    ]);
    await page.goto(preview.url);
    await new SetupWizardPage(page).createLedger({ office: '东风街道办事处', name: '王建国', username: 'admin', password: 'taizhang2020' });
    await new SetupWizardPage(page).continue();
    const shell = new ShellPage(page);
    await shell.open('设置');
    await new SettingsPage(page).addCommunity('东风社区');

    await shell.open('导入');
    const imp = new ImportPage(page);
    await imp.openFile('居民（按户）', file);
    expect(await imp.mappedTo('名字')).toBe('姓名（必填）');
    expect(await imp.mappedTo('备注')).toBe('（不导入）');
    await screenshot(page, 'import-mapping');
    await imp.preview();
    expect(await imp.count('预览结果', 'created')).toBe(2);
    expect(await imp.count('预览结果', 'rejected')).toBe(1);
    await expect.poll(() => imp.grid('退回的行').getByText('南湖社区', { exact: false }).count()).toBeGreaterThan(0);
    await screenshot(page, 'import-preview');
    await imp.commit();
    expect(await imp.count('导入结果', 'created')).toBe(2);
    const out = join(dir, '退回.xlsx');
    expect(await imp.saveRejected(out)).toContain('1 行');
    expect(existsSync(out)).toBe(true);
    await screenshot(page, 'import-report');

    await imp.history();
    await expect.poll(() => imp.grid('导入记录').getByText('东风社区返程人员.xlsx').count()).toBeGreaterThan(0);
    await screenshot(page, 'import-history');
  });
});
