/**
 * What a residents import's commit stores for the households and residents it creates, pinned column by
 * column: the rows, and the audit records batched by columns (their keys in order: a batch's columns are
 * its first record's keys, and the log's readers find a record by them). The commit builds these records
 * as literals, not spreads, and the tags' text without a copy and sort for one tag or none
 * (targets/resident-bulk.ts); this holds them to what the spreads and the sort gave, prepared at preview
 * or computed at commit.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unpackBatch } from '../../../electron/core/audit/batched-entries';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeCsv } from './files';
import { makeIdNumber } from '../../../electron/core/people/id-number';

const opened: TestLedger[] = [];
afterEach(() => {
  for (const t of opened.splice(0)) t.close();
});

const MAPPING = ['community', 'grid', 'name', 'idNumber', 'phone', 'estate', 'building', 'unit', 'room', 'tags'];
const ID_A = makeIdNumber('420106', '1956-11-08', 31);
const ID_B = makeIdNumber('420106', '1958-01-20', 42);
const ROWS = [
  ['社区', '网格', '姓名', '身份证号', '电话', '小区', '楼栋', '单元', '室', '特殊人群'],
  // Two tags, not in the stored order (sorted by code: disabled before solitary_elderly).
  ['东风社区', '一网格', '张伟', ID_A, '13800138000', '幸福小区', '3', '2', '101', '独居老人、残疾人'],
  ['东风社区', '一网格', '刘芳', ID_B, '', '幸福小区', '3', '2', '101', ''],
  ['东风社区', '二网格', '李娜', '', '13700137000', '幸福小区', '5', '1', '202', '慢性病'],
];

async function imported(prepared: boolean) {
  const t = await openTestLedger();
  opened.push(t);
  await seedOrg(t);
  const path = writeCsv(join(scratch(), '居民.csv'), ROWS, 'utf-8-bom');
  const input = { target: 'residents' as const, mapping: MAPPING, onDuplicate: 'skip' as const, path };
  const previewId = prepared ? (await t.call('import.preview', input)).previewId : undefined;
  await t.call('import.commit', { ...input, ...(previewId ? { previewId } : {}) });
  const db = t.core.services.ledger.handle();
  const households = db
    .prepare(
      `SELECT id, community_id, grid_id, estate, building, unit, room, address_text, address_key, head_name, phone, phone_sealed, phone_masked,
              screening_status, screened_on, screened_by, screening_result, revisit_on, row_mac FROM households ORDER BY id`,
    )
    .all();
  const residents = db.prepare(`SELECT id, household_id, name, sex, tags, relation, id_number_was15 FROM residents ORDER BY id`).all();
  const audit = (
    db
      .prepare(
        `SELECT entity, entity_id AS entityId, after_json AS after FROM audit_log WHERE channel = 'import.commit' AND entity IN ('household', 'resident') ORDER BY id`,
      )
      .all() as {
      entity: string;
      entityId: string;
      after: string;
    }[]
  ).map((a) => ({
    entity: a.entity,
    entityId: a.entityId,
    columns: (JSON.parse(a.after) as { columns?: string[] }).columns,
    records: unpackBatch(JSON.parse(a.after)),
  }));
  const grids = new Map((db.prepare(`SELECT name, id FROM grids`).all() as { name: string; id: number }[]).map((g) => [g.name, g.id]));
  return { households, residents, audit, grids };
}

describe('the households and residents a residents import creates', () => {
  it.each([
    ['prepared at preview', true],
    ['computed at commit', false],
  ])('%s: rows and batched audit records as before, keys in their order', async (_label, prepared) => {
    const { households, residents, audit, grids } = await imported(prepared);
    const one = grids.get('一网格')!;
    const two = grids.get('二网格')!;
    const community = (households[0] as { community_id: number }).community_id;
    const unscreened = { phone: null, screening_status: 'unscreened', screened_on: null, screened_by: null, screening_result: null, revisit_on: null };
    expect(households).toEqual([
      {
        id: 1,
        community_id: community,
        grid_id: one,
        estate: '幸福小区',
        building: '3',
        unit: '2',
        room: '101',
        address_text: null,
        address_key: expect.any(String),
        head_name: null,
        phone_sealed: null,
        phone_masked: null,
        row_mac: null,
        ...unscreened,
      },
      {
        id: 2,
        community_id: community,
        grid_id: two,
        estate: '幸福小区',
        building: '5',
        unit: '1',
        room: '202',
        address_text: null,
        address_key: expect.any(String),
        head_name: null,
        phone_sealed: null,
        phone_masked: null,
        row_mac: null,
        ...unscreened,
      },
    ]);
    expect(residents).toEqual([
      { id: 1, household_id: 1, name: '张伟', sex: 'M', tags: '["disabled","solitary_elderly"]', relation: null, id_number_was15: 0 },
      { id: 2, household_id: 1, name: '刘芳', sex: 'F', tags: '[]', relation: null, id_number_was15: 0 },
      { id: 3, household_id: 2, name: '李娜', sex: null, tags: '["chronic"]', relation: null, id_number_was15: 0 },
    ]);
    const byEntity = (e: string) => audit.filter((a) => a.entity === e);
    expect(byEntity('household').map((a) => [a.entityId, a.columns])).toEqual([
      [
        '1–2',
        [
          'id',
          'community_id',
          'grid_id',
          'estate',
          'building',
          'unit',
          'room',
          'address_text',
          'address_key',
          'head_name',
          'phone',
          'screening_status',
          'screened_on',
          'screened_by',
          'screening_result',
          'revisit_on',
        ],
      ],
    ]);
    const keys = households.map((h) => (h as { address_key: string }).address_key);
    expect(byEntity('household')[0]!.records).toEqual([
      {
        id: 1,
        community_id: community,
        grid_id: one,
        estate: '幸福小区',
        building: '3',
        unit: '2',
        room: '101',
        address_text: null,
        address_key: keys[0],
        head_name: null,
        ...unscreened,
      },
      {
        id: 2,
        community_id: community,
        grid_id: two,
        estate: '幸福小区',
        building: '5',
        unit: '1',
        room: '202',
        address_text: null,
        address_key: keys[1],
        head_name: null,
        ...unscreened,
      },
    ]);
    expect(byEntity('resident').map((a) => [a.entityId, a.columns])).toEqual([
      ['1–3', ['household_id', 'community_id', 'grid_id', 'name', 'id_number', 'id_number_was15', 'sex', 'phone', 'tags', 'relation', 'id', 'birth_year']],
    ]);
    expect((byEntity('resident')[0]!.records as { name: string; tags: string }[]).map((r) => [r.name, r.tags])).toEqual([
      ['张伟', '["disabled","solitary_elderly"]'],
      ['刘芳', '[]'],
      ['李娜', '["chronic"]'],
    ]);
  });
});
