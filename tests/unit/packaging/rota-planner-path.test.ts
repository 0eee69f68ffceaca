/**
 * The rota planner in the packaged app: the core worker runs from resources/app.asar/dist-electron and starts
 * rota-planner.cjs from beside itself (rota/plan-rota.ts). electron-builder.yml unpacks that one file, and the path the
 * core worker computes (worker/thread-files.ts) points into resources/app.asar.unpacked, where it is. No Electron binary
 * here: the pure function, on the packaged layouts and on the build's own folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { builtinModules } from 'node:module';
import { posix, resolve, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rotaPlannerPathBeside, unpackedFromAsar } from '../../../electron/core/worker/thread-files';

const require = createRequire(import.meta.url);

describe('where the core worker finds rota-planner.cjs', () => {
  it('packaged (Linux and Windows layouts): the unpacked copy beside the archive', () => {
    expect(rotaPlannerPathBeside('/opt/街道防控台账/resources/app.asar/dist-electron', posix)).toBe(
      '/opt/街道防控台账/resources/app.asar.unpacked/dist-electron/rota-planner.cjs',
    );
    expect(rotaPlannerPathBeside('C:\\Users\\王芳\\AppData\\Local\\Programs\\街道防控台账\\resources\\app.asar\\dist-electron', win32)).toBe(
      'C:\\Users\\王芳\\AppData\\Local\\Programs\\街道防控台账\\resources\\app.asar.unpacked\\dist-electron\\rota-planner.cjs',
    );
    // A folder merely named like an archive elsewhere in the path is left alone; only the first archive is mapped.
    expect(unpackedFromAsar('/home/me/notes.asarx/app.asar/dist-electron/rota-planner.cjs')).toBe(
      '/home/me/notes.asarx/app.asar.unpacked/dist-electron/rota-planner.cjs',
    );
  });

  it('the build, preview and bench (no archive): beside the worker, where scripts/build.mjs puts it', () => {
    const path = rotaPlannerPathBeside(resolve('dist-electron'));
    expect(path).toBe(resolve('dist-electron/rota-planner.cjs'));
    expect(existsSync(path)).toBe(true);
  });

  it('electron-builder.yml ships it and unpacks it, at the path that layout maps to', () => {
    const { load } = require('js-yaml') as { load: (s: string) => { files: string[]; asarUnpack: string[] } };
    const config = load(readFileSync('electron-builder.yml', 'utf8'));
    expect(config.files).toContain('dist-electron/rota-planner.cjs');
    expect(config.asarUnpack).toContain('dist-electron/rota-planner.cjs');
    const packaged = rotaPlannerPathBeside('/app/resources/app.asar/dist-electron', posix);
    expect(posix.relative('/app/resources/app.asar.unpacked', packaged)).toBe(config.asarUnpack.find((g) => g.endsWith('rota-planner.cjs')));
  });

  it('the built planner needs only Node’s own modules (out of the archive, the app’s node_modules cannot be found)', () => {
    const built = readFileSync(resolve('dist-electron/rota-planner.cjs'), 'utf8');
    const required = [...built.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(required.length).toBeGreaterThan(0);
    for (const r of required) expect(builtinModules, r).toContain(r.replace(/^node:/, ''));
  });
});
