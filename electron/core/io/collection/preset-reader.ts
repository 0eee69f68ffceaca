/**
 * The return trip of a collection sheet: a file a community sends back is
 * recognised by the hidden marker the office wrote into it, and the import
 * gets its target, its column mapping and its whole-file values (community,
 * category) without a single question. A sheet from another office is
 * refused by name; one from a newer program by decodeMarker.
 */
import type { ReadDb } from '../../db/types';
import { badInput } from '../../errors';
import { officeNameOf } from '../export/form-rows';
import { cellText, type Cell, type SourceRow } from '../import/cells';
import type { ImportPreset } from '../import/contract';
import type { FieldDef } from '../import/fields.shared';
import type { PresetContext } from '../import/preset';
import { COLLECTION_TITLES } from './contract';
import { fieldsOf, KINDS } from './kinds';
import { decodeMarker, type Marker } from './marker';
import { INSTRUCTIONS_HEAD } from './sheet';

function findMarker(head: readonly SourceRow[]): { marker: Marker; row: number } | null {
  for (const r of head) {
    for (const c of r.cells) {
      const marker = decodeMarker(cellText(c).trim());
      if (marker) return { marker, row: r.rowNumber };
    }
  }
  return null;
}

/** The field a header cell names: its label as the sheet wrote it, or a word the import knows for it. */
const fieldNamed = (fields: readonly FieldDef[], c: Cell): FieldDef | undefined => {
  const text = cellText(c).trim();
  return text === '' ? undefined : fields.find((f) => f.label === text || f.synonyms.includes(text));
};

/** The row that names most of the sheet's columns: the community may have moved or added a column. */
function headerRow(head: readonly SourceRow[], fields: readonly FieldDef[]): SourceRow | null {
  let best: SourceRow | null = null;
  let bestHits = 0;
  for (const r of head) {
    const hits = r.cells.filter((c) => fieldNamed(fields, c)).length;
    if (hits > bestHits) [best, bestHits] = [r, hits];
  }
  return bestHits * 2 > fields.length ? best : null;
}

/** The community the sheet was made for, by its id, or by its name when the ledger was rebuilt since. */
function communityName(db: ReadDb, m: Marker): string {
  const byId = db.prepare(`SELECT name FROM communities WHERE id = @id`).get({ id: m.communityId }) as { name: string } | undefined;
  if (byId) return byId.name;
  const byName = db.prepare(`SELECT name FROM communities WHERE name = @name`).get({ name: m.community }) as { name: string } | undefined;
  if (byName) return byName.name;
  throw badInput(`这张收集表是发给「${m.community}」的，但台账中已没有这个社区（村）。请先在「组织架构」中恢复它，或把表格交给它现在所属的社区重新填写。`);
}

export function readCollectionPreset({ db, head }: PresetContext): ImportPreset | null {
  const found = findMarker(head);
  if (!found) return null;
  const { marker } = found;
  const title = COLLECTION_TITLES[marker.kind];
  const office = officeNameOf(db);
  if (marker.office !== office) {
    throw badInput(
      `这张「${marker.community} ${title}」是「${marker.office}」下发的，不是本街道（${office}）的收集表，不能导入本台账。请把它退回给发表的街道，或请该社区填写本街道下发的表格。`,
    );
  }
  const fields = fieldsOf(marker.kind);
  const row = headerRow(head, fields);
  if (!row) throw badInput(`这张「${marker.community} ${title}」的表头被改动过，认不出各列。请让社区在原表上填写，不要改动表头。`);
  const community = communityName(db, marker);
  const mapping = row.cells.map((c) => fieldNamed(fields, c)?.key ?? null);
  const header = row.rowNumber;
  const titleRows = head
    .filter((r) => r.rowNumber < header && r.rowNumber !== found.row)
    .map((r) =>
      r.cells
        .map(cellText)
        .filter((t) => t.trim() !== '')
        .join(' '),
    )
    // The instructions row is for the community, not a title the office needs to read again.
    .filter((t) => t !== '' && !t.startsWith(INSTRUCTIONS_HEAD));
  return {
    target: KINDS[marker.kind].target,
    mapping,
    constants: KINDS[marker.kind].constants(community),
    label: `${community} ${title}（${marker.issuedOn} 下发）`,
    titleRows,
  };
}
