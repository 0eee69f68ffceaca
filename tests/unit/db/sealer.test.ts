import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSealed, makeSealer } from '../../../electron/core/db/sealer';

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

  describe('the stored format (version | 12-byte IV | ciphertext | 16-byte tag, AES-256-GCM, purpose as AAD)', () => {
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
    const openByHand = (purpose: string, sealed: Buffer): string => {
      const d = createDecipheriv('aes-256-gcm', sealKey, sealed.subarray(1, 13));
      d.setAAD(Buffer.from(purpose));
      d.setAuthTag(sealed.subarray(sealed.length - 16));
      return Buffer.concat([d.update(sealed.subarray(13, sealed.length - 16)), d.final()]).toString('utf8');
    };

    it('opens values sealed in that format, and seals values that open by it', () => {
      expect(fast.open('residents.id_number', sealedByHand('residents.id_number', '410105196203120178'))).toBe('410105196203120178');
      const sealed = fast.seal('residents.phone', '13803711002');
      expect(sealed).toHaveLength(1 + 12 + 11 + 16);
      expect(sealed[0]).toBe(1);
      expect(openByHand('residents.phone', sealed)).toBe('13803711002');
      expect(openByHand('residents.name', fast.seal('residents.name', '王淼焱'))).toBe('王淼焱');
    });

    it('computes the index of a short value once and hands out copies: altering one changes no later index', () => {
      const first = fast.index('residents.phone.tail4', '1002');
      first.fill(0);
      const again = fast.index('residents.phone.tail4', '1002');
      expect(again.equals(makeSealer(key).index('residents.phone.tail4', '1002'))).toBe(true);
      expect(again.equals(Buffer.alloc(16))).toBe(false);
      expect(fast.index('residents.id_number.tail4', '1002').equals(again)).toBe(false);
    });

    it('gives every value its own IV, across many refills of its pool of random IVs', () => {
      const ivs = new Set<string>();
      for (let i = 0; i < 5000; i++) {
        const sealed = fast.seal('residents.phone', '13803711002');
        ivs.add(sealed.subarray(1, 13).toString('hex'));
        if (i % 997 === 0) expect(openByHand('residents.phone', sealed)).toBe('13803711002');
      }
      expect(ivs.size).toBe(5000);
    });
  });
});
