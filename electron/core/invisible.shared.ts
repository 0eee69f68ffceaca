/**
 * Characters nobody sees (eleventh attack run, T1): C0 and C1 controls other than tab and line breaks (NUL, BEL, the
 * terminal's ESC), DEL, zero-width spaces and joiners, the direction marks, overrides and isolates (U+202E turns the
 * rest of a name round wherever it is shown), word joiners and the byte-order mark. A paste from a chat or a cell
 * copied from the web carries them; stored, 「李四\u200B」 is another name than 「李四」 to every exact match, and
 * 「张\u202E三」 is not what it shows. Dropped at the door, in the contract's text fields and in every imported cell.
 * Variation selectors stay: rare characters in names use them.
 */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/**
 * More of the same, found by the twelfth attack run (T1b): the soft hyphen, the combining grapheme joiner, the Arabic
 * letter mark (a direction mark like U+200F), the Hangul fillers (blank, a character wide), Khmer's invisible vowels,
 * Mongolian's free variation selectors and vowel separator, the braille blank, the interlinear annotation marks, the tag characters
 * (U+E0000–E007F: a whole hidden text can ride in them) and the musical formatting marks; and half a surrogate pair,
 * which is no character at all.
 */
const INVISIBLE_MORE =
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\uffa0\ufff9-\ufffb\ud800-\udfff\u{e0000}-\u{e007f}\u{1d173}-\u{1d17a}]/gu;
/** A variation selector chooses the look of the character before it: one at the start, or after another, chooses nothing. */
const STRAY_SELECTORS = /(^|[\ufe00-\ufe0f\u{e0100}-\u{e01ef}])[\ufe00-\ufe0f\u{e0100}-\u{e01ef}]+/gu;
/**
 * Look-alikes Unicode itself says are the same character: the Kangxi radicals (⼤ U+2F24 is 大 to the eye, not to a
 * search) and the compatibility ideographs (豈 U+F900 is 豈 U+8C48). 「王⼤⼈」 typed from a radical table would be
 * another name than 「王大人」, a 社区 another community.
 */
const LOOK_ALIKES = /[\u2f00-\u2fd5\uf900-\ufad9\u{2f800}-\u{2fa1d}]/gu;
/** Anything dropInvisible would change: one test for the clean strings that are most. */
export const MAY_CHANGE = new RegExp(`${INVISIBLE.source}|${INVISIBLE_MORE.source}|[\\ufe00-\\ufe0f\\u{e0100}-\\u{e01ef}]|${LOOK_ALIKES.source}`, 'u');

/** `s` without the characters nobody sees, and with each look-alike as the character it looks like. */
export function dropInvisible(s: string): string {
  if (!MAY_CHANGE.test(s)) return s;
  return s.replace(INVISIBLE, '').replace(INVISIBLE_MORE, '').replace(STRAY_SELECTORS, '$1').replace(LOOK_ALIKES, folded);
}

/** `s` with each look-alike as the character it looks like, and nothing else changed (what names stored before the folding need). */
export const foldLookAlikes = (s: string): string => s.replace(LOOK_ALIKES, folded);

/** The look-alike ranges as a SQLite GLOB character class (its ranges are of code points): a cheap first pass over a column. */
export const LOOK_ALIKE_GLOB = `*[${String.fromCodePoint(0x2f00)}-${String.fromCodePoint(0x2fd5)}${String.fromCodePoint(0xf900)}-${String.fromCodePoint(0xfad9)}${String.fromCodePoint(0x2f800)}-${String.fromCodePoint(0x2fa1d)}]*`;

/** Each look-alike's folding, worked out once: at most the 1,000-odd characters LOOK_ALIKES matches. */
const FOLDED = new Map<string, string>();
function folded(c: string): string {
  let f = FOLDED.get(c);
  if (f === undefined) FOLDED.set(c, (f = c.normalize('NFKC')));
  return f;
}
