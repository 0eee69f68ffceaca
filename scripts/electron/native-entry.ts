/** `npm run dist` (before electron-builder): the SQLite module for Electron's ABI, built and checked once. */
import { relative } from 'node:path';
import { ensureElectronAddon, nativeLayout } from './native-module';

const layout = nativeLayout(process.cwd());
try {
  const r = ensureElectronAddon(layout, (line) => process.stdout.write(`${line}\n`));
  if (!r.ok) {
    process.stderr.write(`\n${r.message.replace(layout.logPath, relative(layout.root, layout.logPath))}\n`);
    process.exit(1);
  }
  if (r.built) process.stdout.write(`已生成 ${relative(layout.root, r.path)}\n`);
} catch (e) {
  process.stderr.write(`\n无法准备 Electron 版数据库模块：${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
