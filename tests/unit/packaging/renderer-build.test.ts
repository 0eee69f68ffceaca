/**
 * The renderer that tests and `npm start` load (dist-renderer, built by tests/global-setup.ts under vitest's
 * NODE_ENV=test) is the one that ships: React's production build. Red before: Vite took vitest's NODE_ENV and bundled
 * React's development build, whose StrictMode runs every effect twice: an e2e run after a unit run logged two
 * 「查看了本街道公钥」 rows for one look, and README's 操作日志 screenshot retaken then showed both.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the built renderer', () => {
  it("is React's production build, whoever ran the build", () => {
    expect(process.env.NODE_ENV).toBe('test');
    const dir = 'dist-renderer/assets';
    const scripts = readdirSync(dir).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const code = scripts.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    // A warning only React's development build carries, and the error link only its production build does.
    expect(code.includes('should have a unique "key" prop'), "React's development build in dist-renderer").toBe(false);
    expect(code.includes('react.dev/errors/'), "React's production build in dist-renderer").toBe(true);
  });
});
