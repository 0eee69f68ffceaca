/**
 * The rows and steps the attack runs' import tests share (sessions 51 and 52): two people on a one-sheet workbook, its
 * preview as the wizard asks for it, and the names of the cases written.
 */
import { join } from 'node:path';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { writeXlsx, type ImportLedger, type Row } from '../import/files';

export const ID = (n: number): string => makeIdNumber('410102', `19${60 + n}-01-01`, 50 + n);
export const HEAD: Row = ['姓名', '身份证号', '联系电话', '返程日期'];
export const ZHANG: Row = ['张一', ID(1), '13803711001', '2020-02-03'];
export const ZHAO: Row = ['赵九', ID(9), '13803711009', '2020-02-03'];

/** `one` writes a one-sheet workbook (登记表) in the test's folder; `previewOf` inspects and previews it for 返程人员 of `community`. */
export function previewKit(L: ImportLedger, community = '青松里社区') {
  const constants = { category: '返程人员', community };
  return {
    constants,
    one: (name: string, rows: Row[]): Promise<string> => writeXlsx(join(L.dir, name), [{ name: '登记表', rows: [HEAD, ...rows] }]),
    async previewOf(path: string, sessionId?: string) {
      const ins = await L.t.call('import.inspect', { path, target: 'cases' }, sessionId);
      const input = { path, target: 'cases' as const, mapping: ins.mapping, constants };
      return { input, pre: await L.t.call('import.preview', input, sessionId) };
    },
    names: async (): Promise<string[]> => (await L.t.call('cases.list', {})).rows.map((r) => r.name).sort(),
  };
}
