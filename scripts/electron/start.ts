/**
 * `npm start`: Electron's program files (downloaded once), the SQLite module
 * for Electron's ABI (built once), then the app. Anything missing ends in one
 * short Chinese message and a non-zero exit; long output goes to a log file.
 */
import { spawn } from 'node:child_process';
import { join, relative } from 'node:path';
import { downloadElectron, electronExecutable, electronMissingMessage } from './electron-binary';
import { installedElectron } from './native-abi';
import { ensureElectronAddon, nativeLayout } from './native-module';

function fail(message: string): never {
  process.stderr.write(`\n${message}\n`);
  process.exit(1);
}

function main(): void {
  const root = process.cwd();
  const electronDir = join(root, 'node_modules', 'electron');
  const layout = nativeLayout(root);
  const shown = (p: string) => relative(root, p) || p;

  let exe = electronExecutable(electronDir);
  if (!exe) {
    const downloadLog = join(layout.cacheDir, 'electron-download.log');
    process.stdout.write('正在下载 Electron 的程序文件（只需一次）…\n');
    downloadElectron(electronDir, downloadLog);
    exe = electronExecutable(electronDir);
    if (!exe) fail(electronMissingMessage(installedElectron(electronDir).electronVersion, shown(downloadLog)));
  }

  const addon = ensureElectronAddon(layout, (line) => process.stdout.write(`${line}\n`));
  if (!addon.ok) fail(addon.message.replace(layout.logPath, shown(layout.logPath)));

  const app = spawn(exe, ['.', ...process.argv.slice(2)], { stdio: 'inherit', windowsHide: false });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.kill(signal));
  app.on('close', (code) => process.exit(code ?? 1));
}

try {
  main();
} catch (e) {
  fail(`无法启动桌面程序：${e instanceof Error ? e.message : String(e)}`);
}
