/**
 * The thirty-seventh attack run (issue 19, session 51), target 1: the file check between 预览 and 导入 (S50-A1:
 * staging.ts notePreviewed / refuseIfChangedSincePreview). Online as the coordinator and a clerk through Core.call.
 */
import { rmSync, symlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useImportLedger } from '../import/files';
import { ID, previewKit, ZHANG, ZHAO } from './preview-kit';

const L = useImportLedger();
const { constants, one, previewOf, names } = previewKit(L);
const CHANGED = /预览之后.*改动过.*重新预览/;

describe('S51: the file check between 预览 and 导入', () => {
  it('S51-A4: two previews in one window, then the first one’s 导入 with its file saved again since: refused, not written as it now is', async () => {
    await L.t.call('org.communities.save', { name: '青松里社区' });
    const a = await one('a.xlsx', [ZHANG]);
    const first = await previewOf(a);
    await previewOf(await one('b.xlsx', [['李一', ID(3), '13803711003', '2020-02-05']]));
    await one('a.xlsx', [ZHANG, ZHAO]);
    await expect(L.t.call('import.commit', { ...first.input, previewId: first.pre.previewId })).rejects.toThrow(CHANGED);
    expect(await names()).toEqual([]);
  });

  it('the file replaced by a link to another file: refused (held)', async () => {
    await L.t.call('org.communities.save', { name: '青松里社区' });
    const a = await one('c.xlsx', [ZHANG]);
    const { input, pre } = await previewOf(a);
    const other = await one('d.xlsx', [ZHANG, ZHAO]);
    rmSync(a);
    symlinkSync(other, a);
    await expect(L.t.call('import.commit', { ...input, previewId: pre.previewId })).rejects.toThrow(CHANGED);
    expect(await names()).toEqual([]);
  });

  it('one preview committed twice, a file and a paste: the second answers 以前导入过, nothing written twice (held)', async () => {
    await L.t.call('org.communities.save', { name: '青松里社区' });
    const { input, pre } = await previewOf(await one('e.xlsx', [ZHANG]));
    await L.t.call('import.commit', { ...input, previewId: pre.previewId });
    const again = await L.t.call('import.commit', { ...input, previewId: pre.previewId });
    expect(again.alreadyImported).not.toBeNull();
    const text = ['#接龙', `1. 赵九 ${ID(9)} 13803711009`].join('\n');
    const ins = await L.t.call('import.inspect', { text, target: 'cases' });
    const pasted = { text, target: 'cases' as const, mapping: ins.mapping, constants };
    const p = await L.t.call('import.preview', pasted);
    await L.t.call('import.commit', { ...pasted, previewId: p.previewId });
    expect((await L.t.call('import.commit', { ...pasted, previewId: p.previewId })).alreadyImported).not.toBeNull();
    expect(await names()).toEqual(['张一', '赵九']);
  });

  it('the paste road: other text sent with the preview’s id is refused (held); another window’s preview id is refused (S52-A1)', async () => {
    await L.t.call('org.communities.save', { name: '青松里社区' });
    const text = ['#接龙', `1. 赵九 ${ID(9)} 13803711009`].join('\n');
    const ins = await L.t.call('import.inspect', { text, target: 'cases' });
    const pasted = { text, target: 'cases' as const, mapping: ins.mapping, constants };
    const p = await L.t.call('import.preview', pasted);
    const more = `${text}\n2. 张一 ${ID(1)} 13803711001`;
    await expect(L.t.call('import.commit', { ...pasted, text: more, previewId: p.previewId })).rejects.toThrow(CHANGED);
    // A clerk's window naming the coordinator's preview: not its own; read as it is until session 52, refused since (S52-A1).
    const clerk = await L.t.sessionAs('clerk');
    await expect(L.t.call('import.commit', { ...pasted, text: more, previewId: p.previewId }, clerk)).rejects.toThrow(/预览已不在/);
  });
});
