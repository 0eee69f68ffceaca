/**
 * The thirty-sixth attack run (issue 19, session 50): an import by sheets (one sheet per community, session 49).
 * Online as the coordinator, a clerk and a viewer through Core.call; the workbooks made with ExcelJS.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeXlsx, type Row } from '../import/files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `19${60 + n}-01-01`, 50 + n);
const HEAD: Row = ['姓名', '身份证号', '联系电话', '返程日期'];
const constants = { category: '返程人员' };
const BOTH = [
  { sheet: '青松里', community: '青松里社区' },
  { sheet: '翠竹苑', community: '翠竹苑社区' },
];

async function communities(): Promise<void> {
  await L.t.call('org.communities.save', { name: '青松里社区' });
  await L.t.call('org.communities.save', { name: '翠竹苑社区' });
}

async function workbook(name: string, qing: Row[], cui: Row[], more: { name: string; rows: Row[]; hidden?: boolean }[] = []): Promise<string> {
  return writeXlsx(join(L.dir, name), [{ name: '青松里', rows: [HEAD, ...qing] }, { name: '翠竹苑', rows: [HEAD, ...cui] }, ...more]);
}

const ZHANG: Row = ['张一', ID(1), '13803711001', '2020-02-03'];
const ZHAO: Row = ['赵九', ID(9), '13803711009', '2020-02-03'];
const LI: Row = ['李一', ID(3), '13803711003', '2020-02-05'];

/** The communities, the workbook, inspect and preview: by sheets (`sheet` undefined) or one sheet under 青松里社区. */
async function previewed(name: string, qing: Row[], cui: Row[], sheet?: string) {
  await communities();
  const path = await workbook(name, qing, cui);
  const ins = await L.t.call('import.inspect', { path, target: 'cases', ...(sheet ? { sheet } : {}) });
  const input = sheet
    ? { path, target: 'cases' as const, sheet, mapping: ins.mapping, constants: { ...constants, community: '青松里社区' } }
    : { path, target: 'cases' as const, mapping: ins.mapping, constants, sheets: BOTH };
  return { path, input, pre: await L.t.call('import.preview', input) };
}

const cases = async (): Promise<string[][]> =>
  (await L.t.call('cases.list', {})).rows.map((r) => [r.name, r.communityName ?? '']).sort((a, b) => a.join().localeCompare(b.join()));

describe('S50: an import by sheets', () => {
  it('S50-A1: the workbook saved again between preview and commit is not written as if previewed', async () => {
    const { input, pre } = await previewed('changed.xlsx', [ZHANG], [LI]);
    expect(pre.counts).toMatchObject({ total: 2, created: 2 });
    // Someone saves the file again (another person added to 青松里) before 导入 is pressed.
    await workbook('changed.xlsx', [ZHANG, ZHAO], [LI]);
    await expect(L.t.call('import.commit', { ...input, previewId: pre.previewId })).rejects.toThrow(/预览之后.*改动过.*重新预览/);
    expect(await cases()).toEqual([]);
  });

  it('S50-A1 (the one-sheet road): a file saved again after its preview is refused at the commit, not read again silently', async () => {
    const { input, pre } = await previewed('one.xlsx', [ZHANG], [], '青松里');
    expect(pre.counts).toMatchObject({ total: 1, created: 1 });
    await workbook('one.xlsx', [ZHANG, ZHAO], []);
    await expect(L.t.call('import.commit', { ...input, previewId: pre.previewId })).rejects.toThrow(/预览之后.*改动过.*重新预览/);
    expect(await cases()).toEqual([]);
  });

  it('a file not changed commits as previewed (by sheets)', async () => {
    const { input, pre } = await previewed('same.xlsx', [ZHANG], [LI]);
    const done = await L.t.call('import.commit', { ...input, previewId: pre.previewId });
    expect(done.counts).toMatchObject({ total: 2, created: 2 });
  });

  it('S50-A2: the same person on two sheets with another 返程日期 (another case key) is sent back naming the first sheet', async () => {
    const { input, pre } = await previewed('twice.xlsx', [['张二', ID(2), '13803711002', '2020-02-04']], [['张 二', ID(2), '13803711002', '2020-02-09']]);
    expect(pre.rejected.map((r) => [r.sheet, r.rowNumber, r.reasons.map((x) => x.message).join('|')])).toEqual([
      ['翠竹苑', 2, expect.stringContaining('与工作表「青松里」第 2 行是同一人')],
    ]);
    await L.t.call('import.commit', { ...input, previewId: pre.previewId });
    expect(await cases()).toEqual([['张二', '青松里社区']]);
  });

  it('S50-A3: a hidden sheet named by a caller is refused; look-alike sheet names; a viewer is refused', async () => {
    await communities();
    const path = await workbook(
      'hidden.xlsx',
      [ZHANG],
      [LI],
      [
        { name: '青松里\u200b', rows: [HEAD, ['王五', ID(5), '13803711005', '2020-02-06']] },
        { name: '靑松里', rows: [HEAD, ['王六', ID(6), '13803711006', '2020-02-06']] },
        { name: '名单', rows: [HEAD, ['王七', ID(7), '13803711007', '2020-02-06']], hidden: true },
      ],
    );
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    const listed = ins.sheetCommunities.map((s) => [s.sheet, s.community]);
    expect(listed).not.toContainEqual(['名单', expect.anything()]);
    // The look-alikes: 「青松里\u200b」 is offered as 青松里社区 (as the screen shows it), 「靑松里」 as no community of this office.
    expect(listed).toEqual([
      ['青松里', '青松里社区'],
      ['翠竹苑', '翠竹苑社区'],
      ['青松里\u200b', '青松里社区'],
      ['靑松里', null],
    ]);
    // S50-A3: a hidden sheet, never listed, named by a caller: refused naming it (before: read unseen, nothing said).
    const input = { path, target: 'cases' as const, mapping: ins.mapping, constants, sheets: [BOTH[0]!, { sheet: '名单', community: '翠竹苑社区' }] };
    await expect(L.t.call('import.preview', input)).rejects.toThrow(/工作表「名单」在 WPS 或 Excel 里是隐藏的/);
    await expect(L.t.call('import.commit', input)).rejects.toThrow(/工作表「名单」在 WPS 或 Excel 里是隐藏的/);
    expect(await cases()).toEqual([]);
    await L.t.sessionAs('viewer', 'viewer1');
    await expect(L.t.call('import.preview', { ...input, sheets: BOTH }, 'viewer1')).rejects.toThrow(/FORBIDDEN|权限|无权/);
    await expect(L.t.call('import.commit', { ...input, sheets: BOTH }, 'viewer1')).rejects.toThrow(/FORBIDDEN|权限|无权/);
  });
});
