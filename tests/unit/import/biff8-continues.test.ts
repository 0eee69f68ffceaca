/**
 * A record joined with its CONTINUE records (biff8-records.ts withContinues), walked first and allocated once since
 * S32-A3 (w50-import): the body, the breaks and where the next record starts must be the ones the views joined by one
 * concat gave, a CONTINUE cut off by the stream's end included; a run longer than MAX_CONTINUES is damaged.
 */
import { describe, expect, it } from 'vitest';
import { Damaged, MAX_CONTINUES, withContinues } from '../../../electron/core/io/import/biff8-records';

/** As it was read before: a view per CONTINUE, one concat. */
function asBefore(stream: Buffer, at: number): { body: Buffer; breaks: number[]; next: number } {
  const size = stream.readUInt16LE(at + 2);
  const parts = [stream.subarray(at + 4, at + 4 + size)];
  const breaks: number[] = [];
  let length = parts[0]!.length;
  let p = at + 4 + size;
  while (p + 4 <= stream.length && stream.readUInt16LE(p) === 0x003c) {
    const s = stream.readUInt16LE(p + 2);
    breaks.push(length);
    parts.push(stream.subarray(p + 4, p + 4 + s));
    length += parts.at(-1)!.length;
    p += 4 + s;
  }
  return { body: Buffer.concat(parts), breaks, next: p };
}

function record(type: number, body: Buffer, said = body.length): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(type, 0);
  head.writeUInt16LE(said, 2);
  return Buffer.concat([head, body]);
}

describe('a record with its CONTINUE records', () => {
  it('gives the body, breaks and next record the views and one concat gave: empty, full and cut-off CONTINUEs', () => {
    let seed = 5;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let k = 0; k < 300; k++) {
      const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => rnd(256)));
      const parts = [record(0x00fc, bytes(rnd(40)))];
      for (let c = rnd(6); c > 0; c--) parts.push(record(0x003c, bytes(rnd(3) === 0 ? 0 : rnd(30))));
      if (rnd(2) === 0) parts.push(record(0x000a, Buffer.alloc(0)));
      let stream = Buffer.concat(parts);
      // Now and then the stream ends inside the last record, or a CONTINUE says more than is there.
      if (rnd(3) === 0) stream = stream.subarray(0, Math.max(4, stream.length - rnd(8)));
      const got = withContinues(stream, 0);
      const want = asBefore(stream, 0);
      expect({ ...got, body: got.body.toString('hex') }, stream.toString('hex')).toEqual({ ...want, body: want.body.toString('hex') });
    }
  });

  it('reads MAX_CONTINUES continuations, and refuses one more as damaged', () => {
    const run = (n: number) => Buffer.concat([record(0x00fc, Buffer.alloc(8)), ...Array.from({ length: n }, () => record(0x003c, Buffer.from([1])))]);
    const at = withContinues(run(MAX_CONTINUES), 0);
    expect([at.body.length, at.breaks.length, at.breaks.at(-1)]).toEqual([8 + MAX_CONTINUES, MAX_CONTINUES, 8 + MAX_CONTINUES - 1]);
    expect(() => withContinues(run(MAX_CONTINUES + 1), 0)).toThrow(Damaged);
  });
});
