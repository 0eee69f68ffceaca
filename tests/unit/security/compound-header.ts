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

/**
 * The directory of `dirSectors` sectors from sector `first` on: every entry's left sibling, right sibling and child set
 * to none, and one entry for each of `names`, in order: the first the root (type 5), the others of `type` (1 a storage,
 * 2 a stream), all black. Returns the used entries' byte offsets, for the caller's links, start sectors and sizes.
 */
export function writeDirectory(buf: Buffer, first: number, dirSectors: number, names: readonly string[], type: 1 | 2): number[] {
  const dir = SECTOR * (1 + first);
  const used: number[] = [];
  for (let i = 0; i < dirSectors * (SECTOR / ENTRY); i++) {
    const e = dir + i * ENTRY;
    buf.writeUInt32LE(NONE, e + 68);
    buf.writeUInt32LE(NONE, e + 72);
    buf.writeUInt32LE(NONE, e + 76);
    const name = names[i];
    if (name === undefined) continue;
    buf.write(name, e, 'utf16le');
    buf.writeUInt16LE((name.length + 1) * 2, e + 64);
    buf[e + 66] = i === 0 ? 5 : type;
    buf[e + 67] = 1;
    used.push(e);
  }
  return used;
}
