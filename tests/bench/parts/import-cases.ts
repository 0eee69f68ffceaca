/**
 * The returnee sheet imported as cases (what a coordinator imports most: target `cases`, a resident
 * and a case per row), in a process of its own like the residents' jobs (import-child.ts), each in a
 * copy of the bench's ledger so the residents' measurements after it find the ledger as it was:
 *  - `cases`: preview and commit through the core, as the wizard does, the 14 columns mapped as a
 *    cases import maps them (人员类别, 返程日期 and 来源地 on the case; every person new to the ledger);
 *  - `cases-baseline`: the reader's bare parse, and a bare encrypted INSERT of the same households,
 *    residents and cases in one transaction, sealed and bound as the app seals and binds them
 *    (sealResidentNumbers, residentMac, caseMac), through the same rollback journal as a large import;
 *    no checks, lookups or audit.
 */
import type { Channel } from '../../../electron/core/api';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseMac } from '../../../electron/core/caseload/case-binding';
import { WORKFLOWS } from '../../../electron/core/caseload/codes.shared';
import { COMMUNITY_MAPPING } from '../../integration/import/make-big';
import { bareInsert, bareParse, cpuMsSince, spawnChild, unlocked, type AlsoWrite, type BareInsert, type ChildImport } from './import-child';

export type CasesJob = 'cases' | 'cases-baseline';
export const isCasesJob = (job: string): job is CasesJob => job === 'cases' || job === 'cases-baseline';

export interface CasesBaseline {
  parseMs: number;
  parseCpuMs: number;
  /** Households, residents (numbers sealed, rows bound) and a bound case per resident. */
  sealed: BareInsert;
}

/** In a copy of the ledger, removed after. */
async function inCopy<T>(dataDir: string, fn: (copy: string) => Promise<T>): Promise<T> {
  const copy = mkdtempSync(join(tmpdir(), 'taizhang-bench-cases-'));
  try {
    cpSync(dataDir, copy, { recursive: true });
    return await fn(copy);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

async function casesImport(dataDir: string, path: string): Promise<ChildImport> {
  return inCopy(dataDir, async (copy) => {
    const { core, call } = await unlocked(copy);
    const input = { path, target: 'cases', mapping: COMMUNITY_MAPPING, onDuplicate: 'skip' };
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const pre = await call<{ previewId: string; counts: { rejected: number; created: number } }>('import.preview' satisfies Channel, input);
    const t1 = performance.now();
    const previewCpuMs = cpuMsSince(c0);
    const c1 = process.cpuUsage();
    await call('import.commit', { ...input, previewId: pre.previewId });
    const t2 = performance.now();
    const commitCpuMs = cpuMsSince(c1);
    core.close();
    if (pre.counts.rejected > 0) throw new Error(`the bench file had ${pre.counts.rejected} rejected rows as cases`);
    return { previewMs: t1 - t0, commitMs: t2 - t1, previewCpuMs, commitCpuMs, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  });
}

/**
 * A 返程人员 case per resident, as the import opens a row with 返程日期 and no 开始日期: on its 返程日期 (the office's
 * default, targets/cases.ts startFromArrival; today without one), bound as cases.repo.ts binds it. Until session 23 it
 * opened every case today, as the import did before session 21: the six case indexes that hold the opening day
 * (cases_by_opened, _category, _status, _community, _grid, _community_category) took its new cases at one place each,
 * the import's at sixteen (the bench file's sixteen days), and the same INSERTs cost the baseline less (README, session 23).
 */
export const returneeCase: AlsoWrite = (db, sealer, now) => {
  const insert = db.prepare(
    `INSERT INTO cases (id, resident_id, community_id, grid_id, category, status, risk_level, opened_on, source, origin, arrived_on, resident_name, row_mac, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'returnee', ?, 'low', ?, '导入', ?, ?, ?, ?, ?, ?)`,
  );
  let id = (db.prepare(`SELECT coalesce(max(id), 0) + 1 AS id FROM cases`).get() as { id: number }).id;
  const today = now.slice(0, 10);
  const status = WORKFLOWS.returnee.initial;
  return {
    prepare: (residentId, r, place) => {
      const caseId = id++;
      const arrivedOn = r[12] || null;
      const openedOn = arrivedOn ?? today;
      const rowMac = caseMac(sealer, caseId, { resident_id: residentId, category: 'returnee', opened_on: openedOn, obs_start_on: null });
      return [caseId, residentId, place.community, place.grid, status, openedOn, r[13] || null, arrivedOn, r[2], rowMac, now, now];
    },
    write: (params) => void insert.run(params),
  };
};

async function casesBaseline(dataDir: string, path: string): Promise<CasesBaseline> {
  const { parseMs, parseCpuMs, data } = await bareParse(path);
  return { parseMs, parseCpuMs, sealed: await bareInsert(dataDir, data, 'sealed', returneeCase) };
}

export async function casesChildMain(job: CasesJob, dataDir: string, path: string): Promise<void> {
  const result = job === 'cases' ? await casesImport(dataDir, path) : await casesBaseline(dataDir, path);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

type CasesResult<J extends CasesJob> = J extends 'cases' ? ChildImport : CasesBaseline;

export function casesInChild<J extends CasesJob>(job: J, dataDir: string, path: string): Promise<CasesResult<J>> {
  return spawnChild<CasesResult<J>>(job, dataDir, path);
}
