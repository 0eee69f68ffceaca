/**
 * Crash drills: a child process runs an operation on a real encrypted
 * ledger and is killed (SIGKILL, no chance to clean up) at a random moment,
 * 20 times per operation. After each kill the ledger must open, pass
 * integrity_check, keep its audit chain intact, and satisfy the operation's
 * own all-or-nothing invariant.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../electron/core/audit/audit-log';
import { Core } from '../../../electron/core/core';
import { integrityCheck } from '../../../electron/core/db/open';
import { DRILL_OPERATIONS } from '../../drills/operations';

const KILLS = Number(process.env.DRILL_KILLS ?? 20);
const KDF = { N: 1024, r: 8, p: 1 };
let childScript = '';
const scratch = mkdtempSync(join(tmpdir(), 'taizhang-drill-'));

beforeAll(async () => {
  // Inside the project so the bundle resolves node_modules (the native SQLite module).
  childScript = join(process.cwd(), 'test-output', 'drills', `drill-child-${process.pid}.cjs`);
  await build({
    entryPoints: ['tests/drills/drill-child.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    outfile: childScript,
    logLevel: 'silent',
    loader: { '.sql': 'text' },
    plugins: [rawSql],
  });
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const rawSql = {
  name: 'raw',
  setup(b: import('esbuild').PluginBuild) {
    b.onResolve({ filter: /\?raw$/ }, (a) => ({ path: join(a.resolveDir, a.path.replace(/\?raw$/, '')) }));
  },
};

function killAfter(dir: string, op: string, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, dir, op], { stdio: ['ignore', 'pipe', 'pipe'], cwd: process.cwd() });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('READY')) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child ended by itself (${code}): ${err}`))));
  });
}

async function reopen(dir: string): Promise<Core> {
  const core = new Core({ dataDir: dir, kdf: KDF });
  const r = await core.call('check', 'auth.unlock', { username: 'admin', password: 'drill-password-1' });
  if (r.ok !== true) throw new Error(`ledger does not open after a kill: ${JSON.stringify(r)}`);
  return core;
}

describe.each(Object.keys(DRILL_OPERATIONS))('crash drill: %s', (opName) => {
  it(`survives ${KILLS} kills at random points`, async () => {
    const op = DRILL_OPERATIONS[opName]!;
    const dir = mkdtempSync(join(scratch, `${opName}-`));
    const setup = new Core({ dataDir: dir, kdf: KDF });
    await setup.call('check', 'setup.init', {
      office: { name: '东风街道办事处' },
      admin: { username: 'admin', displayName: '演练', password: 'drill-password-1' },
    });
    await op.prepare?.(setup, dir);
    setup.close();
    const started = Date.now();
    for (let k = 0; k < KILLS; k++) {
      await killAfter(dir, opName, Math.floor(Math.random() * (op.killWindowMs ?? 400)));
      const core = await reopen(dir);
      const db = core.services.ledger.handle();
      expect(integrityCheck(db), `integrity after kill ${k + 1}`).toBe('ok');
      expect(verifyAudit(db).intact, `audit chain after kill ${k + 1}`).toBe(true);
      await op.check(db, dir, core);
      core.close();
    }
    console.log(`crash drill ${opName}: ${KILLS} kills in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // A guard against a hang, not a speed target: 20 children each starting a core took 60–120 s on a shared, loaded 2-core box.
  }, 600_000);
});
