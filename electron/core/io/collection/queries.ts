/** What a collection sheet's drop-downs list: the community's grids and the office's supply items. */
import type { ReadDb } from '../../db/types';

export interface SheetLists {
  community: { id: number; name: string };
  grids: string[];
  items: string[];
}

export function sheetLists(db: ReadDb, communityId: number): SheetLists | null {
  const community = db.prepare(`SELECT id, name FROM communities WHERE id = @communityId`).get({ communityId }) as { id: number; name: string } | undefined;
  if (!community) return null;
  const grids = (db.prepare(`SELECT name FROM grids WHERE community_id = @communityId ORDER BY id`).all({ communityId }) as Array<{ name: string }>).map(
    (g) => g.name,
  );
  const items = (db.prepare(`SELECT name FROM supply_items WHERE active = 1 ORDER BY sort_order, id`).all() as Array<{ name: string }>).map((i) => i.name);
  return { community, grids, items };
}
