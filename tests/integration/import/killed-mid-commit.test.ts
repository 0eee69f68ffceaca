/** Issue 4 §7: kill the process while a commit is writing; the ledger then holds all of the import or none of it. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Core } from '../../../electron/core/core';
import { ADMIN, openTestLedger, TEST_KDF } from '../../helpers/ledger';
import { bigRows, MAPPING, writeBigGbkCsv } from './make-big';

const N = 30_000;

const CHILD = `
const { Worker } = require('node:worker_threads');
const [workerPath, dataDir, username, password, file, mapping] = process.argv.slice(1);
// The ledger's slots are the tests' cheap ones (openTestLedger): a core opens them only with testKdf (preview test mode).
const w = new Worker(workerPath, { workerData: { dataDir, testClock: true, testKdf: true } });
let id = 0;
const call = (channel, input) => w.postMessage({ type: 'call', id: ++id, sessionId: 'k', channel, input });
w.on('message', (m) => {
  if (m.type === 'event' && m.event.type === 'progress' && m.event.phase === 'commit' && m.event.done > 0) console.log('COMMITTING');
  // As the transport does after the user picked the file: the core checks it and issues a handle.
  if (m.type === 'result' && m.id === 1) w.postMessage({ type: 'grant', id: ++id, sessionId: 'k', request: { kind: 'open', path: file }, checkOnly: false });
  if (m.type === 'result' && m.id === 2) call('import.commit', { path: m.result.value.chosen.handle, target: 'residents', mapping: JSON.parse(mapping) });
  if (m.type === 'result' && m.id === 3) console.log('DONE ' + JSON.stringify(m.result).slice(0, 200));
});
call('auth.unlock', { username, password });
`;

describe('a commit killed half way', () => {
  it('leaves nothing of the import behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-kill-'));
    const setup = await openTestLedger({ dir });
    await setup.call('org.communities.save', { name: '东风社区' });
    setup.close();
    const file = join(dir, 'big.csv');
    await writeBigGbkCsv(file, bigRows(N));

    const child = spawn(
      process.execPath,
      ['-e', CHILD, resolve('dist-electron/core-worker.cjs'), dir, ADMIN.username, ADMIN.password, file, JSON.stringify(MAPPING)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const outcome = await new Promise<string>((done) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('COMMITTING')) {
          child.kill('SIGKILL');
          done('killed');
        } else if (out.includes('DONE')) done(out);
      });
      child.on('exit', () => done(out.includes('COMMITTING') ? 'killed' : `exited: ${out}`));
    });
    expect(outcome).toBe('killed');
    if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
    expect(child.signalCode).toBe('SIGKILL');

    const core = new Core({ dataDir: dir, kdf: TEST_KDF });
    const r = await core.call('check', 'auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(r.ok).toBe(true);
    const db = core.services.ledger.handle();
    const residents = (db.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n;
    const logs = (db.prepare('SELECT count(*) AS n FROM import_log').get() as { n: number }).n;
    core.close();
    expect([0, N]).toContain(residents);
    expect(logs).toBe(residents === 0 ? 0 : 1);
  }, 120_000);
});
