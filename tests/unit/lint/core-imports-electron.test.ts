import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

describe('lint rule: the core never imports electron', () => {
  const eslint = new ESLint();
  it('fails a file under electron/core that imports electron', async () => {
    const [r] = await eslint.lintText("import { app } from 'electron';\nexport const x = app;\n", { filePath: 'electron/core/org/bad.ts' });
    expect(r!.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
  });
  it('fails the renderer importing node: modules', async () => {
    const [r] = await eslint.lintText("import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", { filePath: 'renderer/src/features/x.ts' });
    expect(r!.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
  });
  it('allows electron in electron/main.ts', async () => {
    const [r] = await eslint.lintText("import { app } from 'electron';\nexport const x = app;\n", { filePath: 'electron/main.ts' });
    expect(r!.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  });
});
