/**
 * 入户排查结果: each row one visit to one household (date, who visited, the
 * result), found in the ledger by community and address and written as that
 * household's screening through the caseload's upsertHousehold, so coverage
 * (两个全覆盖) fills from the communities' own sheets.
 *
 * The household must already be in the ledger: a row whose address the
 * ledger does not know is sent back, never a household made up from it.
 * Every visit is kept (caseload/screening-visits.repo.ts, one per household
 * and day): a row older than the ledger's latest visit is added to the
 * household's visits and leaves its latest status as it was; the same visit
 * again is unchanged; the same day with another result follows the chosen
 * duplicate mode.
 */
import { addressKey, formatAddress, hasAddress, type AddressParts } from '../../../caseload/address';
import type { ScreeningStatus } from '../../../caseload/codes.shared';
import type { HouseholdRow } from '../../../caseload/rows';
import { visitOn } from '../../../caseload/screening-visits.repo';
import { upsertHousehold } from '../../../caseload/write-queries';
import type { ReadDb } from '../../../db/types';
import { TARGETS } from '../fields.shared';
import type { Reason } from '../values';
import { addressFieldsOf, str } from './record-fields';
import type { AddressFields, Built, Existing, ImportTarget, WriteCtx } from './types';

type ResultCode = 'clear' | 'returnee' | 'fever' | 'not_home' | 'refused';

/** What each result means for the household's screening status, and the words kept as its result. */
const RESULTS: Record<ResultCode, { status: ScreeningStatus; label: string }> = {
  clear: { status: 'screened', label: '已排查无异常' },
  returnee: { status: 'screened', label: '有返程人员' },
  fever: { status: 'screened', label: '有发热' },
  not_home: { status: 'not_home', label: '无人在家' },
  refused: { status: 'refused', label: '拒绝配合' },
};

export interface ScreeningRecord extends Record<string, unknown>, AddressFields {
  communityId: number;
  screenedOn: string;
  screenedBy: string;
  status: ScreeningStatus;
  /** The result as kept on the household: the result's words, then the row's notes. */
  result: string;
  /** Found by the ledger check. */
  householdId: number | null;
}

type LedgerHousehold = Pick<HouseholdRow, 'id' | 'community_id' | 'head_name'>;

const partsOf = (r: ScreeningRecord): AddressParts => ({ estate: r.estate, building: r.building, unit: r.unit, room: r.room, addressText: r.addressText });

/** 幸福小区3号楼2单元101室 written in one cell, as the parts a residents sheet gives: both ways find the household. */
const ONE_CELL_ADDRESS = /^(.*?)(\d+)\s*(?:号楼|栋|幢|号|楼)\s*(\d+)\s*单元\s*(\d+)\s*(?:室|号)?$/;

function keysOf(a: AddressParts): string[] {
  const keys = [addressKey(a)];
  if (a.addressText) {
    keys.push(addressKey({ addressText: a.addressText }));
    const m = ONE_CELL_ADDRESS.exec(a.addressText.replace(/\s/g, ''));
    if (m) keys.push(addressKey({ estate: m[1] || null, building: m[2], unit: m[3], room: m[4] }));
  }
  return [...new Set(keys)];
}

function householdFinder(db: ReadDb): (r: ScreeningRecord) => LedgerHousehold | undefined {
  // UNIQUE (community_id, address_key)
  const stmt = db.prepare(`SELECT id, community_id, head_name FROM households WHERE community_id = @communityId AND address_key = @key`);
  return (r) => {
    for (const key of keysOf(partsOf(r))) {
      const h = stmt.get({ communityId: r.communityId, key }) as LedgerHousehold | undefined;
      if (h) return h;
    }
    return undefined;
  };
}

const fail = (field: string, message: string): Built<ScreeningRecord> => ({ ok: false, reasons: [{ field, message }] });

