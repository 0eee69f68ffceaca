/**
 * The longest pasted list the import contract takes, in its own file with no imports: the transport's cap on an
 * input's letters (worker/input-bounds.ts MAX_INPUT_CHARS) is derived from it, and the transport should not load zod
 * and the contract to know one number.
 */
export const MAX_PASTE_CHARS = 5_000_000;
