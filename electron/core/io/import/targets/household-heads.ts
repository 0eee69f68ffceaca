/**
 * 户主 from 与户主关系: a residents sheet often has no 户主 column, only each person's relation to the head
 * (本人/户主, 配偶, 之妻, 长子…). The row whose relation names the head makes that person the household's 户主
 * (same community and address); every other row of that address carries the name, so whichever row makes the
 * household writes it. Two heads at one address, or a head the ledger records differently, send the row back
 * with a reason instead of choosing one. Per row: a Map lookup; the ledger's heads are read once per community.
 */
import { addressKeyIfAny } from '../../../caseload/address';
import { nameHeadIfMissing } from '../../../caseload/households.repo';
import type { ReadDb } from '../../../db/types';
import type { Built, NewResident, WriteCtx } from './types';

/** The words a relation cell uses for the head himself or herself: caseload/relation.ts, which also stores the relation. */
export { isHeadRelation } from '../../../caseload/relation.shared';

export const RELATION_LABEL = '与户主关系';

/** What a residents record carries about its household's head beyond NewResident's headName. */
export interface HeadMark {
  /** The row's relation says it is the head: the commit names its household's head if the ledger has none. */
  isHead?: true;
}

const LEDGER_HEADS = `SELECT address_key, head_name FROM households WHERE community_id = @communityId AND head_name IS NOT NULL`;

/** Prepared once per reading of a file: remembers the heads seen so far, checks each head row against them and the ledger. */
export function headChecker<R extends NewResident & HeadMark>(db: ReadDb): (record: R) => Built<R> {
  const fileHeads = new Map<string, string>();
  const ledgerHeads = new Map<number, Map<string, string>>();
  const ledgerHeadAt = (communityId: number, key: string): string | undefined => {
    let heads = ledgerHeads.get(communityId);
    if (!heads) {
      heads = new Map();
      for (const h of db.prepare(LEDGER_HEADS).iterate({ communityId }) as IterableIterator<{ address_key: string; head_name: string }>)
        heads.set(h.address_key, h.head_name);
      ledgerHeads.set(communityId, heads);
    }
    return heads.get(key);
  };
  return (r) => {
    if (!r.isHead) return { ok: true, record: r };
    const key = addressKeyIfAny(r);
    if (key === null) return { ok: true, record: r };
    if (r.headName !== null && r.headName !== r.name) return fail(`本行「${RELATION_LABEL}」是户主本人，但「户主」一栏写的是「${r.headName}」，请核对`);
    const fileKey = `${r.communityId}|${key}`;
    const earlier = fileHeads.get(fileKey);
    if (earlier !== undefined && earlier !== r.name)
      return fail(`同一住址前面已有户主「${earlier}」，一户只能有一位户主：请核对本行「${r.name}」的「${RELATION_LABEL}」`);
    const recorded = ledgerHeadAt(r.communityId, key);
    if (recorded !== undefined && recorded !== r.name)
      return fail(`台账中这一住址的户主是「${recorded}」，本行「${r.name}」也写作户主：请核对后改正表格或台账`);
    fileHeads.set(fileKey, r.name);
    return { ok: true, record: { ...r, headName: r.name } };
  };
}

function fail<R>(message: string): Built<R> {
  return { ok: false, reasons: [{ field: RELATION_LABEL, message }] };
}

/** After every row is read: the members of an address whose head row came later carry the head's name too. */
export function shareHeads(records: readonly (NewResident & HeadMark)[]): void {
  const heads = new Map<string, string>();
  for (const r of records) if (r.isHead && r.headName) heads.set(`${r.communityId}|${addressKeyIfAny(r)}`, r.headName);
  if (heads.size === 0) return;
  for (const r of records) {
    if (r.headName !== null) continue;
    const head = heads.get(`${r.communityId}|${addressKeyIfAny(r)}`);
    if (head !== undefined) r.headName = head;
  }
}

/** In the commit, after a head row is written: a household the ledger already had without a 户主 gets this one (audited). */
export function nameHouseholdHead(w: WriteCtx, residentId: number, r: NewResident & HeadMark): void {
  if (!r.isHead) return;
  const row = w.db.prepare(`SELECT household_id FROM residents WHERE id = @residentId`).get({ residentId }) as { household_id: number | null } | undefined;
  if (!row || row.household_id === null) return;
  const before = w.db.prepare(`SELECT head_name FROM households WHERE id = @id`).get({ id: row.household_id }) as { head_name: string | null } | undefined;
  if (!before || before.head_name !== null) return;
  nameHeadIfMissing(w.db, row.household_id, r.name, w.context.sealer);
  w.audit({ entity: 'household', entityId: row.household_id, before: { head_name: null }, after: { head_name: r.name } });
}
