import { MAX_PASTE_CHARS } from '../io/import/paste-limit.shared';

/**
 * How much a call may carry across to the core worker. A body of a few megabytes made of many small parts (400,000
 * unknown keys, 300,000 「全表统一的值」) cost the worker seconds before any check could refuse it: the copy into the
 * worker (structured clone), then zod listing every key in its error. A locked window holding the preview's token,
 * with no password, held every window's core for about 4 s a request, and as long as it kept asking (seventh attack
 * run, F1). The largest input the contract accepts has about a thousand parts (a list of 1,000 ids; an import mapping
 * of 500 columns, 50 whole-file values); text (a pasted list) is one part however long. Counted without recursion,
 * stopping at the limit, before anything is posted; both transports (Electron main, the preview server) call through
 * CoreHost.
 */
export const MAX_INPUT_PARTS = 20_000;
export const MAX_INPUT_DEPTH = 32;
/**
 * Letters in all its strings and keys together. A string was one part however long: over Electron's IPC, which has no
 * body cap, a locked window sent `auth.unlock` a password of 100 million letters, copied into the worker and checked
 * there, 3.8 s a request (thirteenth attack run, F3). The longest text the contract takes is a pasted list
 * (MAX_PASTE_CHARS, 5,000,000); the rest of any input is a few thousand letters, given a million here. Derived, not
 * restated: a longer paste allowed by the contract is still carried.
 */
export const MAX_INPUT_CHARS = MAX_PASTE_CHARS + 1_000_000;

const TOO_MANY = `请求内容超过 ${MAX_INPUT_PARTS} 项，没有处理。`;
const TOO_DEEP = `请求内容嵌套超过 ${MAX_INPUT_DEPTH} 层，没有处理。`;
const TOO_LONG = `请求内容超过 ${MAX_INPUT_CHARS} 个字，没有处理。`;

/**
 * Why `input` is refused before it reaches the core (too many parts, nested too deep, too many letters), or null. Arrays are counted
 * by their length and walked by index: `for…in` over an array lists every index as a string before yielding the
 * first, so 8 MB of `[0,0,…]` (4,000,000 elements) cost about 3 s here before the count could stop at 20,000 (ninth
 * attack run, F2).
 */
export function inputTooBig(input: unknown): string | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: input, depth: 0 }];
  let parts = 0;
  let chars = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string' && (chars += value.length) > MAX_INPUT_CHARS) return TOO_LONG;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return TOO_DEEP;
    if (Array.isArray(value)) {
      parts += value.length;
      if (parts > MAX_INPUT_PARTS) return TOO_MANY;
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i] as unknown, depth: depth + 1 });
      continue;
    }
    for (const key in value) {
      if (++parts > MAX_INPUT_PARTS) return TOO_MANY;
      if ((chars += key.length) > MAX_INPUT_CHARS) return TOO_LONG;
      if (Object.prototype.hasOwnProperty.call(value, key)) stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return null;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

/**
 * The same limits read from a request's JSON text, before it is parsed (the preview transport): parsing 8 MB of
 * 900,000 keys, then listing them, held the preview's thread about 5 s, every window's calls waiting (F2). One pass
 * over the bytes: commas and brackets outside strings. Refuses only what inputTooBig would (a part per comma at least;
 * a container at nesting n is at depth n - 1 there), so anything it lets through is counted again after parsing.
 */
export function jsonTooBig(body: Uint8Array): string | null {
  let commas = 0;
  let nesting = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === COMMA) {
      if (++commas >= MAX_INPUT_PARTS) return TOO_MANY;
    } else if (c === 0x5b || c === 0x7b) {
      if (++nesting > MAX_INPUT_DEPTH) return TOO_DEEP;
    } else if (c === 0x5d || c === 0x7d) nesting--;
  }
  return null;
}
