/**
 * The thirty-eighth attack run (issue 19, session 52), target 4: a window's recent previews (staging.ts, 16 kept since
 * S51-A4). Online as the coordinator and a clerk through Core.call.
 */
import { describe, expect, it } from 'vitest';
import { useImportLedger } from '../import/files';
import { ID, previewKit, ZHANG, ZHAO } from './preview-kit';

const L = useImportLedger();
const { one, previewOf, names } = previewKit(L);
const GONE = /预览.*重新预览/;

describe('S52: a window’s recent previews', () => {
  it('S52-A1: the 17th preview pushes the first out; the first one’s 导入 with its file saved again since is refused, not written as it now is', async () => {
    await L.t.call('org.communities.save', { name: '青松里社区' });
    const a = await one('a.xlsx', [ZHANG]);
    const first = await previewOf(a);
    const b = await one('b.xlsx', [['李一', ID(3), '13803711003', '2020-02-05']]);
    for (let i = 0; i < 16; i++) await previewOf(b);
    await one('a.xlsx', [ZHANG, ZHAO]);
    // Before: the first preview's id was no longer known and was read as no id at all: 赵九, never previewed, written.
    await expect(L.t.call('import.commit', { ...first.input, previewId: first.pre.previewId })).rejects.toThrow(GONE);
    expect(await names()).toEqual([]);
  });

  it('S52-A1: a preview id that is not this window’s (another window’s, or made up) is refused, not read as no id', async () => {
    await L.t.call('org.communities.save', { name: '青松里社区' });
    const a = await one('c.xlsx', [ZHANG]);
    const mine = await previewOf(a);
    const clerk = await L.t.sessionAs('clerk');
    await expect(L.t.call('import.commit', { ...mine.input, previewId: mine.pre.previewId }, clerk)).rejects.toThrow(GONE);
    await expect(L.t.call('import.commit', { ...mine.input, previewId: 'made-up' })).rejects.toThrow(GONE);
    expect(await names()).toEqual([]);
    // Without an id (no preview shown) the file is read as it is, as before; the window's own preview commits.
    await L.t.call('import.commit', { ...mine.input, previewId: mine.pre.previewId });
    expect(await names()).toEqual(['张一']);
  });

  it('a preview committed after the window locked and unlocked again: its file saved since is still refused (held)', async () => {
    await L.t.call('org.communities.save', { name: '青松里社区' });
    const a = await one('d.xlsx', [ZHANG]);
    const first = await previewOf(a);
    await L.t.call('auth.lock', {});
    await L.t.call('auth.unlock', { username: 'admin', password: 'correct-horse-1' });
    await one('d.xlsx', [ZHANG, ZHAO]);
    await expect(L.t.call('import.commit', { ...first.input, previewId: first.pre.previewId })).rejects.toThrow(/预览之后.*改动过/);
    expect(await names()).toEqual([]);
  });
});
