import { randomBytes } from 'node:crypto';
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
});
