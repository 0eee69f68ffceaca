/**
 * A row's MAC is the keyed index (purpose `row:<table>`) of the JSON text of [id, ...bound values], blobs as
 * base64 strings: MACs written by every earlier version must still match, so the text is pinned here.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rowMac, type RowBinding } from '../../../electron/core/db/row-binding';
import { makeSealer } from '../../../electron/core/db/sealer';

const BINDING: RowBinding = { table: 'residents', label: '居民', columns: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], sealed: ['c'] };

describe('row MAC', () => {
  it('is the index of JSON.stringify([id, ...values]) with blobs as base64, for every kind of value', () => {
    const sealer = makeSealer(randomBytes(32));
    const byDefinition = (id: number, values: unknown[]): Buffer =>
      sealer.index('row:residents', JSON.stringify([id, ...values.map((v) => (Buffer.isBuffer(v) ? v.toString('base64') : (v ?? null)))]));
    const rows: unknown[][] = [
      [12, '王淼焱', randomBytes(51), randomBytes(44), randomBytes(43), null, null, null],
      [null, '李"娜\\\n\u2028', Buffer.alloc(0), null, undefined, 1.5, -0, true],
      [Number.NaN, '', randomBytes(3000), 'x'.repeat(700), false, 0, '😀', { k: [1, 'v'] }],
    ];
    for (const [i, values] of rows.entries()) expect(rowMac(sealer, BINDING, i + 1, values).equals(byDefinition(i + 1, values))).toBe(true);
  });
});
