/** The 512-byte header of a version-3 compound file as the crafted-file tests write it ([MS-CFB] 2.2). */
export const SECTOR = 512;
export const ENTRY = 128;
export const NONE = 0xffffffff;
export const END_OF_CHAIN = 0xfffffffe;

/**
 * A buffer of `sectors` sectors after the header, the header written: 512-byte sectors, `fatSectors` FAT sectors first
 * (numbers 0…fatSectors − 1, listed in the header's DIFAT), the directory starting right after them, no mini FAT.
 */
export function compoundBuffer(sectors: number, fatSectors: number): Buffer {
  const buf = Buffer.alloc(SECTOR * (1 + sectors));
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(buf, 0);
  buf.writeUInt16LE(0x3e, 24);
  buf.writeUInt16LE(3, 26);
  buf.writeUInt16LE(0xfffe, 28);
  buf.writeUInt16LE(9, 30);
  buf.writeUInt16LE(6, 32);
  buf.writeUInt32LE(fatSectors, 44);
  buf.writeUInt32LE(fatSectors, 48);
  buf.writeUInt32LE(0x1000, 56);
  buf.writeUInt32LE(END_OF_CHAIN, 60);
  buf.writeUInt32LE(END_OF_CHAIN, 68);
  for (let i = 0; i < 109; i++) buf.writeUInt32LE(i < fatSectors ? i : NONE, 76 + i * 4);
  return buf;
}
