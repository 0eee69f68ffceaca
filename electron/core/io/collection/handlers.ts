/** Handlers for collection sheets: one blank sheet per community and kind, written where the user chose. */
import { basename } from 'node:path';
import { AppError, notFound } from '../../errors';
import type { HandlersOf } from '../../handler-types';
import { officeNameOf } from '../export/form-rows';
import { writeVerifiedAside } from '../export/safe-write';
import { placeAudited, windowEnded } from '../../task-write';
import { loadWorkbook } from '../export/templates/workbook-file';
import { registerPresetReader } from '../import/preset';
import { COLLECTION_TITLES, type CollectionSheetWritten, type collectionContract } from './contract';
import { readCollectionPreset } from './preset-reader';
import { sheetLists } from './queries';
import { writeCollectionSheet } from './sheet';

// A sheet a community sends back is known to the import the moment it is opened (preset-reader.ts).
registerPresetReader(readCollectionPreset);

/**
 * A window ended while the sheets are written (停用, a reset, a lock: S30-A2, sixteenth attack run): nothing more is
 * written under it. The sheets written before stay, audited; the one in hand is removed before its audit row.
 */
const windowGone = (done: number): AppError =>
  new AppError(
    'UNAUTHENTICATED',
    `下发收集表期间这个窗口已退出登录（已锁定，或密码被重设、账号被停用），其余的收集表没有生成${done > 0 ? `；之前生成的 ${done} 份留在所选文件夹` : ''}。请重新登录后再下发。`,
  );

export const collectionHandlers: HandlersOf<typeof collectionContract> = {
  'collection.sheet.save': async (input, ctx) => {
    const folder = ctx.files.folder(input.folder);
    const office = officeNameOf(ctx.read);
    const issuedOn = ctx.clock.today();
    const written: CollectionSheetWritten[] = [];
    for (const communityId of input.communityIds) {
      if (windowEnded(ctx)) throw windowGone(written.length);
      const lists = sheetLists(ctx.read, communityId);
      if (!lists) throw notFound('这个社区（村）');
      const sheet = await writeCollectionSheet({ kind: input.kind, office, community: lists.community, grids: lists.grids, items: lists.items, issuedOn });
      const fileName = `${lists.community.name.replace(/[\\/:*?"<>|\s]+/g, '_')}_${COLLECTION_TITLES[input.kind]}.xlsx`;
      // Never over a file already there: a numbered name. Placed inside its audit row's transaction (task-write.ts).
      const file = await writeVerifiedAside(folder, fileName, sheet.bytes, async (back) => {
        await loadWorkbook(back);
      });
      const path = file.path;
      if (windowEnded(ctx)) {
        file.discard();
        throw windowGone(written.length);
      }
      placeAudited(ctx, file, (_db, audit) =>
        audit({
          entity: 'collection_sheet',
          entityId: communityId,
          after: { title: `${lists.community.name} ${COLLECTION_TITLES[input.kind]}`, kind: input.kind, issuedOn, path },
        }),
      );
      written.push({ path, fileName: basename(path), columns: sheet.columns });
    }
    return written;
  },
};
