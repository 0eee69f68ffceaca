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

/** Why `input` is refused before it reaches the core (too many parts, or nested too deep), or null. */
export function inputTooBig(input: unknown): string | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: input, depth: 0 }];
  let parts = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return `请求内容嵌套超过 ${MAX_INPUT_DEPTH} 层，没有处理。`;
    for (const key in value) {
      if (++parts > MAX_INPUT_PARTS) return `请求内容超过 ${MAX_INPUT_PARTS} 项，没有处理。`;
      if (Object.prototype.hasOwnProperty.call(value, key)) stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return null;
}
