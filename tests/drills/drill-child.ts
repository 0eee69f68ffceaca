/**
 * The process the crash drills kill. Opens the ledger given on the command
 * line, unlocks, prints READY, then runs the named operation until killed.
 * Bundled by the drill test with esbuild (plain Node, no TS loader needed).
 */
import { Core } from '../../electron/core/core';
import { DRILL_OPERATIONS } from './operations';

async function main(): Promise<void> {
  const [dataDir, opName] = process.argv.slice(2);
  const op = DRILL_OPERATIONS[opName!];
  if (!dataDir || !op) throw new Error(`usage: drill-child DIR OP (${Object.keys(DRILL_OPERATIONS).join(', ')})`);
  const core = new Core({ dataDir, kdf: { N: 1024, r: 8, p: 1 } });
  const r = await core.call('drill', 'auth.unlock', { username: 'admin', password: 'drill-password-1' });
  if (r.ok !== true) throw new Error(`unlock failed: ${JSON.stringify(r)}`);
  process.stdout.write('READY\n');
  for (let round = 0; ; round++) await op.run(core, round);
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});
