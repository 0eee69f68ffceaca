// Builds the Node/Electron side with esbuild (CommonJS, one file per entry)
// and the renderer with Vite. `--core-only` skips Electron and the renderer.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const coreOnly = process.argv.includes('--core-only');

/** `import sql from './x.sql?raw'` as in Vite. */
const rawPlugin = {
  name: 'raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: new URL(args.path.replace(/\?raw$/, ''), `file://${args.resolveDir}/`).pathname, namespace: 'raw' }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, async (args) => ({ contents: await readFile(args.path, 'utf8'), loader: 'text' }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  packages: 'external',
  plugins: [rawPlugin],
  logLevel: 'warning',
  outdir: 'dist-electron',
  outExtension: { '.js': '.cjs' },
};

const coreEntries = {
  'core-worker': 'electron/core/worker/core-worker.ts',
  // 自动排班's planning thread, started by the core worker from beside itself (electron/core/rota/plan-rota.ts).
  'rota-planner': 'electron/core/rota/planner-thread.ts',
  preview: 'electron/core/preview/main-preview.ts',
};
for (const [name, path] of Object.entries({ demo: 'scripts/demo.ts', bench: 'tests/bench/bench.ts', verify: 'scripts/verify.ts' })) {
  if (existsSync(path)) coreEntries[name] = path;
}
await build({ ...common, entryPoints: coreEntries });

if (!coreOnly) {
  await build({ ...common, entryPoints: { main: 'electron/main.ts' }, external: ['electron'] });
  // npm start / npm run dist: Electron's files and the SQLite module for Electron's ABI (scripts/electron/).
  await build({ ...common, entryPoints: { start: 'scripts/electron/start.ts', 'electron-native': 'scripts/electron/native-entry.ts' } });
  // The preload runs sandboxed: one self-contained CommonJS file, only 'electron' outside.
  await build({ ...common, packages: undefined, entryPoints: { preload: 'electron/preload.ts' }, external: ['electron'], platform: 'node' });
  // The renderer as it ships, whoever builds it: vitest sets NODE_ENV=test, and Vite then bundles React's development
  // build, whose StrictMode runs every effect twice (two 「查看了本街道公钥」 rows for one look in e2e after a unit run).
  const vite = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}
