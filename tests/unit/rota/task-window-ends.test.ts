/**
 * The rota's coordinator tasks after their window ended meanwhile (停用, 改为只读查看 from another coordinator's window,
 * or 锁定): nothing written, no file at the chosen path, no row after the ending (router.ts's task write,
 * task-write.ts). And their files placed only inside their audit row's transaction: a commit that fails leaves neither.
 */
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import {
  ENDERS,
  endedWhileWorkbookHeld,
  endWindow,
  failNextCommit,
  holdNextTurn,
  holdNextWorkbook,
  lastAuditId,
  rowsAfter,
  WINDOW_ENDED,
} from '../../helpers/held-task';
import { rotaFixture, type RotaFixture } from './fixture';

const WEEK = { from: '2020-02-17', to: '2020-02-23' };
let t: TestLedger | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  t?.close();
  t = undefined;
});

/** A ledger with the rota fixture (one worker insured, with a full ID number) and a second coordinator's window. */
async function office(): Promise<{ t: TestLedger; f: RotaFixture; coordinator: string; out: string }> {
  t = await openTestLedger();
  const f = await rotaFixture(t);
  await t.call('rota.staff.save', {
    id: f.workers[0]!,
    name: '张伟',
    kind: 'community_worker',
    idNumber: makeIdNumber('410102', '1985-03-12', 123),
    insurer: '中国人寿',
  });
  await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: 10000, label: '临时性工作补助' });
  const coordinator = await t.sessionAs('coordinator', 'zhaoliu');
  return { t, f, coordinator, out: join(mkdtempSync(join(tmpdir(), 'taizhang-rota-task-')), '导出.xlsx') };
}

const EXPORTS = [
  { channel: 'rota.allowances.export', input: (path: string) => ({ ...WEEK, path }) },
  { channel: 'rota.staff.insurerRoster', input: (path: string) => ({ path }) },
] as const;

describe.each(EXPORTS)('$channel', ({ channel, input }) => {
  it.each(ENDERS)('the window ended by %s while the workbook is written: UNAUTHENTICATED, no file, no row after', async (how) => {
    const { t, coordinator, out } = await office();
    const ended = await endedWhileWorkbookHeld(t, channel, input(out), coordinator, how);
    expect(ended.result).toMatchObject(WINDOW_ENDED);
    expect(readdirSync(dirname(out))).toEqual([]);
    expect(ended.rowsAfter).toBe(0);
  });

  it('a commit failing after the file was placed: neither the file nor the row; done again, both', async () => {
    const { t, out } = await office();
    const held = holdNextWorkbook();
    const task = t.raw(channel, input(out));
    await held.reached;
    failNextCommit(t.core.services.ledger.handle());
    held.release();
    expect(await task).toMatchObject({ ok: false });
    expect(readdirSync(dirname(out))).toEqual([]);
    const rows = () => t.core.services.ledger.handle().prepare(`SELECT count(*) FROM audit_log WHERE channel = @channel`).pluck().get({ channel });
    expect(rows()).toBe(0);
    expect(await t.raw(channel, input(out))).toMatchObject({ ok: true });
    expect(existsSync(out)).toBe(true);
    expect(rows()).toBe(1);
  });
});

