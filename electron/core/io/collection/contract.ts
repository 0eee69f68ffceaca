/**
 * Collection sheets (收集表): a blank sheet per community and per kind of
 * list, made by the office, filled by the community, imported back with no
 * questions (its hidden marker says what it is and whose it is).
 */
import { z } from 'zod';
import { areaContract, channel, chosen, id } from '../../contract';

export const COLLECTION_KINDS = ['residents', 'returnees', 'observation', 'checks', 'stock'] as const;
export type CollectionKind = (typeof COLLECTION_KINDS)[number];

/** What each sheet is called, on the screen and in its title (「幸福社区 返程人员登记表」). */
export const COLLECTION_TITLES: Record<CollectionKind, string> = {
  residents: '居民信息登记表',
  returnees: '返程人员登记表',
  observation: '居家观察人员登记表',
  checks: '居家观察每日健康监测表',
  stock: '防控物资盘点表',
};

export interface CollectionSheetWritten {
  path: string;
  fileName: string;
  /** Columns the community fills, in order. */
  columns: string[];
}

const collectionLabels = {
  communityIds: '社区（村）',
  kind: '收集表',
  folder: '保存位置（文件夹）',
};

export const collectionContract = areaContract(collectionLabels, {
  /** One sheet per community, all into the folder the user chose (a handle: one choice, one batch), named 「社区_收集表」. */
  'collection.sheet.save': channel<CollectionSheetWritten[]>()({
    input: z.strictObject({
      communityIds: z.array(id).min(1, '请至少选择一个社区（村）').max(500),
      kind: z.enum(COLLECTION_KINDS),
      folder: chosen('保存位置', 'folder'),
    }),
    access: 'clerk',
    kind: 'task',
  }),
});
