/**
 * The Electron copy of the SQLite module can never carry the wrong ABI: the
 * check reads the binary, refuses Node's build (the one in node_modules, as
 * the tests use it), caches only a match, and a changed Electron rebuilds.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADDON_FILE,
  STAMP_FILE,
  abiProblem,
  addonAbi,
  cachedAddonProblem,
  installedElectron,
  rebuildEnv,
  storeAddon,
  type Wanted,
} from '../../../scripts/electron/native-abi';
import { wantedAddon } from '../../../scripts/electron/native-module';

const NODE_BUILD = join('node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', ADDON_FILE);
const ELECTRON = installedElectron(join('node_modules', 'electron'));

/** A stand-in for a compiled addon: arbitrary bytes around the symbol a real one exports. */
function fakeAddon(dir: string, symbol: string): string {
  const p = join(dir, `fake-${symbol}.node`);
  writeFileSync(
    p,
    Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]), Buffer.from(`\0${symbol}\0_ZN2v87Isolate\0`, 'latin1'), Buffer.alloc(64, 0xab)]),
  );
  return p;
}

describe("Electron's SQLite module: the ABI check", () => {
  let dir: string;
  let want: Wanted;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'taizhang-native-'));
    want = { ...ELECTRON, module: 'better-sqlite3-multiple-ciphers', moduleVersion: '12.11.1' };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("knows Electron's NODE_MODULE_VERSION, and node-abi agrees", async () => {
    // The node-abi that @electron/rebuild itself uses, wherever npm placed it.
    const fromRebuild = createRequire(join(process.cwd(), 'node_modules', '@electron', 'rebuild', 'package.json'));
    const nodeAbi = (await import(pathToFileURL(fromRebuild.resolve('node-abi')).href)) as { getAbi: (v: string, runtime: string) => string };
    expect(ELECTRON.abi).toBe(Number(nodeAbi.getAbi(ELECTRON.electronVersion, 'electron')));
    expect(ELECTRON.abi).not.toBe(Number(process.versions.modules));
    expect(wantedAddon(process.cwd())).toMatchObject({
      electronVersion: ELECTRON.electronVersion,
      abi: ELECTRON.abi,
      module: 'better-sqlite3-multiple-ciphers',
    });
  });

  it('reads the ABI from the built binary: the Node build in node_modules is refused for Electron', () => {
    const nodeBuild = readFileSync(NODE_BUILD);
    expect(addonAbi(nodeBuild)).toEqual({ kind: 'abi', version: Number(process.versions.modules) });
    expect(abiProblem(nodeBuild, ELECTRON)).toBe(
      `编译出的数据库模块是 ABI ${process.versions.modules}（这是 Node.js ${process.versions.node} 的 ABI），Electron ${ELECTRON.electronVersion} 需要 ABI ${ELECTRON.abi}`,
    );
    expect(abiProblem(readFileSync(fakeAddon(dir, `node_register_module_v${ELECTRON.abi}`)), ELECTRON)).toBeNull();
    expect(abiProblem(readFileSync(fakeAddon(dir, 'napi_register_module_v1')), ELECTRON)).toBeNull();
    expect(abiProblem(readFileSync(fakeAddon(dir, 'no_marker_here')), ELECTRON)).toContain('找不到 ABI 标记');
  });

  it('refuses to cache a mismatch, and removes what was cached before', () => {
    const cache = join(dir, 'cache');
    storeAddon(fakeAddon(dir, `node_register_module_v${ELECTRON.abi}`), cache, want);
    expect(cachedAddonProblem(cache, want)).toBeNull();
    expect(() => storeAddon(NODE_BUILD, cache, want)).toThrow(/Electron .* 需要 ABI .*没有保存这个模块/);
    expect(existsSync(join(cache, ADDON_FILE))).toBe(false);
    expect(existsSync(join(cache, STAMP_FILE))).toBe(false);
    expect(cachedAddonProblem(cache, want)).toBe('还没有为 Electron 编译过数据库模块');
  });

  it('rebuilds when Electron or the module changes, or the cached file is not what the stamp says', () => {
    const cache = join(dir, 'cache');
    storeAddon(fakeAddon(dir, `node_register_module_v${ELECTRON.abi}`), cache, want);
    const stamp = JSON.parse(readFileSync(join(cache, STAMP_FILE), 'utf8')) as Record<string, unknown>;
    expect(stamp).toMatchObject({ electronVersion: ELECTRON.electronVersion, abi: ELECTRON.abi, moduleVersion: '12.11.1' });

    expect(cachedAddonProblem(cache, { ...want, electronVersion: '46.0.0', abi: ELECTRON.abi + 1 })).toBe(
      `Electron 版本变了（${ELECTRON.electronVersion} → 46.0.0）`,
    );
    expect(cachedAddonProblem(cache, { ...want, moduleVersion: '12.12.0' })).toBe('数据库模块版本变了（12.11.1 → 12.12.0）');
    // Someone copies Node's build over the cached one: the stamp no longer matches, and the ABI check would refuse it anyway.
    writeFileSync(join(cache, ADDON_FILE), readFileSync(NODE_BUILD));
    expect(cachedAddonProblem(cache, want)).toBe('数据库模块文件与编译记录不一致');
    rmSync(join(cache, STAMP_FILE));
    expect(cachedAddonProblem(cache, want)).toContain('没有编译记录');
  });

  it("builds without npm's nodedir: the setting that once made a Node-ABI build", () => {
    const env = rebuildEnv({
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_NODEDIR: '/usr',
      npm_config_target: '20.0.0',
      npm_config_runtime: 'node',
      npm_config_cache: '/tmp/c',
      ELECTRON_MIRROR: 'x',
    });
    expect(env).toEqual({ PATH: '/usr/bin', npm_config_cache: '/tmp/c', ELECTRON_MIRROR: 'x' });
  });
});
