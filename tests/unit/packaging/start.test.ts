/**
 * `npm start` where Electron's program files are missing and cannot be
 * downloaded (as on this machine, and on an office PC without GitHub access):
 * one short Chinese message with the way out, a non-zero exit, no stack trace,
 * the details in a log file the message names. The download really runs,
 * against a mirror that refuses the connection, so the test is the same with
 * or without network.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

describe('npm start without Electron', () => {
  const empty = mkdtempSync(join(tmpdir(), 'taizhang-no-electron-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it('says what is missing and what to do, in Chinese, and exits non-zero', () => {
    const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: empty };
    const r = spawnSync(process.execPath, ['dist-electron/start.cjs'], { env, encoding: 'utf8', timeout: 120_000 });
    const out = `${r.stdout}${r.stderr}`;
    expect(r.status).toBe(1);
    const lines = out.trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(8);
    expect(out).toContain('缺少 Electron 45.5.0 的程序文件');
    expect(out).toContain('需要联网下载一次');
    expect(out).toContain('ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start');
    expect(out).toContain('npm run preview');
    expect(out).toContain('（这次用的镜像：http://127.0.0.1:9/）');
    expect(out).not.toMatch(/^\s+at |Error:|node-gyp|gyp info/m);

    const logPath = /详细记录：(\S+)/.exec(out)?.[1];
    expect(logPath).toBe(join('build', 'electron-native', 'electron-download.log'));
    expect(existsSync(logPath!)).toBe(true);
    // The English details are kept for whoever helps, not shown to the coordinator.
    expect(readFileSync(logPath!, 'utf8')).toMatch(/ECONNREFUSED|fetch failed|Error/);
  });
});
