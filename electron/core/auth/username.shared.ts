/**
 * The one rule for usernames. A name is kept and shown as typed, after NFKC
 * (full-width ｚｈａｎｇ becomes zhang) and trimming; who it names is that form
 * case-folded. Every lookup goes through usernameKey: the users table (UNIQUE
 * COLLATE NOCASE, which folds exactly the ASCII letters a username may hold),
 * the keyring's slots (db/keyring.ts), sign-in, recovery and the failure
 * throttle. So 「Zhang」, 「ｚｈａｎｇ」 and 「 zhang 」 are all zhang: one
 * account, one key slot, one count of wrong passwords.
 */

/** The form a username is stored and shown in: NFKC, no surrounding spaces. */
export function usernameAsTyped(name: string): string {
  return name.normalize('NFKC').trim();
}

/** Who a username names: two names with the same key are the same account. */
export function usernameKey(name: string): string {
  return usernameAsTyped(name).toLowerCase();
}

export function sameUsername(a: string, b: string): boolean {
  return usernameKey(a) === usernameKey(b);
}
