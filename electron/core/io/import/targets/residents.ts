/**
 * 居民（按户）: each row a resident; rows of the same community and address
 * form one household. Written through the caseload's own write functions
 * (upsertHousehold, upsertResident), so the same rules apply as on screen.
 */
import { addressKey, formatAddress, hasAddress } from '../../../caseload/address';
import type { ResidentTag } from '../../../caseload/codes.shared';
import { upsertHousehold, upsertResident } from '../../../caseload/write-queries';
import type { ReadDb } from '../../../db/types';
import { idNumberIndex, needSealer, SEALED } from '../../../caseload/sealed-people';
import { maskIdNumber, maskPhone } from '../../../people/id-number';
import { TARGETS } from '../fields.shared';
import { gridId, type Values } from '../values';
import { insertNewResident } from './resident-bulk';
import { knownIdIndexes } from './known-id-indexes';
import { prepareResidents, rememberMatchedIndex, type PreparedResident } from './resident-prepare';
import { withPlannedAudit } from './resident-audit-plan';
import { addressFieldsOf, str } from './record-fields';
import { headChecker, nameHouseholdHead, shareHeads, type HeadMark } from './household-heads';
import { HEAD_RELATION, normaliseRelation } from '../../../caseload/relation.shared';
import type { Existing, ImportTarget, NewResident, WriteCtx } from './types';

/** A residents-import row: the writer's NewResident, as a record the pipeline carries. */
export interface ResidentRecord extends Record<string, unknown>, NewResident, HeadMark {}

interface CurrentRow {
  id: number;
  name: string;
  id_number_sealed: Buffer | null;
  phone_sealed: Buffer | null;
  tags: string;
  relation: string | null;
  community_id: number;
  grid_id: number | null;
  address_key: string | null;
  estate: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  address_text: string | null;
  head_name: string | null;
}

const keyOf = (r: ResidentRecord): string => (r.idNumber ? `id:${r.idNumber}` : `np:${r.name}|${r.phone ?? ''}`);
const addressOf = (r: ResidentRecord) => ({ estate: r.estate, building: r.building, unit: r.unit, room: r.room, addressText: r.addressText });

const SELECT = `SELECT r.id, r.name, r.id_number_sealed, r.phone_sealed, r.tags, r.relation, r.community_id, r.grid_id,
  h.address_key, h.estate, h.building, h.unit, h.room, h.address_text, h.head_name
  FROM residents r LEFT JOIN households h ON h.id = r.household_id`;

/**
 * A row's record as a literal, not spreads (`...addressFieldsOf(v)`, `...(was15 ? { … } : {})`): each spread made
 * the record property by property, with an object more, and left its properties outside the object. Reading the
 * bench's 100,000-row GBK CSV (pipeline.ts analyse, in turn in one process, both orders) took 1,161 and 1,193 ms of
 * CPU with them against 1,086 and 1,137 ms (io/import/README.md, session 34). The two keys a row may lack are added
 * after, only when they hold (two rows' records are compared by their JSON; a flag keeps the record): idNumberWas15
 * when the file wrote 15 digits (rare: old lists), isHead for a household's head.
 */
function newResidentRecord(v: Values, communityId: number, grid: number | null, relation: string | null): ResidentRecord {
  const a = addressFieldsOf(v);
  const record: ResidentRecord = {
    communityId,
    gridId: grid,
    name: v.name as string,
    idNumber: str(v.idNumber),
    phone: str(v.phone),
    tags: Array.isArray(v.tags) ? [...v.tags].sort() : [],
    estate: a.estate,
    building: a.building,
    unit: a.unit,
    room: a.room,
    addressText: a.addressText,
    headName: a.headName,
    relation,
  };
  if (v.idNumberWas15 === true) record.idNumberWas15 = true;
  if (relation === HEAD_RELATION) record.isHead = true;
  return record;
}

