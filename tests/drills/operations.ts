/**
 * What the crash drills interrupt. Each operation runs in the child (until
 * SIGKILL) and has a check that the parent runs on the reopened ledger:
 * audited writes, an import commit, an export, a backup and a rota
 * generation. Operations too quick to be caught half way run in a loop.
 */
import type { Channel } from '../../electron/core/api';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../electron/core/core';
import { addDays, dayIn, DEFAULT_OFFICE_TIME_ZONE } from '../../electron/core/dates.shared';
import type { ReadDb } from '../../electron/core/db/types';
import { verifyPackage } from '../../electron/core/io/export/package-format';
import { makeIdNumber } from '../../electron/core/people/id-number';
import { RESIDENT_BINDING } from '../../electron/core/caseload/sealed-people';
import { unpackBatch } from '../../electron/core/audit/batched-entries';
import { damagedRows } from '../../electron/core/db/row-binding';
import { callChosen } from '../helpers/chosen-paths';
import type { TestLedger } from '../helpers/ledger';
import { seedSmallOffice } from '../unit/export/fixture';

export interface DrillOperation {
  /** Prepares the ledger before the first kill (in the parent, unlocked as admin, session 'check'). */
  prepare?: (core: Core, dir: string) => Promise<void>;
  /** Runs in the child, round after round, until killed. */
  run: (core: Core, round: number) => Promise<void>;
  /** Runs in the parent on the reopened ledger (session 'check' is admin); throws when the invariant does not hold. */
  check: (db: ReadDb, dir: string, core: Core) => void | Promise<void>;
  /** The kill lands uniformly in [0, killWindowMs) after READY (default 400 ms). */
  killWindowMs?: number;
}

async function value<T = unknown>(p: Promise<{ ok: unknown; value?: unknown }>): Promise<T> {
  const r = await p;
  if (r.ok !== true) throw new Error(JSON.stringify(r));
  return r.value as T;
}
const ok = (p: Promise<{ ok: unknown }>): Promise<void> => value(p).then(() => undefined);
const count = (db: ReadDb, sql: string): number => (db.prepare(sql).get() as { n: number }).n;
/** The ledger's folder: the child only gets the Core. */
const ledgerDir = (core: Core): string => core.services.ledger.paths.dir;
/** Where exports and backups go: beside the ledger, never inside its folder (the core refuses that). */
const outDir = (dir: string): string => `${dir}-out`;
/** seedSmallOffice only touches t.core. */
const seed = (core: Core): void => seedSmallOffice({ core } as unknown as TestLedger);

// ---- import -------------------------------------------------------------

const IMPORT_ROWS = 3_000;
const IMPORT_MAPPING = ['community', 'name', 'idNumber', 'phone', 'address'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚玉萍红玲芬燕彬鑫垚淼焱昊玥婧瑾璇瑶琪'];
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘'];
const importFile = (dir: string, f: number): string => join(dir, 'drill-import', `居民-${String(f).padStart(2, '0')}.csv`);

/** File f holds IMPORT_ROWS residents nobody else has: the ID numbers differ by sequence number (f < 1000). */
function writeResidentsCsv(path: string, f: number): void {
  const lines = ['所属社区,姓名,身份证号码,联系电话,家庭住址'];
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const name = SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7 + f) % GIVEN.length]!;
    const idNumber = makeIdNumber('420106', addDays('1940-01-01', i * 9), f);
    lines.push(
      `东风社区,${name},${idNumber},13${String(100_000_000 + f * IMPORT_ROWS + i).slice(-9)},幸福小区${f + 1}栋${1 + (i % 6)}单元${100 + Math.floor(i / 6)}室`,
    );
  }
  writeFileSync(path, lines.join('\r\n') + '\r\n');
}

/** Files already found good after an earlier kill: a finished file is never rewritten, so each is verified once. */
const verifiedBefore = new Set<string>();

// ---- export -------------------------------------------------------------

const EXPORT_PERIOD = { from: '2020-02-10', to: '2020-02-16' };
const EXPORT_PASSWORD = 'drill-zip-password';

// ---- rota ---------------------------------------------------------------

// The week from the office's today (the drill's core runs on the real clock): 自动排班 leaves days before today as
// they were, so a week in 2020 would give it nothing to write and the drill nothing to interrupt.
const ROTA_FROM = dayIn(new Date(), DEFAULT_OFFICE_TIME_ZONE);
const ROTA_WEEK = { from: ROTA_FROM, to: addDays(ROTA_FROM, 6) };

