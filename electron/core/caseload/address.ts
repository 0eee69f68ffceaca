/** Household addresses: the parts as typed, and one normalised key to recognise the same dwelling again. */
export interface AddressParts {
  estate?: string | null | undefined;
  building?: string | null | undefined;
  unit?: string | null | undefined;
  room?: string | null | undefined;
  addressText?: string | null | undefined;
}

/** Anything `clean` would change: a full-width character or a space of any kind. */
const NEEDS_CLEANING = /[\uFF01-\uFF5E\s\u3000]/;

const clean = (s: string | null | undefined): string => {
  const text = s ?? '';
  // Most parts have nothing to change: one test instead of two replaces, four parts a row of every import.
  if (!NEEDS_CLEANING.test(text)) return text;
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000]/g, '');
};

/** Strips the unit words people type or leave out (3号楼 / 3栋 / 3), so "3栋2单元101" and "3号楼 2单元 101室" match. */
const bare = (s: string, words: RegExp): string => clean(s).replace(words, '');

export function addressKey(a: AddressParts): string {
  const parts = [clean(a.estate), bare(a.building ?? '', /(号楼|号|栋|幢|楼)$/), bare(a.unit ?? '', /单元$/), bare(a.room ?? '', /(室|号)$/)];
  if (parts.some((p) => p !== '')) return parts.join('|');
  return `~${clean(a.addressText)}`;
}

/** What a person reads: 幸福小区3栋2单元101室, or the free text. */
export function formatAddress(a: AddressParts): string {
  const parts: string[] = [];
  if (a.estate) parts.push(a.estate);
  if (a.building) parts.push(/[栋楼幢号]$/.test(a.building) ? a.building : `${a.building}栋`);
  if (a.unit) parts.push(/单元$/.test(a.unit) ? a.unit : `${a.unit}单元`);
  if (a.room) parts.push(/[室号]$/.test(a.room) ? a.room : `${a.room}室`);
  const joined = parts.join('');
  if (a.addressText) return joined ? `${joined}（${a.addressText}）` : a.addressText;
  return joined;
}

/** The key of an address that has one, or null for a household with no address at all. */
export function addressKeyIfAny(a: AddressParts): string | null {
  const key = addressKey(a);
  return key === '~' ? null : key;
}

export function hasAddress(a: AddressParts): boolean {
  return addressKeyIfAny(a) !== null;
}
