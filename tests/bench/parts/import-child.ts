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
import { SEALED_COLUMNS } from '../../../electron/core/caseload/residents.repo';
import { rollbackJournalWhenLarge } from '../../../electron/core/db/bulk-journal';
import type { Database } from '../../../electron/core/db/types';
import type { Sealer } from '../../../electron/core/db/sealer';

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
}

export interface BareInsert {
  ms: number;
  cpuMs: number;
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
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const pre = await call<{ previewId: string; counts: { rejected: number } }>('import.preview', input);
  const t1 = performance.now();
  const previewCpuMs = cpuMsSince(c0);
  if (unprepared) {
    const community = await call<{ id: number; name: string }[]>('org.communities.list', {});
    await call('org.grids.save', { communityId: community.find((c) => c.name === '东风社区')!.id, name: '基准测试临时网格' });
  }
  const c1 = process.cpuUsage();
  await call('import.commit', { ...input, previewId: pre.previewId });
  const t2 = performance.now();
  const commitCpuMs = cpuMsSince(c1);
  core.close();
  rmSync(copy, { recursive: true, force: true });
  if (pre.counts.rejected > 0) throw new Error(`the bench file had ${pre.counts.rejected} rejected rows`);
  return { previewMs: t1 - t0, commitMs: t2 - t1, previewCpuMs, commitCpuMs, maxRssMb: process.resourceUsage().maxRSS / 1024 };
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
 * What else a sealed baseline row writes after its resident (the cases bench: a case per row, import-cases.ts),
 * its statements prepared before the clock starts.
 */
export type AlsoWrite = (
  db: Database,
  sealer: Sealer,
  now: string,
) => (residentId: number, row: readonly string[], place: { community: number; grid: number | null }) => void;

/**
 * The same rows as the import writes them (a household per address, a resident per row, every
 * column it fills), in a copy of the ledger so the import still finds it as it was. Bare: no checks,
 * no lookups in the ledger, no audit; a household's address is the four cells joined.
 */
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
  const household = db.prepare(
    `INSERT INTO households (community_id, grid_id, estate, building, unit, room, address_key, screening_status, created_at, updated_at)
     VALUES (@community, @grid, @estate, @building, @unit, @room, @key, 'unscreened', @now, @now)`,
  );
  // OR IGNORE: a person the demo ledger already holds is passed over, as the import's 跳过 does.
  const clearResident = db.prepare(
    `INSERT OR IGNORE INTO residents (household_id, community_id, grid_id, name, id_number, id_number_was15, id_rev, sex, birth_date, phone, phone_rev, tags, created_at, updated_at)
     VALUES (@household, @community, @grid, @name, @idNumber, 0, @idRev, @sex, @birthDate, @phone, @phoneRev, @tags, @now, @now)`,
  );
  const sealedResident = db.prepare(
    `INSERT OR IGNORE INTO residents (id, household_id, community_id, grid_id, name, id_number_was15, sex, tags, ${SEALED_COLUMNS}, row_mac, created_at, updated_at)
     VALUES (@id, @household, @community, @grid, @name, 0, @sex, @tags, ${SEALED_COLUMNS.replace(/(\w+)/g, '@$1')}, @rowMac, @now, @now)`,
  );
  const now = new Date().toISOString();
  const also = alsoWrite?.(db, sealer, now);
  const ic = process.cpuUsage();
  const i0 = performance.now();
  // As the import writes a large file: through a rollback journal (db/bulk-journal.ts), so that win is the baseline's too.
  const backToWal = rollbackJournalWhenLarge(db, data.length);
  db.transaction(() => {
    let nextId = (db.prepare(`SELECT coalesce(max(id), 0) + 1 AS id FROM residents`).get() as { id: number }).id;
    const households = new Map<string, number>();
    for (const r of data) {
      const grid = grids.get(r[1]!) ?? null;
      const key = `${r[6]}|${r[7]}|${r[8]}|${r[9]}`;
      let h = households.get(key);
      if (h === undefined) {
        h = Number(household.run({ community, grid, estate: r[6], building: r[7], unit: r[8], room: r[9], key, now }).lastInsertRowid);
        households.set(key, h);
      }
      const id = r[4]!;
      const phone = r[5] ?? null;
      const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
      const person = { household: h, community, grid, name: r[2], sex: r[3] === '男' ? 'M' : 'F', tags: JSON.stringify(r[10] ? [r[10]] : []), now };
      if (numbers === 'clear') clearResident.run({ ...person, idNumber: id, idRev: reversed(id), birthDate, phone, phoneRev: reversed(phone) });
      else {
        // Stored as the import stores them: sealed numbers and the row MAC over the row's id (db/row-binding.ts). The
        // ids come from a counter here; the app's writer asks max(id) per row, which is its cost, not the baseline's.
        const sealed = sealResidentNumbers(sealer, { id_number: id, phone, birth_date: birthDate });
        const rowId = nextId++;
        const inserted = sealedResident.run({ ...person, ...sealed, id: rowId, rowMac: residentMac(sealer, rowId, { household_id: h, name: r[2]! }, sealed) });
        if (also && inserted.changes > 0) also(rowId, r, { community, grid });
      }
    }
  })();
  backToWal();
  const ms = performance.now() - i0;
  const cpuMs = cpuMsSince(ic);
  core.close();
  rmSync(copy, { recursive: true, force: true });
  return { ms, cpuMs };
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
