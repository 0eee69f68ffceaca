import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { openEncrypted } from '../../../electron/core/db/open';
import { randomBytes } from 'node:crypto';
import { DEFAULT_KDF, makeSlot, openSlotKeys } from '../../../electron/core/db/keyring';
import { medianMs, type BenchPart } from '../types';

/** Start-up (unlock: scrypt + open) and the cost of encryption on the same work. */
export const foundationBench: BenchPart = {
  area: 'foundation',
  async run(env) {
    // A clerk's slot: one scrypt run and one X25519 agreement per key it holds.
    const slot = makeSlot('bench-ledger', 'bench', 'password-1234', { dbKey: randomBytes(32), sensitiveKey: randomBytes(32) }, DEFAULT_KDF);
    const unlock = await medianMs(5, () => openSlotKeys('bench-ledger', slot, 'password-1234'));

    const dir = mkdtempSync(join(tmpdir(), 'taizhang-bench-'));
    const work = (db: BetterSqlite3.Database) => {
      db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, name TEXT, id_number TEXT)');
      const ins = db.prepare('INSERT INTO t (name, id_number) VALUES (@name, @id)');
      db.transaction(() => {
        for (let i = 0; i < 100_000; i++) ins.run({ name: `居民${i}`, id: String(410102199001010000 + i) });
      })();
      db.prepare('SELECT count(*) FROM t WHERE name LIKE @p').get({ p: '居民9%' });
    };
    const plain = new BetterSqlite3(join(dir, 'plain.db'));
    plain.pragma('journal_mode = WAL');
    const plainMs = await medianMs(1, () => work(plain));
    plain.close();
    const enc = openEncrypted(join(dir, 'enc.db'), randomBytes(32));
    const encMs = await medianMs(1, () => work(enc));
    enc.close();
    rmSync(dir, { recursive: true, force: true });
    const started = performance.now();
    const r = await env.core.call('bench-probe', 'auth.unlock', { username: 'admin', password: 'taizhang2020' });
    const unlockCall = performance.now() - started;
    if (r.ok !== true) throw new Error('unlock failed in bench');
    return [
      { name: 'unlock: scrypt unwrap of the key (N=2^15)', value: unlock, unit: 'ms', target: null },
      { name: 'unlock: auth.unlock end to end', value: unlockCall, unit: 'ms', target: 1000 },
      { name: '100k inserts + LIKE scan, encrypted', value: encMs, unit: 'ms', target: null, baseline: { name: 'same on plain SQLite', value: plainMs } },
    ];
  },
};
