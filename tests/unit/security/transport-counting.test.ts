/**
 * Ninth attack run (docs/security/attack-run-session23.md, F2), over real HTTP against `npm run preview`: a window
 * holding the preview's token and no password sent 8 MB bodies under the 8 MB cap. Seventh run's F1 fix counted an
 * input's parts before posting it to the core, but the counting was the cost: `for…in` over an array of 4,000,000
 * numbers lists every index before the first (about 3 s), and parsing then listing 900,000 keys about 5 s, on the
 * transport's thread, so every window waited: one such request held the coordinator's window about 5 s, 32 in
 * parallel 102 s (load 11 on 2 cores). Now arrays are counted by length and the preview counts the JSON text before
 * parsing it. Checked by what is touched, not by time: the array's keys are never listed, the text never parsed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inputTooBig, jsonTooBig, MAX_INPUT_DEPTH, MAX_INPUT_PARTS } from '../../../electron/core/worker/input-bounds';
import { previewServerForBlock } from '../../helpers/preview-server';

const TOO_MANY = `请求内容超过 ${MAX_INPUT_PARTS} 项，没有处理。`;
const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

/** An array of `length` zeros whose keys cannot be listed: a walk that lists them (for…in, Object.keys) throws. */
function unlistable(length: number): unknown[] {
  return new Proxy(new Array<number>(length).fill(0), {
    ownKeys: () => {
      throw new Error('listed every index');
    },
  });
}

describe('counting an input never lists a huge array', () => {
  it('4,000,000 elements are refused by their length, nested too', () => {
    expect(inputTooBig(unlistable(4_000_000))).toBe(TOO_MANY);
    expect(inputTooBig({ ids: unlistable(4_000_000) })).toBe(TOO_MANY);
  });

  it('an array as long as the limit allows still passes, and its elements are counted', () => {
    expect(inputTooBig({ ids: new Array<number>(MAX_INPUT_PARTS - 1).fill(0) })).toBeNull();
    expect(inputTooBig({ ids: new Array<number>(MAX_INPUT_PARTS / 2).fill(0), more: Array.from({ length: MAX_INPUT_PARTS / 2 }, () => ({ a: 1 })) })).toBe(
      TOO_MANY,
    );
  });
});

describe('the JSON text counted before it is parsed', () => {
  it('refuses 900,000 keys or 4,000,000 elements; counts no comma inside a string, escaped quotes included', () => {
    expect(jsonTooBig(bytes(`{${'"k":0,'.repeat(900_000)}"k":0}`))).toBe(TOO_MANY);
    expect(jsonTooBig(bytes(`[${'0,'.repeat(4_000_000)}0]`))).toBe(TOO_MANY);
    expect(jsonTooBig(bytes(JSON.stringify({ text: ','.repeat(1_000_000), quoted: '\\",'.repeat(100_000) })))).toBeNull();
    expect(jsonTooBig(bytes(JSON.stringify({ text: '姓名,电话\n' + '张三,13800000000\n'.repeat(50_000) })))).toBeNull();
  });

  it('refuses exactly what the count after parsing refuses, at the edges', () => {
    const list = (n: number) => JSON.stringify({ ids: Array.from({ length: n }, (_, i) => i) });
    for (const n of [MAX_INPUT_PARTS - 1, MAX_INPUT_PARTS, MAX_INPUT_PARTS + 1]) {
      const parsed = inputTooBig(JSON.parse(list(n)));
      // The text may let through what the parsed count refuses (a part is not always a comma), never the reverse.
      if (jsonTooBig(bytes(list(n)))) expect(parsed).toBe(TOO_MANY);
    }
    const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(inputTooBig(JSON.parse(nested(MAX_INPUT_DEPTH)))).toBeNull();
    expect(jsonTooBig(bytes(nested(MAX_INPUT_DEPTH)))).toBeNull();
    expect(inputTooBig(JSON.parse(nested(MAX_INPUT_DEPTH + 1)))).not.toBeNull();
    expect(jsonTooBig(bytes(nested(MAX_INPUT_DEPTH + 1)))).not.toBeNull();
  });
});

describe('the preview over HTTP, a window with the token and no password', () => {
  const TOKEN = 'counting-token-0123456789';
  const preview = previewServerForBlock('taizhang-counting-', TOKEN);
  afterEach(() => vi.restoreAllMocks());

  const post = (body: string) =>
    fetch(`${preview.origin}/rpc/auth.unlock`, {
      method: 'POST',
      headers: { 'X-Taizhang-Token': TOKEN, 'X-Taizhang-Window': 'window-z-0123456789abcdef' },
      body,
    }).then(async (r) => ({ status: r.status, json: (await r.json()) as unknown }));

  it('8 MB of 900,000 keys is refused in the transport’s words without being parsed', async () => {
    const parse = vi.spyOn(JSON, 'parse');
    // One key written 900,000 times: as long to scan as 900,000 different ones, and quick for this test to make.
    const body = `{"username":"admin","password":"x"${',"k":0'.repeat(900_000)}}`;
    expect(body.length).toBeLessThan(8 * 1024 * 1024);
    expect(await post(body)).toEqual({ status: 200, json: { ok: false, error: { code: 'BAD_INPUT', message: TOO_MANY } } });
    expect(parse.mock.calls.some(([text]) => typeof text === 'string' && text.length > 1_000_000)).toBe(false);
  });

  it('an ordinary sign-in still reaches the core (here: no ledger yet)', async () => {
    const r = await post(JSON.stringify({ username: 'admin', password: 'x' }));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ ok: false });
    expect(JSON.stringify(r.json)).not.toContain('项，没有处理');
  });
});
