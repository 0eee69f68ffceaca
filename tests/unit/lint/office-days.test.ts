import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Days and times come from the office's clock, never the machine's zone: the lint rule that holds it. */
describe("lint rule: no days or times from the machine's own time zone", () => {
  const eslint = new ESLint();
  const messages = async (code: string, filePath: string) =>
    (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);

  it.each([
    [
      'const d = new Date(); export const day = `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;',
      'renderer/src/features/x.ts',
      /machine's own time zone/,
    ],
    ["export const at = (iso: string) => new Date(iso).toLocaleString('zh-CN');", 'renderer/src/features/x.tsx', /formatInstant/],
    ['export const today = new Date().toISOString().slice(0, 10);', 'electron/core/x.ts', /UTC day or time/],
    ['export const h = (d: Date) => d.getHours();', 'tests/unit/x.test.ts', /machine's own time zone/],
  ])('refuses %s', async (code, filePath, message) => {
    expect((await messages(code, filePath)).some((m) => message.test(m))).toBe(true);
  });

  it('leaves numbers and the office clock alone', async () => {
    expect(
      await messages("export const n = (5000).toLocaleString('zh-CN'); export const utc = (d: Date) => d.getUTCDate();", 'renderer/src/features/x.ts'),
    ).toEqual([]);
  });
});
