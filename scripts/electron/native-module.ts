/**
 * better-sqlite3-multiple-ciphers built for Electron's ABI into
 * build/electron-native/, beside node_modules' copy (built for Node, used by
 * the tests and the preview), so `npm test` and `npm start` never rebuild each
 * other's module. Built with @electron/rebuild (what electron-builder uses)
 * against the installed Electron; checked before it is cached; rebuilt when
 * Electron's version changes.
 */
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ADDON_FILE, cachedAddonProblem, installedElectron, rebuildEnv, storeAddon, type Wanted } from './native-abi';

export const NATIVE_MODULE = 'better-sqlite3-multiple-ciphers';
/** @electron/rebuild's own floor (its package.json engines). */
const REBUILD_NODE = [22, 12] as const;

export interface NativeLayout {
  root: string;
  cacheDir: string;
  logPath: string;
}

export function nativeLayout(root: string): NativeLayout {
  const cacheDir = join(root, 'build', 'electron-native');
  return { root, cacheDir, logPath: join(cacheDir, 'rebuild.log') };
}

export function wantedAddon(root: string): Wanted {
  const moduleVersion = (JSON.parse(readFileSync(join(root, 'node_modules', NATIVE_MODULE, 'package.json'), 'utf8')) as { version: string }).version;
  return { ...installedElectron(join(root, 'node_modules', 'electron')), module: NATIVE_MODULE, moduleVersion };
}

function nodeTooOld(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major < REBUILD_NODE[0] || (major === REBUILD_NODE[0] && minor < REBUILD_NODE[1]);
}

export type EnsureResult = { ok: true; path: string; built: boolean } | { ok: false; message: string };

/** The cached module when it is right; otherwise builds, checks and caches it. Compiler output goes to the log only. */
export function ensureElectronAddon(layout: NativeLayout, say: (line: string) => void = () => undefined): EnsureResult {
  const want = wantedAddon(layout.root);
  const why = cachedAddonProblem(layout.cacheDir, want);
  if (why === null) return { ok: true, path: join(layout.cacheDir, ADDON_FILE), built: false };
  if (nodeTooOld()) {
    return {
      ok: false,
      message: `${why}。为 Electron 编译数据库模块需要 Node.js ${REBUILD_NODE.join('.')} 或更新版本（现在是 ${process.versions.node}），请先升级 Node.js（推荐 22 LTS）。npm run preview 和 npm test 不受影响。`,
    };
  }
  say(`${why}：正在为 Electron ${want.electronVersion} 编译数据库模块（只需一次，约几分钟）…`);

  // A project of its own holding a copy of the module (without its Node build), so node_modules' copy stays as it is.
  const work = join(layout.cacheDir, 'work');
  const moduleSrc = join(layout.root, 'node_modules', NATIVE_MODULE);
  const moduleDst = join(work, 'node_modules', NATIVE_MODULE);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(moduleDst, { recursive: true });
  writeFileSync(
    join(work, 'package.json'),
    JSON.stringify({ name: 'taizhang-electron-native', private: true, dependencies: { [NATIVE_MODULE]: want.moduleVersion } }),
  );
  cpSync(moduleSrc, moduleDst, { recursive: true, filter: (p) => relative(moduleSrc, p).split(sep)[0] !== 'build' });

  const cli = join(layout.root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js');
  const log = openSync(layout.logPath, 'w');
  let status: number | null;
  try {
    const r = spawnSync(process.execPath, [cli, '--version', want.electronVersion, '--module-dir', work, '--only', NATIVE_MODULE, '--force'], {
      cwd: work,
      env: rebuildEnv(process.env),
      stdio: ['ignore', log, log],
      timeout: 30 * 60_000,
    });
    status = r.status;
  } finally {
    closeSync(log);
  }
  const built = join(moduleDst, 'build', 'Release', ADDON_FILE);
  if (status !== 0 || !existsSync(built)) {
    return {
      ok: false,
      message: `为 Electron 编译数据库模块没有成功：需要联网下载一次 Electron 的头文件，并需要 C++ 编译工具（Linux：g++、make、python3；Windows：Visual Studio 生成工具）。详细记录：${layout.logPath}`,
    };
  }
  try {
    storeAddon(built, layout.cacheDir, want);
  } catch (e) {
    return { ok: false, message: `${e instanceof Error ? e.message : String(e)} 详细记录：${layout.logPath}` };
  }
  rmSync(work, { recursive: true, force: true });
  return { ok: true, path: join(layout.cacheDir, ADDON_FILE), built: true };
}