export const DRILL_OPERATIONS: Record<string, DrillOperation> = {
  /** Audited writes back to back: every change must have its audit row, and no audit row may lack its change. */
  'org-writes': {
    run: async (core, round) => {
      for (let i = 0; i < 50; i++) await ok(core.call('drill', 'org.communities.save', { name: `社区-${process.pid}-${round}-${i}`, households: i }));
    },
    check: (db) => {
      const communities = count(db, 'SELECT count(*) AS n FROM communities');
      const audited = count(db, `SELECT count(*) AS n FROM audit_log WHERE channel = 'org.communities.save'`);
      if (communities !== audited) throw new Error(`${communities} communities but ${audited} audit rows`);
    },
  },

  /**
   * An import commit of 3,000 residents: preview then commit the next file
   * not yet imported. Every import is all or nothing, so the ledger holds a
   * whole number of files' residents and one import_log row for each.
   */
  'import-commit': {
    killWindowMs: 800,
    prepare: async (core, dir) => {
      await ok(core.call('check', 'org.communities.save', { name: '东风社区' }));
      mkdirSync(join(dir, 'drill-import'), { recursive: true });
    },
    run: async (core) => {
      const done = count(core.services.ledger.handle(), `SELECT count(*) AS n FROM import_log WHERE target = 'residents' AND created > 0`);
      // Written afresh each round (a kill may have cut the last write short): the next file's people are new to the ledger.
      const path = importFile(ledgerDir(core), done);
      writeResidentsCsv(path, done);
      // The commit of the previewed plan: it writes what the preview prepared (sealed numbers, row MACs).
      const preview = callChosen(core, 'drill', 'import.preview', { path, target: 'residents', mapping: IMPORT_MAPPING });
      const { previewId } = await value<{ previewId: string }>(preview);
      await ok(callChosen(core, 'drill', 'import.commit', { path, target: 'residents', mapping: IMPORT_MAPPING, previewId }));
    },
    check: (db, _dir, core) => {
      const residents = count(db, 'SELECT count(*) AS n FROM residents');
      const logs = db.prepare(`SELECT created FROM import_log WHERE target = 'residents' AND created > 0`).all() as { created: number }[];
      if (residents % IMPORT_ROWS !== 0) throw new Error(`a partial import is visible: ${residents} residents is not a multiple of ${IMPORT_ROWS}`);
      if (logs.some((l) => l.created !== IMPORT_ROWS)) throw new Error(`an import_log row records a partial import: ${JSON.stringify(logs)}`);
      if (logs.length * IMPORT_ROWS !== residents) throw new Error(`${residents} residents but import_log records ${logs.length} imports of ${IMPORT_ROWS}`);
      // Every row the commits wrote from their previews' preparation is bound to the id it got.
      const damaged = damagedRows(db, core.services.ledger.sealer()!, [RESIDENT_BINDING]);
      if (damaged.size > 0) throw new Error(`imported rows whose MAC does not hold: ${JSON.stringify([...damaged.values()].map((ids) => [...ids]))}`);
    },
  },

  /** export.write in a loop: every .zip in the folder verifies with the office key; only .part files may be unfinished. */
  export: {
    killWindowMs: 900,
    prepare: async (core, dir) => {
      seed(core);
      await ok(core.call('check', 'export.officeKey', {}));
      mkdirSync(join(outDir(dir), 'drill-export'), { recursive: true });
    },
    run: async (core) => {
      const folder = join(outDir(ledgerDir(core)), 'drill-export');
      await ok(
        callChosen(core, 'drill', 'export.write', {
          ...EXPORT_PERIOD,
          formIds: ['caseload-summary', 'observation-roster', 'screening-coverage', 'care-ledger'],
          folder,
          password: EXPORT_PASSWORD,
        }),
      );
    },
    check: async (db, dir) => {
      const key = db.prepare('SELECT public_key_pem AS publicKeyPem, fingerprint FROM office_keys ORDER BY id DESC LIMIT 1').get() as {
        publicKeyPem: string;
        fingerprint: string;
      };
      const trusted = [{ officeName: '东风街道办事处', ...key }];
      for (const name of readdirSync(join(outDir(dir), 'drill-export'))) {
        if (name.startsWith('.') && name.endsWith('.part')) continue;
        if (!name.endsWith('.zip')) throw new Error(`unexpected file in the export folder: ${name}`);
        if (verifiedBefore.has(join(dir, name))) continue;
        const v = await verifyPackage(readFileSync(join(outDir(dir), 'drill-export', name)), EXPORT_PASSWORD, trusted);
        if (!v.ok) throw new Error(`${name} looks complete but fails verification: ${v.reason}`);
        verifiedBefore.add(join(dir, name));
      }
    },
  },

  /** backup.create into a fresh folder each round: every backup present opens and verifies; only .part folders may be unfinished. */
  backup: {
    killWindowMs: 700,
    prepare: async (core, dir) => {
      seed(core);
      await ok(core.call('check', 'org.communities.save', { name: '备份演练社区' }));
      mkdirSync(join(outDir(dir), 'drill-backup'), { recursive: true });
    },
    run: async (core, round) => {
      const folder = join(outDir(ledgerDir(core)), 'drill-backup', `${process.pid}-${round}`);
      mkdirSync(folder);
      await ok(callChosen(core, 'drill', 'backup.create', { folder }));
    },
    check: async (_db, dir, core) => {
      const root = join(outDir(dir), 'drill-backup');
      for (const round of readdirSync(root)) {
        for (const name of readdirSync(join(root, round))) {
          if (name.startsWith('.backup-') && name.endsWith('.part')) continue;
          if (verifiedBefore.has(join(root, round, name))) continue;
          const info = await value<{ auditIntact: boolean; sameLedger: boolean }>(
            callChosen(core, 'check', 'backup.inspect', { path: join(root, round, name) }),
          );
          if (!info.auditIntact || !info.sameLedger) throw new Error(`backup ${round}/${name} opens but is not a good copy: ${JSON.stringify(info)}`);
          verifiedBefore.add(join(root, round, name));
        }
      }
    },
  },

  /** rota.generate over one week in a loop: what is stored breaks no hard rule, and the audit log tells exactly which assignments exist. */
  'rota-generate': {
    killWindowMs: 600,
    prepare: async (core) => {
      const call = <T>(channel: Channel, input: unknown): Promise<T> => value<T>(core.call('check', channel, input));
      const c1 = (await call<{ id: number }>('org.communities.save', { name: '幸福社区' })).id;
      const shifts = (await call<{ id: number }[]>('rota.shifts.list', {})).map((s) => s.id);
      const [day, evening, night] = shifts as [number, number, number];
      await call('rota.posts.save', {
        communityId: c1,
        name: '北门卡点',
        kind: 'checkpoint',
        location: '幸福小区北门',
        requirements: [
          { shiftId: day, headcount: 2 },
          { shiftId: evening, headcount: 1 },
          { shiftId: night, headcount: 1 },
        ],
      });
      await call('rota.posts.save', { communityId: c1, name: '入户排查组', kind: 'screening', requirements: [{ shiftId: day, headcount: 2 }] });
      await call('rota.staff.save', { name: '李医生', kind: 'medical', communityId: c1 });
      for (const name of ['张伟', '王芳', '刘洋', '陈静', '杨帆', '黄磊', '周敏', '吴军'])
        await call('rota.staff.save', { name, kind: 'community_worker', communityId: c1 });
    },
    run: async (core) => {
      await ok(core.call('drill', 'rota.generate', { ...ROTA_WEEK }));
    },
    check: async (db, _dir, core) => {
      const cal = await value<{ assignments: { id: number; problems: string[] }[] }>(core.call('check', 'rota.calendar', ROTA_WEEK));
      const broken = cal.assignments.filter((a) => a.problems.length > 0);
      if (broken.length) throw new Error(`stored assignments break hard rules: ${JSON.stringify(broken.slice(0, 3))}`);
      // The audit log replayed in order says which assignments exist (ids are reused after a regeneration deletes
      // them); 自动排班 writes them 500 to a row (rota/plan-save.ts), each record with its id.
      const audited = db
        .prepare(`SELECT entity_id AS id, before_json AS before, after_json AS after FROM audit_log WHERE entity = 'rota_assignment' ORDER BY id`)
        .all() as { id: string; before: string | null; after: string | null }[];
      const idsIn = (r: { id: string }, json: string): number[] =>
        (unpackBatch(JSON.parse(json)) as { id: number }[] | null)?.map((x) => x.id) ?? [Number(r.id)];
      const live = new Set<number>();
      for (const r of audited) {
        if (r.before !== null) for (const id of idsIn(r, r.before)) live.delete(id);
        if (r.after !== null) for (const id of idsIn(r, r.after)) live.add(id);
      }
      const aliveByAudit = [...live].sort((x, y) => x - y);
      const stored = (db.prepare('SELECT id FROM rota_assignments ORDER BY id').all() as { id: number }[]).map((r) => r.id);
      if (JSON.stringify(aliveByAudit) !== JSON.stringify(stored))
        throw new Error(`audit says assignments ${aliveByAudit.length} exist, the table holds ${stored.length}`);
    },
  },
};