describe('rota.allowances.export over an older pay sheet the user chose to replace', () => {
  const channel = 'rota.allowances.export';

  /** Exports over `out` with the commit failing after the rename; what the folder holds after, and the file's inode. */
  async function failedOver(t: TestLedger, out: string): Promise<{ names: string[]; inode: number }> {
    const held = holdNextWorkbook();
    const task = t.raw(channel, { ...WEEK, path: out });
    await held.reached;
    failNextCommit(t.core.services.ledger.handle());
    held.release();
    expect(await task).toMatchObject({ ok: false });
    return { names: readdirSync(dirname(out)), inode: statSync(out).ino };
  }

  /** Done again, holding: the new sheet alone at `out`. */
  async function replaced(t: TestLedger, out: string): Promise<void> {
    expect(await t.raw(channel, { ...WEEK, path: out })).toMatchObject({ ok: true });
    expect(readdirSync(dirname(out))).toEqual([basename(out)]);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
  }

  it('a commit failing after the rename puts the older sheet back, byte for byte, and leaves nothing else; done again, replaced', async () => {
    const { t, out } = await office();
    writeFileSync(out, '上周的补助表');
    // Red before: the failed commit removed the new sheet and the old one was already gone (readdir []).
    expect((await failedOver(t, out)).names).toEqual([basename(out)]);
    expect(readFileSync(out, 'utf8')).toBe('上周的补助表');
    await replaced(t, out);
  });

  /** `path` given 64,999 more hard links (ext4's most) in `elsewhere`: one more is refused (EMLINK), as FAT refuses any. */
  function atMostLinks(path: string, elsewhere: string): void {
    mkdirSync(elsewhere);
    for (let i = 0; ; i++)
      try {
        linkSync(path, join(elsewhere, String(i)));
      } catch (e) {
        expect((e as { code?: string }).code).toBe('EMLINK');
        return;
      }
  }

  it('where the folder refuses a second name (a link): moved aside, never copied, and put back the same file (S33-A4)', async () => {
    const { t, out } = await office();
    writeFileSync(out, '上周的补助表');
    const links = join(dirname(dirname(out)), `${basename(dirname(out))}-links`);
    atMostLinks(out, links);
    const inode = statSync(out).ino;
    // Red with the copy (2c6d421): the sheet put back was a copy, another inode.
    expect(await failedOver(t, out)).toEqual({ names: [basename(out)], inode });
    expect(readFileSync(out, 'utf8')).toBe('上周的补助表');
    await replaced(t, out);
    rmSync(links, { recursive: true, force: true });
  }, 60_000);
});

describe.each(EXPORTS)('$channel placed', ({ channel, input }) => {
  it('a directory appeared at the chosen path while the workbook was written: refused, nothing of ours there, no row', async () => {
    const { t, out } = await office();
    const held = holdNextWorkbook();
    const task = t.raw(channel, input(out));
    await held.reached;
    mkdirSync(out);
    writeFileSync(join(out, '别人的.txt'), 'keep');
    held.release();
    expect(await task).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(readdirSync(dirname(out))).toEqual([basename(out)]);
    expect(readdirSync(out)).toEqual(['别人的.txt']);
    expect(t.core.services.ledger.handle().prepare(`SELECT count(*) FROM audit_log WHERE channel = @channel`).pluck().get({ channel })).toBe(0);
  });
});

describe('rota.generate', () => {
  it.each(ENDERS)('the window ended by %s during its awaits: UNAUTHENTICATED, no assignment, no row after', async (how) => {
    const { t, coordinator } = await office();
    // At its first progress (dispatched, before its first await) the ending starts; the task's next turn is held until it is done.
    let ending: Promise<void> | null = null;
    let turn: { release: () => void } | null = null;
    let started = (): void => undefined;
    const dispatched = new Promise<void>((r) => (started = r));
    const emit = t.core.services.emit;
    vi.spyOn(t.core.services, 'emit').mockImplementation((sessionId, event) => {
      emit(sessionId, event);
      if (ending || event.type !== 'progress' || event.channel !== 'rota.generate') return;
      ending = endWindow(t, coordinator, how);
      turn = holdNextTurn();
      started();
    });
    const task = t.raw('rota.generate', WEEK, coordinator);
    await dispatched;
    await ending;
    const mark = lastAuditId(t);
    turn!.release();
    expect(await task).toMatchObject({ ...WINDOW_ENDED, error: { ...WINDOW_ENDED.error, message: expect.stringContaining('「自动排班」进行期间') } });
    const db = t.core.services.ledger.handle();
    expect(db.prepare(`SELECT count(*) FROM rota_assignments`).pluck().get()).toBe(0);
    expect(rowsAfter(t, mark, coordinator, 'rota.generate')).toBe(0);
  });
});
