// Electron security scan: runs Electronegativity over the Electron-facing
// sources, parses its SARIF (it exits 0 even with findings) and fails on any
// finding not in tests/security/electronegativity-allowlist.json.
import { cpSync, mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { spawnSync } from 'node:child_process';

// `--input DIR` scans another folder (the test uses it to prove an unreviewed finding fails).
const inputArg = process.argv.indexOf('--input');
const scan = mkdtempSync(join(tmpdir(), 'taizhang-scan-'));
const src = join(scan, 'app');
if (inputArg > 0) {
  cpSync(process.argv[inputArg + 1], src, { recursive: true });
} else {
  mkdirSync(src);
  for (const f of ['main.ts', 'preload.ts', 'ipc.ts', 'app-window.ts', 'window-options.ts']) cpSync(join('electron', f), join(src, f));
  cpSync('electron/shell', join(src, 'shell'), { recursive: true });
  cpSync('renderer/index.html', join(src, 'index.html'));
}
cpSync('package.json', join(src, 'package.json'));
const sarif = join(scan, 'out.sarif');
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
const r = spawnSync(
  process.execPath,
  ['node_modules/@doyensec/electronegativity/dist/index.js', '-i', src, '-o', sarif, '-r', '-v', 'false', '-e', electronVersion],
  { encoding: 'utf8' },
);
if (r.status !== 0) {
  console.error(r.stdout, r.stderr);
  process.exit(1);
}
const results = JSON.parse(readFileSync(sarif, 'utf8')).runs.flatMap((run) => run.results);
const allow = JSON.parse(readFileSync('tests/security/electronegativity-allowlist.json', 'utf8')).allowed;
const unreviewed = results.filter((x) => {
  const file = basename(x.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '');
  return !allow.some((a) => a.rule === x.ruleId && a.file === file);
});
rmSync(scan, { recursive: true, force: true });
console.log(`electronegativity: ${results.length} finding(s), ${results.length - unreviewed.length} reviewed in the allow-list`);
if (unreviewed.length) {
  for (const x of unreviewed) {
    const loc = x.locations?.[0]?.physicalLocation;
    console.error(`  UNREVIEWED ${x.ruleId} ${loc?.artifactLocation?.uri}:${loc?.region?.startLine ?? '?'} — ${x.message?.text}`);
  }
  process.exit(1);
}
