/**
 * The READMEs cite tests as proof ("tests/unit/contract/field-labels.test.ts
 * sends each field…"): every path they cite under tests/ exists, so a
 * renamed or deleted test cannot leave a README pointing at nothing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../helpers/import-graph';

/** A pattern, not a path: migration-NNN.test.ts. */
const PLACEHOLDER = /NNN/;

function readmes(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.') || name.startsWith('dist-') || name === 'test-output') return [];
    const p = join(dir, name);
    return statSync(p).isDirectory() ? readmes(p) : name === 'README.md' ? [p] : [];
  });
}

describe('READMEs cite only tests that exist', () => {
  it('every tests/… path in a README is a file or folder', () => {
    const files = readmes(REPO);
    expect(files.map((f) => relative(REPO, f))).toContain('electron/core/README.md');
    const missing = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\btests\/[\w./-]*[\w/]/g)]
        .map((m) => m[0])
        .filter((p) => !PLACEHOLDER.test(p) && !existsSync(join(REPO, p)))
        .map((p) => `${relative(REPO, file)}: ${p}`),
    );
    expect(missing).toEqual([]);
  });
});
