/**
 * Issue 19's W2 remnant (attack-run-session24.md): the coordinator's sign-in on a ledger grown to a million resident
 * rows that hold nothing sealed (copied from one row with one INSERT … SELECT, as the attack run made them), with the
 * anchor intact (the baseline, same run, same ledger) and with its MAC broken by one character. With the MAC broken
 * the exactly pinned key is judged by the sealed data (db/ledger-pins.ts, keys/sealed-witness.ts), and that scan
 * went over every row: 2.9–3.4 s in the attack run against 99–145 ms with the anchor intact, the core answering
 * nothing meanwhile. Each sign-in is a fresh Core on the copy (a key already held is not judged again). Since the
 * 26th session the scan runs in steps (db/ledger-unlock.ts): the second row is the longest the thread was held.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Core } from '../../../electron/core/core';
import { asWriteDb } from '../../../electron/core/db/types';
import type { BenchPart, BenchRow } from '../types';
import { loadAverage, median } from './import-runs';

const ROWS = Number(process.env.BENCH_SIGNIN_ROWS ?? 1_000_000);
const TIMES = 3;

/**
 * One sign-in: its time, the anchor's finding, and `heldMs`, the longest the thread went without a turn of the event
 * loop meanwhile (the gap between two setImmediate ticks): how long any other channel would have waited for an answer.
 */
export async function signIn(dir: string): Promise<{ ms: number; heldMs: number; finding: string | null }> {
  const core = new Core({ dataDir: dir });
  let running = true;
  let last = performance.now();
  let heldMs = 0;
  const tick = (): void => {
    const now = performance.now();
    heldMs = Math.max(heldMs, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  try {
    const t = performance.now();
    setImmediate(tick);
    const r = await core.call('bench-signin', 'auth.unlock', { username: 'admin', password: 'taizhang2020' });
    const ms = performance.now() - t;
    heldMs = Math.max(heldMs, performance.now() - last);
    if (r.ok !== true) throw new Error(`sign-in: ${JSON.stringify(r)}`);
    return { ms, heldMs, finding: (r.value as { anchorFinding: { state: string } | null }).anchorFinding?.state ?? null };
  } finally {
    running = false;
    core.close();
  }
}

/** Grows the copy's residents to ROWS, each a copy of its first row with every nullable column NULL. */
export async function grow(dir: string): Promise<number> {
  const core = new Core({ dataDir: dir });
  try {
    const r = await core.call('bench-signin', 'auth.unlock', { username: 'admin', password: 'taizhang2020' });
    if (r.ok !== true) throw new Error('unlock');
    const db = asWriteDb(core.services.ledger.handle());
    const columns = (
      db.prepare(`SELECT name, "notnull" AS nn, pk FROM pragma_table_info('residents')`).all() as { name: string; nn: number; pk: number }[]
    ).filter((c) => c.pk === 0 && c.nn === 1);
    const have = (db.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n;
    const list = columns.map((c) => c.name).join(', ');
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @more)
       INSERT INTO residents (${list}) SELECT ${list} FROM n, (SELECT * FROM residents ORDER BY id LIMIT 1)`,
    ).run({ more: Math.max(0, ROWS - have) });
    return (db.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n;
  } finally {
    core.close();
  }
}

export const signinBench: BenchPart = {
  area: 'signin',
  async run(env) {
    const dir = mkdtempSync(join(env.scratch, 'signin-'));
    try {
      cpSync(env.dataDir, dir, { recursive: true });
      const t = performance.now();
      const rows = await grow(dir);
      env.log(`  signin: ${rows} resident rows in the copy (${((performance.now() - t) / 1000).toFixed(1)} s)`);
      const intact: number[] = [];
      const intactHeld: number[] = [];
      for (let i = 0; i < TIMES; i++) {
        const s = await signIn(dir);
        intact.push(s.ms);
        intactHeld.push(s.heldMs);
      }
      const anchor = join(dir, 'taizhang.anchor.json');
      const a = JSON.parse(readFileSync(anchor, 'utf8')) as { mac: string };
      writeFileSync(anchor, JSON.stringify({ ...a, mac: (a.mac[0] === '0' ? '1' : '0') + a.mac.slice(1) }));
      const broken: number[] = [];
      const brokenHeld: number[] = [];
      for (let i = 0; i < TIMES; i++) {
        const s = await signIn(dir);
        if (s.finding !== 'forged') throw new Error(`the broken anchor was not reported (${s.finding})`);
        broken.push(s.ms);
        brokenHeld.push(s.heldMs);
      }
      const list = (ms: number[]): string => ms.map((m) => m.toFixed(0)).join(', ');
      env.log(
        `  signin: intact ${list(intact)} ms (thread held at most ${list(intactHeld)} ms); MAC broken ${list(broken)} ms (held at most ${list(brokenHeld)} ms) (load ${loadAverage()})`,
      );
      const row: BenchRow = {
        name: `sign-in of the coordinator, ${rows} resident rows holding nothing sealed, the anchor's MAC broken (median of ${TIMES}, a fresh core each)`,
        value: median(broken),
        unit: 'ms',
        target: null,
        baseline: { name: 'the same sign-in with the anchor intact', value: median(intact) },
      };
      // W2's remnant, 26th session: the scan runs in steps, so the sign-in no longer holds every other channel for its length.
      const held: BenchRow = {
        name: `the longest the core thread went without a turn during that sign-in (median of ${TIMES}): what another channel waited at most`,
        value: median(brokenHeld),
        unit: 'ms',
        target: null,
        baseline: { name: 'the same with the anchor intact', value: median(intactHeld) },
      };
      // S35-A1/A2 (db/ledger-contents.ts): with no note of the file as the program closed it (touched outside, a crash,
      // or only viewers signed in since), the first keyed sign-in checks every index against its table, the core
      // answering nothing meanwhile. Once: it is the cost of a rare sign-in, not of each.
      rmSync(join(dir, 'taizhang.closed.json'), { force: true });
      const checked = await signIn(dir);
      env.log(`  signin: no note, every index checked: ${checked.ms.toFixed(0)} ms (held ${checked.heldMs.toFixed(0)} ms) (load ${loadAverage()})`);
      const full: BenchRow = {
        name: `sign-in of the coordinator after the file was touched outside the program (no closing note): every index checked, ${rows} resident rows (once)`,
        value: checked.ms,
        unit: 'ms',
        target: null,
        baseline: { name: 'the same sign-in with the note intact', value: median(intact) },
      };
      return [row, held, full];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
