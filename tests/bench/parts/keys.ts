import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Ledger } from '../../../electron/core/db/ledger';
import { asWriteDb } from '../../../electron/core/db/types';
import type { SealedColumn } from '../../../electron/core/keys/sealed-columns';
import { rotateKeys } from '../../../electron/core/keys/rotation';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { sealedWitness } from '../../../electron/core/keys/sealed-witness';
import { DEFAULT_KDF, deriveWrappingKey } from '../../../electron/core/db/slot-wrap';
import { SEALED_COLUMNS } from '../../../electron/core/sealed-columns';
import { medianMs, type BenchEnv, type BenchPart, type BenchRow } from '../types';

/**
 * Key rotation on 100,000 sealed residents. The residents' own sealed columns
 * had not landed when this was written, so it is a synthetic table shaped like
 * them: a sealed ID number with an exact and a last-4 index, a sealed phone
 * with an exact index (5 seal/index values per row, 2 to open). Baseline: the
 * bare rekey of the same file (every page re-encrypted, nothing re-sealed).
 */
const ROWS = 100_000;
const ID: SealedColumn = {
  table: 'bench_people',
  column: 'id_sealed',
  purpose: 'bench_people.id_number',
  indexes: [
    { column: 'id_index', purpose: 'bench_people.id_number', of: (p) => p },
    { column: 'id_tail', purpose: 'bench_people.id_number.tail4', of: (p) => p.slice(-4) },
  ],
};
const PHONE: SealedColumn = {
  table: 'bench_people',
  column: 'phone_sealed',
  purpose: 'bench_people.phone',
  indexes: [{ column: 'phone_index', purpose: 'bench_people.phone', of: (p) => p }],
};

/**
 * The sealed data as witness (keys/sealed-witness.ts) on the demo ledger: what a holder's unlock pays where no exact
 * pin decides (after the upgrade, a grant; since session 21 a rotation refuses instead), beside the scrypt every unlock runs, measured in the same run.
 */
async function witnessBench(env: BenchEnv): Promise<BenchRow> {
  const ledger = env.core.services.ledger;
  const key = ledger.heldKeys().sensitiveKey;
  if (!key) throw new Error('the demo coordinator holds no sensitive key');
  let values = 0;
  for (const c of SEALED_COLUMNS)
    values += (ledger.handle().prepare(`SELECT count(*) AS n FROM ${c.table} WHERE ${c.column} IS NOT NULL`).get() as { n: number }).n;
  let verdict = '';
  const witnessMs = await medianMs(3, () => (verdict = sealedWitness(ledger.handle(), key, SEALED_COLUMNS)));
  if (verdict !== 'holds') throw new Error(`the witness said ${verdict} under the ledger's own key`);
  const salt = Buffer.alloc(16, 7);
  const scryptMs = await medianMs(3, () => deriveWrappingKey('password-1234', salt, DEFAULT_KDF).fill(0));
  return {
    name: `sealed-data witness of a key: ${env.residents / 1000}k residents' ledger, ${values} sealed values (median of 3)`,
    value: witnessMs,
    unit: 'ms',
    target: null,
    baseline: { name: "the unlock's scrypt (N 2^15)", value: scryptMs },
  };
}

export const keysBench: BenchPart = {
  area: 'keys',
  async run(env) {
    const witness = await witnessBench(env);
    const dir = mkdtempSync(join(env.scratch, 'rotation-'));
    const ledger = new Ledger(dir, {}, { N: 1 << 10, r: 8, p: 1 });
    try {
      ledger.create('bench', 'password-1234', 'RECOVERY-BENCH-KEY', new Date().toISOString());
      const sealer = ledger.sealer()!;
      const w = asWriteDb(ledger.handle());
      w.exec(`CREATE TABLE bench_people (id INTEGER PRIMARY KEY, name TEXT, id_sealed BLOB, id_index BLOB, id_tail BLOB, phone_sealed BLOB, phone_index BLOB)`);
      const insert = w.prepare(`INSERT INTO bench_people (name, id_sealed, id_index, id_tail, phone_sealed, phone_index) VALUES (@name, @s, @i, @t, @ps, @pi)`);
      w.transaction(() => {
        for (let n = 0; n < ROWS; n++) {
          const idn = makeIdNumber('410105', '1980-01-01', n % 1000);
          const phone = `138${String(n).padStart(8, '0')}`;
          insert.run({
            name: `居民${n}`,
            s: sealer.seal(ID.purpose, idn),
            i: sealer.index(ID.purpose, idn),
            t: sealer.index('bench_people.id_number.tail4', idn.slice(-4)),
            ps: sealer.seal(PHONE.purpose, phone),
            pi: sealer.index(PHONE.purpose, phone),
          });
        }
      })();
      env.log(`keys: ${ROWS} sealed rows written, rotating…`);
      const t0 = performance.now();
      ledger.rekeyDatabase(randomBytes(32));
      const rekeyMs = performance.now() - t0;
      const t1 = performance.now();
      const done = rotateKeys(ledger, [ID, PHONE], { nowIso: new Date().toISOString(), audit: () => undefined });
      const rotateMs = performance.now() - t1;
      if (done.resealed !== 2 * ROWS) throw new Error(`rotation re-sealed ${done.resealed} values, expected ${2 * ROWS}`);
      return [
        witness,
        {
          name: `key rotation: ${ROWS / 1000}k sealed residents (2 sealed columns, 3 keyed indexes) + rekey + keyring`,
          value: rotateMs,
          unit: 'ms',
          target: null,
          baseline: { name: 'rekey of the same file alone', value: rekeyMs },
        },
      ];
    } finally {
      ledger.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
