/**
 * The twenty-sixth attack run (session 40) on the residents import's audit records made at the preview
 * (io/import/targets/resident-audit-plan.ts, batched-audit.ts `plannedRows`, apply.ts): can a stale plan write wrong
 * audit rows? The preview is staged per session (staging.ts `takeStaged`) and followed only under the ledger's stamp,
 * the duplicate mode and the sealer it was made with. Tried through `Core.call`: a preview followed by a demotion of
 * its maker, a commit from another user's window with the first one's preview id, two previews interleaved, one
 * committed twice, a key rotation between preview and commit, the office's day changing between them. Each time every
 * resident and household in the ledger must have its audit record, naming who committed, no record may be audited that
 * was not made, and `audit.verify` must hold.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BATCH_SEPARATOR } from '../../../electron/core/audit/batched-entries';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { ADMIN, ADMIN_NEXT, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { scratch, seedOrg, writeCsv } from '../import/files';

let t: TestLedger;
afterEach(() => t?.close());

const MAPPING = ['community', 'grid', 'name', 'idNumber', 'phone', 'address', 'tags'];
const HEAD = ['社区', '网格', '姓名', '身份证号', '电话', '住址', '特殊人群'];

/** `n` new people two to an address, numbered from `from` (a file of its own per `from`; born in `year`, ≤ 999 a year). */
function csv(n: number, from = 1, year = 1970): string {
  const rows = Array.from({ length: n }, (_, i) => [
    '东风社区',
    '一网格',
    `居民${from + i}`,
    makeIdNumber('420106', `${year}-01-01`, i + 1),
    `1380013${String(from + i).padStart(4, '0')}`,
    `幸福小区${Math.floor((from + i) / 2)}栋`,
    '',
  ]);
  return writeCsv(join(scratch(), `居民${from}.csv`), [HEAD, ...rows], 'utf-8-bom');
}

const input = (path: string, previewId?: string) => ({ path, target: 'residents' as const, mapping: MAPPING, ...(previewId ? { previewId } : {}) });

interface AuditRow {
  entity: string;
  entity_id: string;
  username: string;
}

/** The ids an audit row's entity id names ("7", or a batch "3–502"). */
function idsOf(entityId: string): number[] {
  const [a, b] = entityId.split(BATCH_SEPARATOR).map(Number);
  return b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, i) => a! + i);
}

/**
 * Every resident and household has exactly one creation record in the log; every creation record names a row that
 * exists; each record of the import's creations names `committer`; the chain and the anchor hold.
 */
async function auditMatchesRecords(committer: string, coordinator = ADMIN.username): Promise<void> {
  const db = t.core.services.ledger.handle();
  for (const entity of ['resident', 'household'] as const) {
    const table = entity === 'resident' ? 'residents' : 'households';
    const rows = db.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all() as number[];
    const audits = db
      .prepare(`SELECT entity, entity_id, username FROM audit_log WHERE entity = ? AND before_json IS NULL AND channel = 'import.commit' ORDER BY id`)
      .all(entity) as AuditRow[];
    const named = audits.flatMap((a) => idsOf(a.entity_id));
    expect(new Set(named).size, `${entity}: one record each`).toBe(named.length);
    const others = db
      .prepare(`SELECT entity_id FROM audit_log WHERE entity = ? AND channel <> 'import.commit' AND before_json IS NULL`)
      .pluck()
      .all(entity) as string[];
    expect(
      [...named, ...others.flatMap(idsOf)].sort((x, y) => x - y),
      `${entity}: the log's creations are the ledger's rows`,
    ).toEqual(rows);
    expect(new Set(audits.map((a) => a.username))).toEqual(new Set(audits.length ? [committer] : []));
  }
  expect(await t.call('audit.verify', {}, coordinator)).toMatchObject({ intact: true });
}

const residents = (): number => t.core.services.ledger.handle().prepare(`SELECT count(*) FROM residents`).pluck().get() as number;

async function ledgerWithClerks(now?: string): Promise<void> {
  t = await openTestLedger(now ? { now } : {});
  await seedOrg(t);
  await t.sessionAs('clerk', 'clerk1');
  await t.sessionAs('clerk', 'clerk2');
}

