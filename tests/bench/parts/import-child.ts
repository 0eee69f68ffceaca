/**
 * Import measurements, each in a process of its own so its memory
 * high-water mark is its own (the bench process also built the demo ledger
 * and generated the 100,000-row files). The bench re-runs its own bundle with
 * `--import-child JOB DATA_DIR FILE` and reads one JSON line back:
 *  - `import`: preview and commit through the core, as the wizard does. The
 *    preview seals, masks, indexes and MACs every new row (targets/resident-prepare.ts)
 *    and the commit only writes them, so the commit's figure no longer holds
 *    the sealing: the end to end figure is the honest one;
 *  - `unprepared`: the same, in a copy of the ledger changed after the preview
 *    (a grid added), so the commit matches, seals and MACs every row itself,
 *    as it did before the preview prepared them: the commit with and without
 *    the preview's preparation, in the same run;
 *  - `baseline`: the two bare baselines the issue sets beside it: the reader's
 *    own parse of the file (nothing checked), and a bare encrypted INSERT of
 *    the same rows (households and residents) into a copy of the same ledger,
 *    in one transaction (prepared once; no checks, no lookups, no audit),
 *    twice: with the numbers in clear as the ledger kept them before sealing,
 *    and sealed as the import stores them, row MAC included (issue 19's speed section: what
 *    sealing costs, in the same run). Both copies are opened as the app opens
 *    a ledger (db/open.ts: the same cipher, cache and pragmas, the same schema;
 *    a large write through the same rollback journal as the import's), and the sealed
 *    one seals through the app's own sealResidentNumbers, so whatever makes
 *    the app's sealing faster makes this baseline faster too.
 */
import type { Channel } from '../../../electron/core/api';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../../electron/core/core';
import { callChosen } from '../../helpers/chosen-paths';
import { cellText } from '../../../electron/core/io/import/cells';
import { openSource } from '../../../electron/core/io/import/source';
import { COMMUNITY_MAPPING } from '../../integration/import/make-big';
import { residentMac, sealResidentNumbers } from '../../../electron/core/caseload/sealed-people';
import { SEALED_COLUMNS, SEALED_KEYS } from '../../../electron/core/caseload/residents.repo';
import { rollbackJournalWhenLarge } from '../../../electron/core/db/bulk-journal';
import type { Database } from '../../../electron/core/db/types';
import type { Sealer } from '../../../electron/core/db/sealer';
import { phaseTimer, type SelfFrame } from './import-profile';

export type ChildJob = 'import' | 'unprepared' | 'baseline';

/** The baseline writes the numbers in clear, with the reversed copies the unsealed version kept for last-digit search. */
const reversed = (s: string | null): string | null => (s === null ? null : [...s].reverse().join(''));

/** Wall-clock times, and the CPU time each phase used (user + system), which other processes on a shared machine do not inflate. */
export interface ChildImport {
  previewMs: number;
  commitMs: number;
  previewCpuMs: number;
  commitCpuMs: number;
  maxRssMb: number;
  /** With BENCH_PROFILE: each phase's top self-time frames (import-profile.ts). */
  top?: { preview: SelfFrame[]; commit: SelfFrame[] };
}

export interface BareInsert {
  /** The whole baseline: the planning pass and the transaction. */
  ms: number;
  cpuMs: number;
  /** Of which the planning pass (sealing, masks, indexes, row MACs; the reversed copies in clear). */
  planMs: number;
  planCpuMs: number;
}

export interface ChildBaseline {
  parseMs: number;
  parseCpuMs: number;
  /** The numbers in clear (id_number, phone, birth_date and the reversed copies), as before sealing. */
  clear: BareInsert;
  /** The numbers sealed, masked and indexed, as the import stores them (residents.repo.ts's columns). */
  sealed: BareInsert;
  rows: number;
}

