import iconv from 'iconv-lite';

/**
 * GB18030 bytes as the ledger reads them, worked out independently of read-csv.ts: iconv-lite's text (its decoder
 * before w58-speed), except that a four-byte code GB18030 gives no character (84 31 A5 30 to 8F 39 FE 39, E3 32 9A 36 to
 * FE 39 FE 39) reads U+FFFD, as the native decoder reads it, not iconv-lite's U+10000–U+3484B or lone surrogates
 * (S41-A3). The codes found as iconv-lite's decoder finds them: four bytes lead digit lead digit, two bytes lead trail,
 * else one. Shared by read-csv.test and security/session34-gb18030-edges (a helper module: importing a test file would
 * run its tests there too).
 */
export function gb18030Read(b: Buffer): string {
  const out = Buffer.from(b);
  let at = 0;
  for (const code of b.toString('latin1').match(/[\x81-\xfe][\x30-\x39][\x81-\xfe][\x30-\x39]|[\x81-\xfe][\x40-\x7e\x80-\xfe]|[\s\S]/g) ?? []) {
    const unassigned = code.length === 4 && ((code > '\x84\x31\xa4\x39' && code < '\x90\x30\x81\x30') || code > '\xe3\x32\x9a\x35');
    if (unassigned) out.set(iconv.encode('\uFFFD', 'gb18030'), at);
    at += code.length;
  }
  return iconv.decode(out, 'gb18030');
}
