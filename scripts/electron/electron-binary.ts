/**
 * Electron's own program files. Its npm package downloads them (~100 MB) the
 * first time they are needed, from GitHub unless ELECTRON_MIRROR says
 * otherwise; a machine without that access must hear so in one short
 * Chinese message, not ~110 lines of output and an English stack trace.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';

const PLATFORM_PATHS: Record<string, string> = {
  linux: 'electron',
  win32: 'electron.exe',
  darwin: 'Electron.app/Contents/MacOS/Electron',
  freebsd: 'electron',
  openbsd: 'electron',
};

/** The executable, or null when it is not there (ELECTRON_OVERRIDE_DIST_PATH, Electron's own switch, points elsewhere). */
export function electronExecutable(electronDir: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : (PLATFORM_PATHS[process.platform] ?? 'electron');
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
  const exe = join(dist, relative);
  return existsSync(exe) ? exe : null;
}

/** Electron's own installer, once, its output into `logPath`. True when it says it succeeded. */
export function downloadElectron(electronDir: string, logPath: string, env: NodeJS.ProcessEnv = process.env): boolean {
  mkdirSync(dirname(logPath), { recursive: true });
  const log = openSync(logPath, 'w');
  try {
    const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, env, stdio: ['ignore', log, log], timeout: 15 * 60_000 });
    return r.status === 0;
  } finally {
    closeSync(log);
  }
}

export const CHINA_MIRROR = 'https://npmmirror.com/mirrors/electron/';

/** The one message when Electron's program files are missing and could not be downloaded. */
export function electronMissingMessage(electronVersion: string, logPath: string, env: NodeJS.ProcessEnv = process.env): string {
  const mirror = env.ELECTRON_MIRROR ? `（这次用的镜像：${env.ELECTRON_MIRROR}）` : '';
  return [
    `无法启动桌面程序：缺少 Electron ${electronVersion} 的程序文件，自动下载也没有成功${mirror}。`,
    '第一次启动需要联网下载一次 Electron（约 100 MB），以后不再需要。国内网络可改用镜像后再运行 npm start：',
    `  Linux（统信 UOS、麒麟）：ELECTRON_MIRROR=${CHINA_MIRROR} npm start`,
    `  Windows（PowerShell）：$env:ELECTRON_MIRROR="${CHINA_MIRROR}"; npm start`,
    '在此之前，可用浏览器预览同一套程序：npm run preview -- --data-dir <台账文件夹>',
    `下载过程的详细记录：${logPath}`,
  ].join('\n');
}