function checkAgainstLedger(db: ReadDb, today: string): (r: ScreeningRecord) => Built<ScreeningRecord> {
  const find = householdFinder(db);
  const names = new Map((db.prepare(`SELECT id, name FROM communities`).all() as { id: number; name: string }[]).map((c) => [c.id, c.name]));
  return (r) => {
    if (r.screenedOn > today) return fail('排查日期', `${r.screenedOn} 晚于今天（${today}），不能登记未来的日期`);
    const h = find(r);
    if (!h) {
      return fail(
        '住址',
        `台账中「${names.get(r.communityId) ?? ''}」没有住址为「${formatAddress(partsOf(r))}」的户。请先导入这户居民（导入内容选“居民（按户）”），或核对住址的写法`,
      );
    }
    if (r.headName && h.head_name && r.headName.replace(/\s/g, '') !== h.head_name.replace(/\s/g, '')) {
      return fail('户主', `与台账中这户的户主「${h.head_name}」不一致，请核对住址`);
    }
    return { ok: true, record: { ...r, householdId: h.id } };
  };
}

/** The ledger's visit to this household on the row's day, as a record, for "unchanged" and the side-by-side view. */
function currentOf(db: ReadDb, r: ScreeningRecord, householdId: number): ScreeningRecord | undefined {
  const v = visitOn(db, householdId, r.screenedOn);
  return v && { ...r, householdId, screenedOn: v.visitedOn, screenedBy: v.visitedBy ?? '', status: v.status, result: v.result ?? '' };
}

function write(w: WriteCtx, householdId: number, r: ScreeningRecord): void {
  const written = upsertHousehold(
    w.db,
    { id: householdId, communityId: r.communityId, screeningStatus: r.status, screenedOn: r.screenedOn, screenedBy: r.screenedBy, screeningResult: r.result },
    w.now,
    w.context.clock.today(),
    w.context.sealer,
    { source: 'import', file: w.fileName },
  );
  for (const a of written.audit) w.audit(a);
}

export const screeningsTarget: ImportTarget<ScreeningRecord> = {
  def: TARGETS.screenings,
  build(v) {
    const code = v.result as ResultCode;
    const notes = str(v.notes);
    const record: ScreeningRecord = {
      communityId: v.community as number,
      ...addressFieldsOf(v),
      screenedOn: v.screenedOn as string,
      screenedBy: v.screenedBy as string,
      status: RESULTS[code].status,
      result: notes ? `${RESULTS[code].label}：${notes}` : RESULTS[code].label,
      householdId: null,
    };
    const reasons: Reason[] = [];
    if (!hasAddress(partsOf(record))) reasons.push({ field: '住址', message: '不能为空：请填写住址，或小区、楼栋、单元、室' });
    if (record.result.length > 200) reasons.push({ field: '备注', message: `排查结果连同备注最多 200 个字，这里有 ${record.result.length} 个` });
    return reasons.length > 0 ? { ok: false, reasons } : { ok: true, record };
  },
  ledgerCheck: checkAgainstLedger,
  keyOf: (r) => `${r.communityId}|${addressKey(partsOf(r))}|${r.screenedOn}`,
  sameKeyMessage: (first) => `与第 ${first} 行是同一户同一天的排查，但内容不同，请核对后合并为一行`,
  matcher(db) {
    const find = householdFinder(db);
    return (r) => {
      const h = find(r);
      // The household's visit on this day is the row's match: any other day's row is a visit new to the ledger.
      const current = h && currentOf(db, r, h.id);
      return current ? { id: h.id, current } : null;
    };
  },
  same(existing: Existing, r) {
    const c = existing.current as ScreeningRecord;
    return c.status === r.status && c.screenedBy === r.screenedBy && c.result === r.result;
  },
  canKeepBoth: () => false,
  insert(w, r) {
    write(w, r.householdId!, r);
    return r.householdId!;
  },
  update(w, existing, r) {
    write(w, existing.id, r);
  },
  show(r) {
    const rec = r as Partial<ScreeningRecord>;
    return {
      住址: formatAddress({
        estate: rec.estate ?? null,
        building: rec.building ?? null,
        unit: rec.unit ?? null,
        room: rec.room ?? null,
        addressText: rec.addressText ?? null,
      }),
      排查日期: rec.screenedOn ?? '',
      排查人: rec.screenedBy ?? '',
      排查结果: rec.result ?? '',
    };
  },
};
