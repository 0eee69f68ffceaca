/**
 * io/import/header.ts: the header found and each column's suggested field, the same whatever was scored
 * before (the field names' keys are made once per field, and each cell's key kept in a bounded cache).
 */
import { describe, expect, it } from 'vitest';
import { findHeader, headerScore, suggestMapping } from '../../../electron/core/io/import/header';
import { TARGETS } from '../../../electron/core/io/import/fields.shared';
import type { SourceRow } from '../../../electron/core/io/import/cells';
import { COMMUNITY_HEADER, communityRows } from '../../integration/import/make-big';

const field = (key: string) => TARGETS.cases.fields.find((f) => f.key === key)!;
const rows = (cells: string[][], from = 1): SourceRow[] => cells.map((c, i) => ({ rowNumber: from + i, cells: c }));

describe('header scan', () => {
  it('scores a header word against a field: exact, contained, one character off, combined', () => {
    expect(headerScore('身份证号码', field('idNumber'))).toBe(3);
    expect(headerScore('（身份证号）', field('idNumber'))).toBe(3);
    expect(headerScore('居民身份证号', field('idNumber'))).toBe(2);
    expect(headerScore('公民身份证码', field('idNumber'))).toBe(1);
    expect(headerScore('联系方式/手机', field('phone'))).toBeGreaterThanOrEqual(2);
    expect(headerScore('姓名', field('idNumber'))).toBe(0);
  });

  it('finds the header under a title row and maps the 14 columns a community keeps', () => {
    const sheet = rows([['青松里社区返程人员登记表（2020年2月）'], COMMUNITY_HEADER, ...communityRows(40)]);
    const layout = findHeader(sheet, TARGETS.cases)!;
    expect(layout.headerRows).toEqual([2]);
    expect(layout.headers).toEqual(COMMUNITY_HEADER);
    const mapping = suggestMapping(layout.headers, TARGETS.cases);
    expect(mapping.slice(0, 3)).toEqual(['community', 'grid', 'name']);
    expect(mapping[4]).toBe('idNumber');
    expect(mapping[5]).toBe('phone');
  });

  it('reads a two-row header with a merged parent', () => {
    const sheet = rows([
      ['序号', '姓名', '身份证号', '联系方式', ''],
      ['', '', '', '手机', '住址'],
      ['1', '张三', '410105196203120178', '13803711002', '3号楼2单元'],
    ]);
    const layout = findHeader(sheet, TARGETS.residents)!;
    expect(layout.headerRows).toEqual([1, 2]);
    expect(layout.headers[3]).toBe('联系方式/手机');
  });

  it('answers the same after thousands of other words were scored (the cell keys are a bounded cache)', () => {
    const sheet = rows([COMMUNITY_HEADER, ...communityRows(20)]);
    const before = suggestMapping(findHeader(sheet, TARGETS.cases)!.headers, TARGETS.cases);
    for (let i = 0; i < 10_000; i++) headerScore(`列${i}号`, field('name'));
    expect(headerScore('身份证号码', field('idNumber'))).toBe(3);
    expect(suggestMapping(findHeader(sheet, TARGETS.cases)!.headers, TARGETS.cases)).toEqual(before);
  });
});
