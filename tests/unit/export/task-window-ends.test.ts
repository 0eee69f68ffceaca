/**
 * The exports' coordinator tasks (上报包, 区级表格, 区级汇总, 本街道公钥) after their window ended meanwhile (停用,
 * 改为只读查看 from another coordinator's window, or 锁定): no file in the chosen folder, no row after the ending
 * (router.ts's task write, task-write.ts). Their files are placed only inside their audit row's transaction: a commit
 * that fails after the rename leaves neither.
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { ENDERS, endedWhileWorkbookHeld, failNextCommit, holdNextWorkbook, rowsAfter, WINDOW_ENDED } from '../../helpers/held-task';
import { lastAuditId } from '../../helpers/office-packages';
import { saveCareRosterTemplate } from './district-templates';
import { PERIOD, seedSmallOffice, ZIP_PASSWORD } from './fixture';

const opened: TestLedger[] = [];
let stick = '';
afterEach(() => {
  vi.restoreAllMocks();
  for (const t of opened.splice(0)) t.close();
  if (stick) rmSync(stick, { recursive: true, force: true });
});

async function ledger(office?: string): Promise<TestLedger> {
  const t = await openTestLedger(office ? { office } : {});
  opened.push(t);
  return t;
}

/** A folder of its own on the stick: what is in it after the task is what the task left. */
const folderFor = (name: string): string => {
  const folder = join(stick, name);
  mkdirSync(folder);
  return folder;
};

interface Case {
  channel: string;
  /** The ledger the task runs on, ready for it; the input for a folder. */
  setUp: () => Promise<{ t: TestLedger; input: (folder: string) => object }>;
}

const CASES: Case[] = [
  {
    channel: 'export.write',
    setUp: async () => {
      const t = await ledger();
      seedSmallOffice(t);
      return { t, input: (folder) => ({ ...PERIOD, formIds: ['caseload-summary', 'care-ledger'], folder, password: ZIP_PASSWORD }) };
    },
  },
  {
    channel: 'export.templates.fill',
    setUp: async () => {
      const t = await ledger();
      seedSmallOffice(t);
      const id = await saveCareRosterTemplate(t, stick);
      return { t, input: (folder) => ({ id, ...PERIOD, outPath: join(folder, '关爱名册.xlsx') }) };
    },
  },
  {
    channel: 'export.district.verify',
    setUp: async () => {
      const east = await ledger();
      seedSmallOffice(east);
      const t = await ledger('金水区民政局');
      await t.call('export.district.addKey', { keyPath: (await east.call('export.savePublicKey', { folder: folderFor('pub') })).path });
      const pkg = (await east.call('export.write', { ...PERIOD, formIds: ['care-ledger'], folder: folderFor('east'), password: ZIP_PASSWORD })).path;
      const id = await saveCareRosterTemplate(t, stick);
      return { t, input: (folder) => ({ packages: [{ path: pkg, password: ZIP_PASSWORD }], template: { id, folder } }) };
    },
  },
];

describe.each(CASES)('$channel', ({ channel, setUp }) => {
  it.each(ENDERS)('the window ended by %s while its workbook is written: UNAUTHENTICATED, nothing in the folder, no row after', async (how) => {
    stick = mkdtempSync(join(tmpdir(), 'taizhang-export-task-'));
    const { t, input } = await setUp();
    const coordinator = await t.sessionAs('coordinator', 'zhaoliu');
    const out = folderFor('out');
    const ended = await endedWhileWorkbookHeld(t, channel, input(out), coordinator, how);
    expect(ended.result).toMatchObject(WINDOW_ENDED);
    expect(readdirSync(out)).toEqual([]);
    expect(ended.rowsAfter).toBe(0);
  });

  it('a commit failing after the file was placed: neither the file nor the row; done again, both', async () => {
    stick = mkdtempSync(join(tmpdir(), 'taizhang-export-task-'));
    const { t, input } = await setUp();
    const out = folderFor('out');
    const held = holdNextWorkbook();
    const task = t.raw(channel, input(out));
    await held.reached;
    // After what the task wrote before its awaits (export.write makes the office key first, in a write of its own).
    const mark = lastAuditId(t);
    failNextCommit(t.core.services.ledger.handle());
    held.release();
    expect(await task).toMatchObject({ ok: false });
    expect(readdirSync(out)).toEqual([]);
    expect(rowsAfter(t, mark, 'nobody', channel)).toBe(0);
    expect(await t.raw(channel, input(out))).toMatchObject({ ok: true });
    expect(readdirSync(out)).toHaveLength(1);
    expect(rowsAfter(t, mark, 'nobody', channel)).toBeGreaterThan(0);
  });
});

describe.each(CASES)('$channel, its chosen folder swapped for a link to the ledger folder while the workbook is written (S32-A2)', ({ channel, setUp }) => {
  it('CONFLICT naming the folder; nothing of the task in the ledger folder, no row; the folder back, done', async () => {
    stick = mkdtempSync(join(tmpdir(), 'taizhang-export-task-'));
    const { t, input } = await setUp();
    const out = folderFor('out');
    const ledgerFiles = readdirSync(t.dir).sort();
    const held = holdNextWorkbook();
    const task = t.raw(channel, input(out));
    await held.reached;
    const mark = lastAuditId(t);
    renameSync(out, join(stick, 'moved'));
    symlinkSync(t.dir, out);
    held.release();
    // Red before: ok, and the package / filled form lay beside taizhang.db.
    expect(await task).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('现在指向台账文件夹') } });
    expect(readdirSync(t.dir).sort()).toEqual(ledgerFiles);
    expect(rowsAfter(t, mark, 'nobody', channel)).toBe(0);
    rmSync(out);
    renameSync(join(stick, 'moved'), out);
    expect(await t.raw(channel, input(out))).toMatchObject({ ok: true });
    expect(readdirSync(out)).toHaveLength(1);
  });
});
