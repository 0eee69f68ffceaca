/**
 * Characters nobody sees (eleventh attack run, T1): C0 and C1 controls other than tab and line breaks (NUL, BEL, the
 * terminal's ESC), DEL, zero-width spaces and joiners, the direction marks, overrides and isolates (U+202E turns the
 * rest of a name round wherever it is shown), word joiners and the byte-order mark. A paste from a chat or a cell
 * copied from the web carries them; stored, 「李四\u200B」 is another name than 「李四」 to every exact match, and
 * 「张\u202E三」 is not what it shows. Dropped at the door, in the contract's text fields and in every imported cell.
 * Variation selectors stay: rare characters in names use them.
 */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const ANY_INVISIBLE = new RegExp(INVISIBLE.source);

/** `s` without the characters nobody sees. */
export const dropInvisible = (s: string): string => (ANY_INVISIBLE.test(s) ? s.replace(INVISIBLE, '') : s);
