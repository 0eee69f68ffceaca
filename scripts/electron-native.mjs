// Builds better-sqlite3-multiple-ciphers for Electron's ABI into
// build/electron-native/, leaving node_modules' copy (built for Node, used
// by the tests) untouched. Runs once; later `npm start`s reuse the result.
import { cpSync, existsSync, mkdirSync, copyFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const out = resolve('build/electron-native/better_sqlite3.node');
if (existsSync(out)) process.exit(0);

const electronVersion = require('electron/package.json').version;
const src = resolve('node_modules/better-sqlite3-multiple-ciphers');
const work = resolve('build/electron-native/src');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${join('build', 'Release')}`) });
console.log(`正在为 Electron ${electronVersion} 编译数据库模块（只需一次）…`);

const run = (cmd, args) => spawnSync(cmd, args, { cwd: work, stdio: 'inherit', shell: process.platform === 'win32' });
// A prebuilt binary for Electron when one is published, else compile from source.
let r = run('npx', ['--yes', 'prebuild-install', '--runtime', 'electron', '--target', electronVersion]);
if (r.status !== 0) r = run('npx', ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers']);
if (r.status !== 0) {
  console.error('编译失败：请确认已安装 Python 3 和 C++ 编译工具（Windows 上为 Visual Studio Build Tools）。');
  process.exit(1);
}
copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), out);
console.log(`已生成 ${out}`);