export const residentsTarget: ImportTarget<ResidentRecord, PreparedResident> = {
  def: TARGETS.residents,
  build(v, lookups) {
    const communityId = v.community as number;
    const gridName = str(v.grid);
    let grid: number | null = null;
    if (gridName !== null) {
      const found = gridId(gridName, communityId, lookups);
      if (found === undefined)
        return {
          ok: false,
          reasons: [{ field: '网格', message: `本社区没有名为「${gridName}」的网格，请先在“设置 → 社区与网格”中添加，或改成台账中的网格名称` }],
        };
      grid = found;
    }
    const relation = normaliseRelation(str(v.relation));
    return { ok: true, record: newResidentRecord(v, communityId, grid, relation) };
  },
  ledgerCheck: (db) => headChecker(db),
  completePlan: shareHeads,
  keyOf,
  matcher(db: ReadDb, sealerOrNull) {
    const sealer = needSealer(sealerOrNull);
    // One ID number is one person, found by its keyed index; without one, the namesakes' phones are opened and compared.
    const byId = db.prepare(`${SELECT} WHERE r.id_number_index = @index`);
    const byName = db.prepare(`${SELECT} WHERE r.name = @name AND r.id_number_index IS NULL ORDER BY r.id`);
    const phoneOf = (row: CurrentRow): string | null => sealer.openOptional(SEALED.phone, row.phone_sealed);
    const mayHold = knownIdIndexes(db);
    const byIdNumber = (r: ResidentRecord, idNumber: string): CurrentRow | undefined => {
      const index = idNumberIndex(sealer, idNumber);
      // A row the commit creates stores this index: the preview's preparation takes it from here (resident-prepare.ts).
      rememberMatchedIndex(r, sealer, index);
      return mayHold(index) ? (byId.get({ index }) as CurrentRow | undefined) : undefined;
    };
    return (r) => {
      const row = r.idNumber ? byIdNumber(r, r.idNumber) : (byName.all({ name: r.name }) as CurrentRow[]).find((c) => phoneOf(c) === r.phone);
      if (!row) return null;
      const current: ResidentRecord = {
        communityId: row.community_id,
        gridId: row.grid_id,
        name: row.name,
        idNumber: sealer.openOptional(SEALED.idNumber, row.id_number_sealed),
        phone: phoneOf(row),
        tags: (JSON.parse(row.tags) as string[]).sort(),
        relation: row.relation,
        estate: row.estate,
        building: row.building,
        unit: row.unit,
        room: row.room,
        addressText: row.address_text,
        headName: row.head_name,
      };
      return { id: row.id, current: { ...current, addressKey: row.address_key } };
    };
  },
  same(existing, r) {
    const c = existing.current as ResidentRecord & { addressKey: string | null };
    const incomingKey = hasAddress(addressOf(r)) ? addressKey(addressOf(r)) : null;
    return (
      c.name === r.name &&
      c.idNumber === r.idNumber &&
      c.phone === r.phone &&
      c.communityId === r.communityId &&
      (r.gridId === null || c.gridId === r.gridId) &&
      c.tags.join(',') === r.tags.join(',') &&
      // A file without the relation leaves the ledger's as it is (as without a grid).
      (r.relation == null || c.relation === r.relation) &&
      // A 户主 row whose household has no head yet changes it (a different head was sent back: household-heads.ts).
      (!r.isHead || c.headName === r.headName) &&
      (incomingKey === null || c.addressKey === incomingKey)
    );
  },
  // A row's identity (ID number, else name and phone) is once per file and no write changes another's: see types.ts.
  matchesIndependentOfEarlierRows: true,
  // One ID number is one person: the ledger holds it once. Without an ID number, two records may stand side by side.
  canKeepBoth: (r) => r.idNumber === null,
  // The rows sealed and MACed, and their audit records made (resident-audit-plan.ts): the commit only writes.
  prepare: (db, sealer, decisions) => withPlannedAudit(decisions, prepareResidents(db, sealer, decisions)),
  insert(w, r, prepared) {
    const id = insertNewResident(w, r, prepared);
    nameHouseholdHead(w, id, r);
    return id;
  },
  update(w, existing, r) {
    nameHouseholdHead(w, writeResident(w, existing, r), r);
  },
  show(r) {
    const rec = r as Partial<ResidentRecord>;
    return {
      姓名: String(rec.name ?? ''),
      身份证号: maskIdNumber(rec.idNumber ?? null),
      联系电话: maskPhone(rec.phone ?? null),
      住址: formatAddress({
        estate: rec.estate ?? null,
        building: rec.building ?? null,
        unit: rec.unit ?? null,
        room: rec.room ?? null,
        addressText: rec.addressText ?? null,
      }),
      ...(rec.relation ? { 与户主关系: rec.relation } : {}),
      ...(rec.headName ? { 户主: rec.isHead ? `${rec.headName}（本人）` : rec.headName } : {}),
    };
  },
};

/** The household once per address per commit, then the resident in it. */
function writeResident(w: WriteCtx, existing: Existing | null, r: ResidentRecord): number {
  let householdId: number | null = null;
  if (hasAddress(addressOf(r))) {
    const hkey = `h:${r.communityId}|${addressKey(addressOf(r))}`;
    // Negative: a household that existed before this commit (see resident-bulk.ts).
    const cached = w.cache.get(hkey);
    householdId = cached === undefined ? null : Math.abs(cached);
    if (householdId === null) {
      const h = upsertHousehold(
        w.db,
        { communityId: r.communityId, gridId: r.gridId, ...addressOf(r), ...(r.headName ? { headName: r.headName } : {}) },
        w.now,
        w.context.clock.today(),
        w.context.sealer,
      );
      for (const a of h.audit) w.audit(a);
      householdId = h.id;
      w.cache.set(hkey, householdId);
    }
  }
  const res = upsertResident(
    w.db,
    {
      ...(existing ? { id: existing.id } : {}),
      // A row without an address leaves a known resident in the household the ledger has.
      ...(householdId !== null || !existing ? { householdId } : {}),
      communityId: r.communityId,
      gridId: r.gridId,
      name: r.name,
      idNumber: r.idNumber,
      phone: r.phone,
      tags: r.tags as ResidentTag[],
      ...(r.relation != null ? { relation: r.relation } : {}),
    },
    w.now,
    w.context.clock.today(),
    w.context.sealer,
  );
  for (const a of res.audit) w.audit(a);
  return res.id;
}
