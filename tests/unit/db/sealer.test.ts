import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { writeCounterBlock } from '../../../electron/core/db/keystream';
import { isSealed, makeSealer } from '../../../electron/core/db/sealer';
import { shortHmac } from '../../../electron/core/db/short-hmac';

describe('sealer', () => {
  const sealer = makeSealer(randomBytes(32));

  it('seals a value so the stored bytes do not contain it, and opens it again', () => {
    const sealed = sealer.seal('residents.id_number', '410105196203120178');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed.toString('latin1')).not.toContain('410105196203120178');
    expect(sealer.open('residents.id_number', sealed)).toBe('410105196203120178');
  });

  it('seals the same value differently each time (fresh IV), while the index is the same', () => {
    const a = sealer.seal('residents.phone', '13803711002');
    const b = sealer.seal('residents.phone', '13803711002');
    expect(a.equals(b)).toBe(false);
    expect(sealer.index('residents.phone', '13803711002').equals(sealer.index('residents.phone', '13803711002'))).toBe(true);
    expect(sealer.index('residents.phone', '13803711002')).toHaveLength(16);
  });

  it('keys the index per purpose: the same digits under another purpose give another index', () => {
    expect(sealer.index('residents.phone', '1002').equals(sealer.index('residents.id_tail', '1002'))).toBe(false);
  });

  it('refuses a value moved to another purpose, one altered by a byte, and one sealed with another key, in Chinese', () => {
    const sealed = sealer.seal('residents.id_number', '410105196203120178');
    expect(() => sealer.open('residents.phone', sealed)).toThrow(/无法解开/);
    const flipped = Buffer.from(sealed);
    flipped[20] = flipped[20]! ^ 1;
    expect(() => sealer.open('residents.id_number', flipped)).toThrow(/无法解开/);
    expect(() => makeSealer(randomBytes(32)).open('residents.id_number', sealed)).toThrow(/无法解开/);
    expect(() => sealer.open('residents.id_number', Buffer.from('410105196203120178'))).toThrow(/格式不正确/);
  });

  it('leaves "no value" as null, and seals bytes (attachments) as well as text', () => {
    expect(sealer.sealOptional('residents.phone', '')).toBeNull();
    expect(sealer.sealOptional('residents.phone', null)).toBeNull();
    expect(sealer.openOptional('residents.phone', null)).toBeNull();
    const bytes = randomBytes(1000);
    expect(sealer.openBytes('honours.attachment', sealer.sealBytes('honours.attachment', bytes)).equals(bytes)).toBe(true);
  });

  it('computes HMAC-SHA-256 as createHmac does, for messages in parts, empty, at the edge of the short path and beyond it', () => {
    const key = randomBytes(32);
    const mac = shortHmac(key);
    for (const length of [0, 1, 20, 55, 56, 64, 119, 2047, 2048, 2049, 10_000]) {
      const message = randomBytes(length);
      const parts = [message.subarray(0, length >> 2), message.subarray(length >> 2, length >> 1), message.subarray(length >> 1)];
      expect(mac(parts).equals(createHmac('sha256', key).update(message).digest())).toBe(true);
    }
  });

  it('keeps the keyed index of earlier versions: HMAC-SHA-256 under HMAC(index root, purpose), first 16 bytes', () => {
    const key = randomBytes(32);
    const root = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'taizhang-index-v1', 32));
    const byHand = (purpose: string, value: string): Buffer =>
      createHmac('sha256', createHmac('sha256', root).update(purpose).digest()).update(value, 'utf8').digest().subarray(0, 16);
    const s = makeSealer(key);
    for (const [purpose, value] of [
      ['residents.id_number.index', '410105196203120178'],
      ['residents.phone.tail4', '1002'],
      ['staff.name', '王淼焱'],
    ] as const) {
      expect(s.index(purpose, value).equals(byHand(purpose, value))).toBe(true);
    }
  });

  describe('version 1 (AES-256-GCM: version | 12-byte IV | ciphertext | 16-byte tag, purpose as AAD), what earlier versions sealed', () => {
    const key = randomBytes(32);
    const fast = makeSealer(key);
    const sealKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'taizhang-seal-v1', 32));
    // The format written out by hand, as the first version sealed: a ledger's existing values must keep opening.
    const sealedByHand = (purpose: string, value: string): Buffer => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', sealKey, iv);
      c.setAAD(Buffer.from(purpose));
      const body = Buffer.concat([c.update(value, 'utf8'), c.final()]);
      return Buffer.concat([Buffer.of(1), iv, body, c.getAuthTag()]);
    };

    it('opens values sealed in that format, and refuses them altered, under another purpose or another key', () => {
      const sealed = sealedByHand('residents.id_number', '410105196203120178');
      expect(isSealed(sealed)).toBe(true);
      expect(fast.open('residents.id_number', sealed)).toBe('410105196203120178');
      expect(fast.openBytes('honours.attachment', sealedByHand('honours.attachment', 'x'.repeat(3000))).toString()).toBe('x'.repeat(3000));
      expect(() => fast.open('residents.phone', sealed)).toThrow(/无法解开/);
      for (const at of [1, 13, sealed.length - 1]) {
        const flipped = Buffer.from(sealed);
        flipped[at] = flipped[at]! ^ 0x40;
        expect(() => fast.open('residents.id_number', flipped)).toThrow(/无法解开/);
      }
      expect(() => makeSealer(randomBytes(32)).open('residents.id_number', sealed)).toThrow(/无法解开/);
    });
  });

  describe('version 2 (AES-256-CTR then HMAC-SHA-256: version | 16-byte counter block | ciphertext | 16-byte tag), what seal makes', () => {
    const key = randomBytes(32);
    const fast = makeSealer(key);
    const hkdf = (info: string): Buffer => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, 32));
    const ctrKey = hkdf('taizhang-seal-v2-aes-ctr');
    const macKey = hkdf('taizhang-seal-v2-hmac');
    // The format read back by hand from its definition (sealer.ts): the tag over 2 | purpose | counter block | ciphertext | bit length of (2 | purpose).
    const openByHand = (purpose: string, sealed: Buffer): string => {
      const data = Buffer.concat([Buffer.of(2), Buffer.from(purpose)]);
      const bits = Buffer.alloc(8);
      bits.writeBigUInt64BE(BigInt(data.length * 8));
      const body = sealed.subarray(1, sealed.length - 16);
      const tag = createHmac('sha256', macKey).update(data).update(body).update(bits).digest().subarray(0, 16);
      if (!tag.equals(sealed.subarray(sealed.length - 16))) throw new Error('tag does not match');
      const d = createDecipheriv('aes-256-ctr', ctrKey, body.subarray(0, 16));
      return Buffer.concat([d.update(body.subarray(16)), d.final()]).toString('utf8');
    };
    const counterOf = (sealed: Buffer): bigint => BigInt(`0x${sealed.subarray(1, 17).toString('hex')}`);

    it('seals in that format: the value opens by its definition and by the sealer, and the bytes hold nothing of it', () => {
      const sealed = fast.seal('residents.phone', '13803711002');
      expect(sealed).toHaveLength(1 + 16 + 11 + 16);
      expect(sealed[0]).toBe(2);
      expect(isSealed(sealed)).toBe(true);
      expect(openByHand('residents.phone', sealed)).toBe('13803711002');
      expect(openByHand('residents.name', fast.seal('residents.name', '王淼焱'))).toBe('王淼焱');
      expect(fast.open('residents.phone', sealed)).toBe('13803711002');
      // A long value (an attachment) has a CTR pass of its own, in the same format.
      const big = randomBytes(5000);
      const sealedBig = fast.sealBytes('honours.attachment', big);
      expect(sealedBig).toHaveLength(1 + 16 + 5000 + 16);
      expect(fast.openBytes('honours.attachment', sealedBig).equals(big)).toBe(true);
      expect(fast.openBytes('x', fast.sealBytes('x', Buffer.alloc(0)))).toHaveLength(0);
    });

    it('seals and indexes texts of every length the same way, either side of the short paths (a text encoded in place, a long one on its own)', () => {
      const root = hkdf('taizhang-index-v1');
      const indexByHand = (purpose: string, value: string): Buffer =>
        createHmac('sha256', createHmac('sha256', root).update(purpose).digest()).update(value, 'utf8').digest().subarray(0, 16);
      for (const length of [0, 1, 18, 341, 342, 343, 682, 683, 684, 1024, 1025, 3000]) {
        for (const unit of ['7', '淼', '😀']) {
          const text = unit.repeat(Math.floor(length / unit.length)); // whole characters: a lone surrogate is not text
          if (text !== '') expect(openByHand('residents.note', fast.seal('residents.note', text))).toBe(text);
          expect(fast.index('residents.note', text).equals(indexByHand('residents.note', text))).toBe(true);
        }
      }
    });

    it('refuses a value with any byte altered, cut short, under another purpose or another key (the tag is checked first)', () => {
      const sealed = fast.seal('residents.id_number', '410105196203120178');
      for (let at = 0; at < sealed.length; at++) {
        const flipped = Buffer.from(sealed);
        flipped[at] = flipped[at]! ^ 0x01;
        // Byte 0 flipped to 3 is no format at all; every other change is refused as altered.
        expect(() => fast.open('residents.id_number', flipped)).toThrow(at === 0 ? /格式不正确/ : /无法解开/);
      }
      expect(() => fast.open('residents.id_number', sealed.subarray(0, sealed.length - 1))).toThrow(/无法解开/);
      expect(() => fast.open('residents.id_number', sealed.subarray(0, 20))).toThrow(/格式不正确/);
      expect(() => fast.open('residents.id_number.x', sealed)).toThrow(/无法解开/);
      expect(() => makeSealer(randomBytes(32)).open('residents.id_number', sealed)).toThrow(/无法解开/);
      // The version byte is authenticated: the same bytes presented as version 1 do not open either.
      expect(() => fast.open('residents.id_number', Buffer.concat([Buffer.of(1), sealed.subarray(1)]))).toThrow(/无法解开/);
    });

    it('never uses the same key stream twice: the counter blocks of each value are its own, across many CTR passes', () => {
      const ranges: Array<[bigint, bigint]> = [];
      const seen = new Set<string>();
      for (let i = 0; i < 12_000; i++) {
        // Lengths of 1 to 3 blocks, so values take different numbers of counter blocks.
        const value = '4'.repeat(1 + (i % 40));
        const sealed = fast.seal('residents.id_number', value);
        const start = counterOf(sealed);
        ranges.push([start, start + BigInt(Math.max(1, Math.ceil(value.length / 16)))]);
        seen.add(sealed.subarray(1, 17).toString('hex'));
        if (i % 997 === 0) expect(openByHand('residents.id_number', sealed)).toBe(value);
      }
      expect(seen.size).toBe(12_000);
      ranges.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0] >= ranges[i - 1]![1]).toBe(true);
    });

    it('counts counter blocks as AES-CTR does: 128-bit big-endian, carrying through every byte and wrapping at 2^128', () => {
      const asBig = (b: Buffer): bigint => BigInt(`0x${b.toString('hex')}`);
      for (const [startHex, blocks] of [
        ['00000000000000000000000000000000', 4095],
        ['000000000000000000000000000000ff', 1],
        ['0000000000000000ffffffffffffff01', 4000],
        ['fffffffffffffffffffffffffffffff0', 32],
      ] as const) {
        const out = Buffer.alloc(20, 0xaa);
        writeCounterBlock(out, 2, Buffer.from(startHex, 'hex'), blocks);
        expect(asBig(out.subarray(2, 18))).toBe((asBig(Buffer.from(startHex, 'hex')) + BigInt(blocks)) % 2n ** 128n);
        expect([out[0], out[1], out[18], out[19]]).toEqual([0xaa, 0xaa, 0xaa, 0xaa]);
        // OpenSSL's CTR from the start block, `blocks` blocks on, is the key stream of the block written.
        const key = randomBytes(32);
        const stream = createCipheriv('aes-256-ctr', key, Buffer.from(startHex, 'hex')).update(Buffer.alloc((blocks + 1) * 16));
        const there = createCipheriv('aes-256-ctr', key, out.subarray(2, 18)).update(Buffer.alloc(16));
        expect(there.equals(stream.subarray(blocks * 16))).toBe(true);
      }
    });

    it('seals the same value differently each time, under one sealer and under two sealers of the same key', () => {
      const again = makeSealer(key);
      const values = new Set([fast.seal('p', '1'), fast.seal('p', '1'), again.seal('p', '1'), again.seal('p', '1')].map((b) => b.toString('hex')));
      expect(values.size).toBe(4);
    });

    it('computes the index of a short value once and hands out copies: altering one changes no later index', () => {
      const first = fast.index('residents.phone.tail4', '1002');
      first.fill(0);
      const again = fast.index('residents.phone.tail4', '1002');
      expect(again.equals(makeSealer(key).index('residents.phone.tail4', '1002'))).toBe(true);
      expect(again.equals(Buffer.alloc(16))).toBe(false);
      expect(fast.index('residents.id_number.tail4', '1002').equals(again)).toBe(false);
    });
  });
});