/** CPU time used since `from` (process.cpuUsage), in ms. */
export const cpuMsSince = (from: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

/** The residents import of a 14-column sheet: 人员类别, 返程日期 and 来源地 are a case's, not a resident's. */
export const RESIDENT_MAPPING = COMMUNITY_MAPPING.map((k) => (k === 'category' || k === 'arrivedOn' || k === 'origin' ? null : k));

export async function unlocked(dataDir: string): Promise<{ core: Core; call: <T>(channel: Channel, input: unknown) => Promise<T> }> {
  const core = new Core({ dataDir });
  const call = async <T>(channel: Channel, input: unknown): Promise<T> => {
    const r = await callChosen(core, 'bench-child', channel, input);
    if (r.ok !== true) throw new Error(`${channel}: ${JSON.stringify(r)}`);
    return r.value as T;
  };
  await call('auth.unlock', { username: 'admin', password: 'taizhang2020' });
  return { core, call };
}

/** `unprepared`: the ledger is changed between preview and commit (in a copy), so the commit computes every row itself. */
async function importJob(dataDir: string, path: string, unprepared = false): Promise<ChildImport> {
  // Always in a copy of the bench's ledger: each file is imported into the same 100,000 residents (the CSV's commit
  // used to land in the ledger the xlsx's import had grown to 200,000), and the commit is the ledger's only
  // connection, as in the app. With the bench's own connection open SQLite refuses the rollback journal
  // (db/bulk-journal.ts), so the commit ran in the WAL with its checkpoint while the baselines, in copies, did not.
  const copy = mkdtempSync(join(tmpdir(), unprepared ? 'taizhang-bench-unprepared-' : 'taizhang-bench-import-'));
  cpSync(dataDir, copy, { recursive: true });
  const { core, call } = await unlocked(copy);
  const input = { path, target: 'residents', mapping: RESIDENT_MAPPING, onDuplicate: 'skip' };
  // BENCH_PROFILE: each phase's V8 profile and top frames as well (import-profile.ts).
  const { timed, close } = await phaseTimer(process.env.BENCH_PROFILE, `${unprepared ? 'unprepared' : 'import'}-${process.pid}`);
  const preview = await timed('preview', () => call<{ previewId: string; counts: { rejected: number } }>('import.preview', input));
  const pre = preview.value;
  if (unprepared) {
    const community = await call<{ id: number; name: string }[]>('org.communities.list', {});
    await call('org.grids.save', { communityId: community.find((c) => c.name === '东风社区')!.id, name: '基准测试临时网格' });
  }
  const commit = await timed('commit', () => call('import.commit', { ...input, previewId: pre.previewId }));
  close();
  core.close();
  rmSync(copy, { recursive: true, force: true });
  if (pre.counts.rejected > 0) throw new Error(`the bench file had ${pre.counts.rejected} rejected rows`);
  return {
    previewMs: preview.ms,
    commitMs: commit.ms,
    previewCpuMs: preview.cpuMs,
    commitCpuMs: commit.cpuMs,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    ...(preview.top && commit.top ? { top: { preview: preview.top, commit: commit.top } } : {}),
  };
}

/** The reader's bare parse: every row read, nothing checked (for a CSV: GB18030 decoding and papaparse); the rows below the header. */
export async function bareParse(path: string): Promise<{ parseMs: number; parseCpuMs: number; data: string[][] }> {
  const pc = process.cpuUsage();
  const p0 = performance.now();
  const rows: string[][] = [];
  for await (const r of openSource({ path }).rows()) rows.push(r.cells.map(cellText));
  return { parseMs: performance.now() - p0, parseCpuMs: cpuMsSince(pc), data: rows.slice(1) };
}

async function baselineJob(dataDir: string, path: string): Promise<ChildBaseline> {
  const { parseMs, parseCpuMs, data } = await bareParse(path);
  const clear = await bareInsert(dataDir, data, 'clear');
  const sealed = await bareInsert(dataDir, data, 'sealed');
  return { parseMs, parseCpuMs, clear, sealed, rows: data.length };
}

/**
 * What else a sealed baseline row writes after its resident (the cases bench: a case per row, import-cases.ts).
 * `prepare` runs in the baseline's preparation pass (sealing, MACs: its clock), `write` inside the transaction.
 */
export type AlsoWrite = (
  db: Database,
  sealer: Sealer,
  now: string,
) => {
  prepare: (residentId: number, row: readonly string[], place: { community: number; grid: number | null }) => unknown[];
  write: (params: unknown[]) => void;
};

/** What a baseline row binds, by position, in the order of its statement's columns. */
interface BarePlan {
  households: unknown[][];
  residents: { params: unknown[]; also: unknown[] | null }[];
}

/**
 * The rows as the import writes them (a household per address, a resident per row, every column it
 * fills), planned first and then written in one transaction. Bare: no checks, no lookups in the ledger,
 * no audit; statements prepared before the clock starts and bound by position (as residents.repo.ts's
 * bulk insert binds: named parameters looked up on a spread object cost more than SQLite's row); ids
 * from counters, as the import's preview plans them. Sealing, masks, indexes and row MACs (sealed) or
 * the reversed copies (clear) are computed in the planning pass, which the figure includes. Planned
 * first rather than sealed and written row by row inside the transaction: interleaved, the sealed
 * baseline took 11.7 s of CPU for the xlsx's rows against 8.8 s planned first (session 10, two runs,
 * load 5–10 against 1; the clear baseline in the same runs 4.2 against 4.4 s), so planning first is
 * the lower bound, and a baseline should be the lower bound.
 */
function planBare(
  data: readonly string[][],
  numbers: 'clear' | 'sealed',
  ids: { household: number; resident: number },
  place: { community: number; grids: Map<string, number> },
  sealer: Sealer,
  now: string,
  also: ReturnType<AlsoWrite> | undefined,
): BarePlan {
  const plan: BarePlan = { households: [], residents: [] };
  const households = new Map<string, number>();
  const { community } = place;
  for (const r of data) {
    const grid = place.grids.get(r[1]!) ?? null;
    const key = `${r[6]}|${r[7]}|${r[8]}|${r[9]}`;
    let h = households.get(key);
    if (h === undefined) {
      h = ids.household++;
      households.set(key, h);
      plan.households.push([h, community, grid, r[6], r[7], r[8], r[9], key, now, now]);
    }
    const id = r[4]!;
    const phone = r[5] || null;
    const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    const sex = r[3] === '男' ? 'M' : 'F';
    const tags = JSON.stringify(r[10] ? [r[10]] : []);
    if (numbers === 'clear') {
      plan.residents.push({ params: [h, community, grid, r[2], id, reversed(id), sex, birthDate, phone, reversed(phone), tags, now, now], also: null });
      continue;
    }
    // Stored as the import stores them: sealed numbers and the row MAC over the row's id (db/row-binding.ts).
    const s = sealResidentNumbers(sealer, { id_number: id, phone, birth_date: birthDate });
    const rowId = ids.resident++;
    const rowMac = residentMac(sealer, rowId, { household_id: h, name: r[2]! }, s);
    const sealed = SEALED_KEYS.map((k) => s[k]);
    plan.residents.push({
      params: [rowId, h, community, grid, r[2], sex, tags, ...sealed, rowMac, now, now],
      also: also ? also.prepare(rowId, r, { community, grid }) : null,
    });
  }
  return plan;
}

/** The bare INSERT of `data` in a copy of the ledger (so the import still finds it as it was); the time includes the planning pass. */
export async function bareInsert(dataDir: string, data: readonly string[][], numbers: 'clear' | 'sealed', alsoWrite?: AlsoWrite): Promise<BareInsert> {
  const copy = mkdtempSync(join(tmpdir(), 'taizhang-bench-bare-'));
  cpSync(dataDir, copy, { recursive: true });
  const { core } = await unlocked(copy);
  const db = core.services.ledger.handle();
  const sealer = core.services.ledger.sealer();
  if (!sealer) throw new Error('the bench unlocks as admin: the sensitive key should be open');
  const community = (db.prepare(`SELECT id FROM communities WHERE name = '东风社区'`).get() as { id: number }).id;
  const grids = new Map(
    (db.prepare(`SELECT name, id FROM grids WHERE community_id = ?`).all(community) as { name: string; id: number }[]).map((g) => [g.name, g.id]),
  );
  const nextId = (table: string): number => (db.prepare(`SELECT coalesce(max(id), 0) + 1 AS id FROM ${table}`).get() as { id: number }).id;
  const household = db.prepare(
    `INSERT INTO households (id, community_id, grid_id, estate, building, unit, room, address_key, screening_status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'unscreened', ?, ?)`,
  );
  // OR IGNORE: a person the demo ledger already holds is passed over, as the import's 跳过 does.
  const resident =
    numbers === 'clear'
      ? db.prepare(
          `INSERT OR IGNORE INTO residents (household_id, community_id, grid_id, name, id_number, id_number_was15, id_rev, sex, birth_date, phone, phone_rev, tags, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
      : db.prepare(
          `INSERT OR IGNORE INTO residents (id, household_id, community_id, grid_id, name, id_number_was15, sex, tags, ${SEALED_COLUMNS}, row_mac, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 0, ?, ?, ${SEALED_COLUMNS.replace(/\w+/g, '?')}, ?, ?, ?)`,
        );
  const now = new Date().toISOString();
  const also = alsoWrite?.(db, sealer, now);
  const ids = { household: nextId('households'), resident: nextId('residents') };
  const ic = process.cpuUsage();
  const i0 = performance.now();
  const plan = planBare(data, numbers, ids, { community, grids }, sealer, now, also);
  const planMs = performance.now() - i0;
  const planCpuMs = cpuMsSince(ic);
  // As the import writes a large file: through a rollback journal (db/bulk-journal.ts), so that win is the baseline's too.
  const backToWal = rollbackJournalWhenLarge(db, data.length);
  db.transaction(() => {
    for (const h of plan.households) household.run(h);
    for (const r of plan.residents) {
      const inserted = resident.run(r.params);
      if (r.also && inserted.changes > 0) also!.write(r.also);
    }
  })();
  backToWal();
  const ms = performance.now() - i0;
  const cpuMs = cpuMsSince(ic);
  core.close();
  rmSync(copy, { recursive: true, force: true });
  return { ms, cpuMs, planMs, planCpuMs };
}

export async function importChildMain(job: ChildJob, dataDir: string, path: string): Promise<void> {
  const result = job === 'baseline' ? await baselineJob(dataDir, path) : await importJob(dataDir, path, job === 'unprepared');
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

type ChildResult<J extends ChildJob> = J extends 'baseline' ? ChildBaseline : ChildImport;

export function inChild<J extends ChildJob>(job: J, dataDir: string, path: string): Promise<ChildResult<J>> {
  return spawnChild<ChildResult<J>>(job, dataDir, path);
}

/** Runs a job (this module's or import-cases.ts's) in a child process of the bench's own bundle and reads its JSON line. */
export function spawnChild<T>(job: string, dataDir: string, path: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [process.argv[1]!, '--import-child', job, dataDir, path], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as T) : reject(new Error(`import child (${job}) exited ${code}`)),
    );
  });
}
