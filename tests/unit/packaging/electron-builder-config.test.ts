import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

describe('electron-builder.yml', () => {
  const { load } = require('js-yaml') as { load: (s: string) => Record<string, unknown> };
  const config = load(readFileSync('electron-builder.yml', 'utf8'));

  it("passes electron-builder's own configuration schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (c: unknown, logger: { add: (k: string, v: unknown) => void }) => Promise<void>;
    };
    await expect(validateConfiguration(config, { add: () => undefined })).resolves.toBeUndefined();
  });

  it('schema validation really rejects a wrong key (the check is live)', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (c: unknown, logger: { add: (k: string, v: unknown) => void }) => Promise<void>;
    };
    await expect(validateConfiguration({ ...config, notAnOption: true }, { add: () => undefined })).rejects.toThrow();
  });

  it('targets Windows NSIS per-user in Chinese, portable, and Linux deb/AppImage on x64 and arm64', () => {
    const win = config.win as { target: Array<{ target: string }> };
    expect(win.target.map((t) => t.target)).toEqual(['nsis', 'portable']);
    const nsis = config.nsis as { perMachine: boolean; installerLanguages: string[] };
    expect(nsis.perMachine).toBe(false);
    expect(nsis.installerLanguages).toContain('zh_CN');
    const linux = config.linux as { target: Array<{ target: string; arch: string[] }> };
    for (const t of linux.target) expect(t.arch).toEqual(['x64', 'arm64']);
    expect(linux.target.map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
  });

  it('ships every thread the app starts: the core worker, and the rota planner the core starts from beside itself', () => {
    // electron/main.ts starts core-worker.cjs; the core starts rota-planner.cjs from its own folder (rota/plan-rota.ts).
    expect(config.files).toEqual(expect.arrayContaining(['dist-electron/core-worker.cjs', 'dist-electron/rota-planner.cjs']));
  });

  it('ships the Electron-ABI native module outside the asar and never rebuilds the test copy', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(JSON.stringify(config.extraResources)).toContain('build/electron-native/better_sqlite3.node');
  });
});
