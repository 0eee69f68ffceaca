/**
 * One list of Chromium flags (session 42): the e2e suite and the bench's screen part start Chromium through
 * tests/helpers/chromium.ts, so the browser the screens are checked in is the one they are timed in. Red when a file
 * under tests/ launches Chromium with flags of its own again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS } from '../../helpers/chromium';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.(ts|mjs)$/.test(e.name) ? [join(dir, e.name)] : [],
  );

describe('the Chromium flags', () => {
  it('are listed once, in tests/helpers/chromium.ts, and every launch under tests/ and scripts/ takes them from there', () => {
    const own = sources('tests')
      .concat(sources('scripts'))
      .filter((f) => f !== join('tests', 'helpers', 'chromium.ts') && f !== join('tests', 'unit', 'lint', 'one-chromium-flag-list.test.ts'));
    // Chromium's own flags (LibreOffice's '--headless' is another program's: forms-print-libreoffice.test.ts).
    const withFlags = own.filter((f) => /'--no-sandbox'|'--disable-gpu'|'--disable-background-networking'/.test(readFileSync(f, 'utf8')));
    expect(withFlags).toEqual([]);
    const launches = own.filter((f) => /chromium\.launch\(/.test(readFileSync(f, 'utf8')));
    expect(launches.length).toBeGreaterThanOrEqual(2);
    for (const f of launches) expect({ f, shared: /chromium\.launch\(chromiumLaunchOptions\(\)\)/.test(readFileSync(f, 'utf8')) }).toEqual({ f, shared: true });
    expect(CHROMIUM_FLAGS).toEqual(expect.arrayContaining(['--headless', '--no-sandbox', '--lang=zh-CN']));
  });
});
