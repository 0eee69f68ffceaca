import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the Electron security scan gate', () => {
  it('fails on a finding that is not in the reviewed allow-list', () => {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-insecure-'));
    writeFileSync(
      join(dir, 'main.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const r = spawnSync(process.execPath, ['scripts/security-scan.mjs', '--input', dir], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/UNREVIEWED (NODE_INTEGRATION|CONTEXT_ISOLATION|SANDBOX)/);
  }, 60_000);
});