describe('a residents import whose preview is stale by its commit', () => {
  it('held: clerk1 previews, is made 只读查看, then commits from the same window: refused, nothing written', async () => {
    await ledgerWithClerks();
    const path = csv(600);
    const pre = await t.call('import.preview', input(path), 'clerk1');
    const clerk1 = (await t.call('users.list', {})).find((u) => u.username === 'clerk1')!;
    await t.call('users.update', { id: clerk1.id, role: 'viewer', ...rotating() });
    const refused = await t.fail('import.commit', input(path, pre.previewId), 'clerk1');
    expect(['FORBIDDEN', 'UNAUTHENTICATED', 'LOCKED']).toContain(refused.code);
    expect(residents()).toBe(0);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
    await auditMatchesRecords('nobody', ADMIN.username);
  }, 120_000);

  it("held: clerk2 commits with clerk1's preview id: refused, nothing written (S52-A1); her own preview commits, every record audited, naming clerk2", async () => {
    await ledgerWithClerks();
    const path = csv(600);
    const pre = await t.call('import.preview', input(path), 'clerk1');
    // Another window's preview is not one this window showed its user (session 52: refused, not read as none).
    const refused = await t.fail('import.commit', input(path, pre.previewId), 'clerk2');
    expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('「居民1.csv」的预览已不在') });
    expect(residents()).toBe(0);
    const own = await t.call('import.preview', input(path), 'clerk2');
    const done = await t.call('import.commit', input(path, own.previewId), 'clerk2');
    expect(done.counts).toMatchObject({ created: 600 });
    await auditMatchesRecords('clerk2');
  }, 120_000);

  it('held: two previews interleaved in one window, the first committed with its id; then the second, then the first again', async () => {
    await ledgerWithClerks();
    const a = csv(600, 1);
    const b = csv(600, 1001, 1971);
    const preA = await t.call('import.preview', input(a), 'clerk1');
    const preB = await t.call('import.preview', input(b), 'clerk1');
    expect((await t.call('import.commit', input(a, preA.previewId), 'clerk1')).counts).toMatchObject({ created: 600 });
    expect((await t.call('import.commit', input(b, preB.previewId), 'clerk1')).counts).toMatchObject({ created: 600 });
    const again = await t.call('import.commit', input(a, preA.previewId), 'clerk1');
    expect(again.alreadyImported).toBeTruthy();
    expect(residents()).toBe(1200);
    await auditMatchesRecords('clerk1');
  }, 120_000);

  it('held: a resident added and a key rotation between preview and commit: the ids and the log follow the ledger', async () => {
    await ledgerWithClerks();
    const path = csv(600);
    const pre = await t.call('import.preview', input(path), 'clerk1');
    const household = (await t.call('households.save', { communityId: 1, addressText: '幸福路9号' })).id;
    await t.call('residents.save', { householdId: household, name: '赵敏', idNumber: null, phone: null }, 'clerk2');
    await t.call('users.rotateKeys', rotating());
    const r = await t.raw('import.commit', input(path, pre.previewId), 'clerk1');
    // clerk1's window was kept through the rotation (it holds the new key): the commit goes on, computing every row itself.
    expect(r).toMatchObject({ ok: true, value: { counts: { created: 600 } } });
    expect(residents()).toBe(601);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
    const db = t.core.services.ledger.handle();
    const zhao = db.prepare(`SELECT username FROM audit_log WHERE entity = 'resident' AND channel = 'residents.save'`).pluck().all();
    expect(zhao).toEqual(['clerk2']);
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true });
    await auditMatchesRecords('clerk1');
  }, 120_000);

  it('held: the office day turns (23:59:30 → 00:00:10 Asia/Shanghai) between preview and commit: the records and their audit carry the commit’s instant', async () => {
    await ledgerWithClerks('2020-02-17T15:59:30.000Z');
    const path = csv(600);
    const pre = await t.call('import.preview', input(path), 'clerk1');
    t.clock.set('2020-02-17T16:00:10.000Z');
    await t.call('import.commit', input(path, pre.previewId), 'clerk1');
    const db = t.core.services.ledger.handle();
    expect(db.prepare(`SELECT DISTINCT created_at FROM residents`).pluck().all()).toEqual(['2020-02-17T16:00:10.000Z']);
    expect(db.prepare(`SELECT DISTINCT at FROM audit_log WHERE channel = 'import.commit'`).pluck().all()).toEqual(['2020-02-17T16:00:10.000Z']);
    await auditMatchesRecords('clerk1');
  }, 120_000);
});
