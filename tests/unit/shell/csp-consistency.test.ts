import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/core/security-policy';

describe('Content-Security-Policy', () => {
  it('is the same in index.html as in the header policy (bar the header-only frame-ancestors)', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    // Attributes may sit on their own lines (the formatter wraps the long tag).
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const norm = (p: string) =>
      p
        .split(';')
        .map((d) => d.trim())
        .filter((d) => d && !d.startsWith('frame-ancestors'))
        .sort();
    expect(meta).toBeDefined();
    expect(norm(meta!)).toEqual(norm(CONTENT_SECURITY_POLICY));
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|http:|https:/);
  });
});
