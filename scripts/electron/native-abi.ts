/**
 * Is this compiled SQLite module the one Electron can load? Read from the
 * binary itself, never assumed from how it was built: a `nodedir` setting in
 * npm's config once made a "successful" Electron build that carried Node's
 * ABI (`node_register_module_v115`), and the app could not open its ledger.
 * Pure functions over files, so tests check them without Electron.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ADDON_FILE = 'better_sqlite3.node';
export const STAMP_FILE = 'better_sqlite3.json';

/** What a compiled addon says it needs: one V8 ABI (NODE_MODULE_VERSION), or Node-API (any runtime). */
export type AddonAbi = { kind: 'abi'; version: number } | { kind: 'napi' } | { kind: 'unknown' };

export function addonAbi(binary: Buffer): AddonAbi {
  const text = binary.toString('latin1');
  const versions = new Set([...text.matchAll(/node_register_module_v(\d+)/g)].map((m) => Number(m[1])));
  if (versions.size === 1) return { kind: 'abi', version: [...versions][0]! };
  if (versions.size === 0 && text.includes('napi_register_module_v1')) return { kind: 'napi' };
  return { kind: 'unknown' };
}

/** The Electron a module must be built for: its version and NODE_MODULE_VERSION (the `abi_version` file Electron's npm package ships). */
export interface ElectronTarget {
  electronVersion: string;
  abi: number;
}

export function installedElectron(electronDir: string): ElectronTarget {
  const electronVersion = (JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string }).version;
  const abi = Number(readFileSync(join(electronDir, 'abi_version'), 'utf8').trim());
  if (!Number.isInteger(abi) || abi <= 0) throw new Error(`Electron ${electronVersion} 的 abi_version 文件内容不对`);
  return { electronVersion, abi };
}

/** Null when the binary loads in that Electron; otherwise why not, in words for the person starting the app. */
export function abiProblem(binary: Buffer, target: ElectronTarget): string | null {
  const found = addonAbi(binary);
  if (found.kind === 'napi') return null;
  if (found.kind === 'unknown') return `编译出的数据库模块里找不到 ABI 标记，不能确认它适用于 Electron ${target.electronVersion}`;
  if (found.version === target.abi) return null;
  const forNode = found.version === Number(process.versions.modules) ? `（这是 Node.js ${process.versions.node} 的 ABI）` : '';
  return `编译出的数据库模块是 ABI ${found.version}${forNode}，Electron ${target.electronVersion} 需要 ABI ${target.abi}`;
}

/** What is remembered beside the cached module, so a changed Electron (or module) version rebuilds it. */
export interface AddonStamp extends ElectronTarget {
  module: string;
  moduleVersion: string;
  sha256: string;
}

export type Wanted = Omit<AddonStamp, 'sha256'>;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Null when the cached module in `dir` is the one wanted and really carries Electron's ABI; otherwise why it must be rebuilt. */
export function cachedAddonProblem(dir: string, want: Wanted): string | null {
  const addon = join(dir, ADDON_FILE);
  const stampPath = join(dir, STAMP_FILE);
  if (!existsSync(addon)) return '还没有为 Electron 编译过数据库模块';
  if (!existsSync(stampPath)) return '已有的数据库模块没有编译记录，无法确认它适用于哪个 Electron';
  let stamp: AddonStamp;
  try {
    stamp = JSON.parse(readFileSync(stampPath, 'utf8')) as AddonStamp;
  } catch {
    return '数据库模块的编译记录无法读取';
  }
  if (stamp.electronVersion !== want.electronVersion) return `Electron 版本变了（${stamp.electronVersion} → ${want.electronVersion}）`;
  if (stamp.module !== want.module || stamp.moduleVersion !== want.moduleVersion) return `数据库模块版本变了（${stamp.moduleVersion} → ${want.moduleVersion}）`;
  const binary = readFileSync(addon);
  if (stamp.sha256 !== sha256(binary)) return '数据库模块文件与编译记录不一致';
  return abiProblem(binary, want);
}

/**
 * Checks a freshly built module and only then caches it (temp name, rename), with its stamp.
 * A module with the wrong ABI is refused: nothing is written, the old cache is removed.
 */
export function storeAddon(builtPath: string, dir: string, want: Wanted): AddonStamp {
  const binary = readFileSync(builtPath);
  const problem = abiProblem(binary, want);
  if (problem) {
    rmSync(join(dir, ADDON_FILE), { force: true });
    rmSync(join(dir, STAMP_FILE), { force: true });
    throw new Error(`${problem}；没有保存这个模块。`);
  }
  mkdirSync(dir, { recursive: true });
  const stamp: AddonStamp = { ...want, sha256: sha256(binary) };
  const tmp = join(dir, `${ADDON_FILE}.tmp-${process.pid}`);
  writeFileSync(tmp, binary);
  renameSync(tmp, join(dir, ADDON_FILE));
  writeFileSync(join(dir, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
  return stamp;
}

/**
 * The environment for the rebuild: npm passes its config as npm_config_* variables, and
 * node-gyp obeys `nodedir` (a machine's ~/.npmrc may say nodedir=/usr) over the Electron
 * headers it is asked to use. Those settings are dropped so the build targets Electron.
 */
const TARGET_SETTINGS = /^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i;

export function rebuildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !TARGET_SETTINGS.test(k)));
}
