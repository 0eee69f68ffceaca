/**
 * The record a residents-import row becomes (targets/residents.ts build): every field, its keys in a fixed order, and
 * the optional ones (idNumberWas15, isHead) present only when they hold. Two rows' records are compared by their JSON
 * (pipeline.ts: 「与第 n 行完全相同」), and a flagged row keeps its record (session 34: written as a literal, for speed).
 */
import { describe, expect, it } from 'vitest';
import { HEAD_RELATION } from '../../../electron/core/caseload/relation.shared';
import { residentsTarget } from '../../../electron/core/io/import/targets/residents';
import type { Lookups, Values } from '../../../electron/core/io/import/values';

const lookups: Lookups = {
  communities: new Map([['东风', 7]]),
  communityNames: new Map([[7, '东风社区']]),
  grids: new Map([['7|第二网格', 12]]),
};

const row: Values = {
  community: 7,
  grid: '第二网格',
  name: '张三',
  idNumber: '410105196203120178',
  phone: '13803711002',
  tags: ['独居老人', '残疾人'],
  estate: '青松里',
  building: '3',
  unit: '2',
  room: '301',
  address: '',
  relation: '',
};

function recordOf(v: Values): Record<string, unknown> {
  const built = residentsTarget.build(v, lookups);
  if (!built.ok) throw new Error(JSON.stringify(built.reasons));
  return built.record;
}

const KEYS = ['communityId', 'gridId', 'name', 'idNumber', 'phone', 'tags', 'estate', 'building', 'unit', 'room', 'addressText', 'headName', 'relation'];

describe('a residents-import row as a record', () => {
  it('holds every field in order, tags sorted, empty texts as null, nothing optional', () => {
    const r = recordOf(row);
    expect(Object.keys(r)).toEqual(KEYS);
    expect(r).toStrictEqual({
      communityId: 7,
      gridId: 12,
      name: '张三',
      idNumber: '410105196203120178',
      phone: '13803711002',
      tags: ['残疾人', '独居老人'].sort(),
      estate: '青松里',
      building: '3',
      unit: '2',
      room: '301',
      addressText: null,
      headName: null,
      relation: null,
    });
    expect(row.tags).toEqual(['独居老人', '残疾人']);
  });

  it('says the file wrote 15 digits, and only then', () => {
    const r = recordOf({ ...row, idNumberWas15: true });
    expect(Object.keys(r)).toEqual([...KEYS, 'idNumberWas15']);
    expect(r.idNumberWas15).toBe(true);
    expect('idNumberWas15' in recordOf({ ...row, idNumberWas15: false })).toBe(false);
  });

  it('marks the household head, and only a head', () => {
    const r = recordOf({ ...row, relation: HEAD_RELATION, idNumberWas15: true, headName: '张三', grid: null, tags: [] });
    expect(Object.keys(r)).toEqual([...KEYS, 'idNumberWas15', 'isHead']);
    expect(r).toMatchObject({ gridId: null, tags: [], headName: '张三', relation: HEAD_RELATION, isHead: true });
    expect('isHead' in recordOf({ ...row, relation: '配偶' })).toBe(false);
  });

  it('two rows alike give the same JSON (the duplicate-row check compares it)', () => {
    expect(JSON.stringify(recordOf({ ...row }))).toBe(JSON.stringify(recordOf({ ...row, tags: ['残疾人', '独居老人'] })));
  });
});
