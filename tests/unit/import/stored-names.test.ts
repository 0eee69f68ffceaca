/**
 * The ledger's community and grid names as the import keys them (normalise.ts squash, plan-inputs.ts loadLookups):
 * a name stored with full-width characters is found from a cleaned cell or title, and the name a message gives is the
 * one stored, taken from the lookups' own id → name map rather than from the order of the name → id map.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBlockTitles } from '../../../electron/core/io/import/block-titles';
import { TARGETS } from '../../../electron/core/io/import/fields.shared';
import type { Lookups } from '../../../electron/core/io/import/values';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { residentsOf } from '../../helpers/sealed-residents';
import { useImportLedger, writeCsv } from './files';

const L = useImportLedger();
const ids = [1, 2].map((n) => makeIdNumber('420106', `1972-0${n}-1${n}`, 60 + n));

describe('names as the ledger stores them', () => {
  it('a grid stored with full-width digits is the grid a cell naming it the same way files its people under', async () => {
    const grid = (await L.t.call('org.grids.save', { communityId: L.org.dongfeng, name: '３网格' })).id;
    const rows = [
      ['姓名', '身份证号', '社区', '网格'],
      ['张伟', ids[0]!, '东风社区', '３网格'],
      ['李娜', ids[1]!, '东风社区', '3网格'],
    ];
    const path = writeCsv(join(L.dir, '全角网格.csv'), rows, 'utf-8');
    const ins = await L.t.call('import.inspect', { path, target: 'residents' });
    const pre = await L.t.call('import.preview', { path, target: 'residents', mapping: ins.mapping });
    expect(pre.counts).toMatchObject({ total: 2, created: 2, rejected: 0 });
    await L.t.call('import.commit', { path, target: 'residents', mapping: ins.mapping, previewId: pre.previewId });
    const grids = L.db().prepare(`SELECT grid_id AS g FROM residents ORDER BY id`).all() as { g: number }[];
    expect(grids).toEqual([{ g: grid }, { g: grid }]);
    expect(residentsOf(L.t).map((r) => r.name)).toEqual(['张伟', '李娜']);
  });

  it('a title naming another community gives both names as stored, whatever order the name → id map holds', () => {
    // The bare names first: the order loadLookups happens to make must not decide which name a message gives.
    const lookups: Lookups = {
      communities: new Map([
        ['东风', 1],
        ['幸福', 2],
        ['东风社区', 1],
        ['幸福村', 2],
      ]),
      communityNames: new Map([
        [1, '东风社区'],
        [2, '幸福村'],
      ]),
      grids: new Map(),
    };
    const check = (): void => checkBlockTitles([{ rowNumber: 5, text: '幸福村返程人员登记表' }], TARGETS.residents, { community: 1 }, lookups);
    expect(check).toThrow('第 5 行的标题「幸福村返程人员登记表」写的是「幸福村」，而全表统一的「社区」是「东风社区」');
  });
});
