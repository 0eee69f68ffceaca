/**
 * Memorial records at rest (issue 19 item 2): a ledger whose memorial record
 * was written by the version before 023 (every value in clear) is upgraded.
 * A viewer's unlock seals nothing (no key) and still sees what it saw; the
 * coordinator's unlock seals every record, attachment and posthumous
 * commendation and empties the plain columns; every value opens back as it
 * was; and afterwards the tables (and what new writes put in the audit log)
 * hold no memorial text, family name, phone or attachment byte in clear.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../../electron/core/core';
import { migrate } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index';
import { openEncrypted } from '../../../electron/core/db/open';
import type { Database } from '../../../electron/core/db/types';
import { HONOURS_SEAL_UPGRADES } from '../../../electron/core/honours/seal-registry';
import { ADMIN, MADE_BEFORE_BINDING, PASSWORD, TEST_KDF, openTestLedger, type TestLedger, callsOn } from '../../helpers/ledger';
import {
  findTexts,
  HONOURS_TABLES,
  insertLegacyMemorial,
  LEGACY_CHILDREN,
  LEGACY_MEMORIAL,
  LEGACY_NOW,
  LEGACY_PDF,
  LEGACY_TEXTS,
  LIVING_COMMENDATION,
} from './legacy-fixture';
import { ROW_BINDINGS } from '../../../electron/core/sealed-columns';

let t: TestLedger;
afterEach(() => t?.close());

/** The honours tables exactly as migrations before 023 made them (taken from a ledger built to 022). */
function honoursSchemaBefore023(): Array<{ type: string; sql: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-before23-'));
  const db = openEncrypted(join(dir, 'l.db'), randomBytes(32));
  try {
    migrate(
      db,
      LEGACY_NOW,
      MIGRATIONS.filter((m) => m.version < 23),
    );
    return db.prepare(`SELECT type, sql FROM sqlite_master WHERE tbl_name LIKE 'honours_%' AND sql IS NOT NULL ORDER BY type = 'index', rowid`).all() as Array<{
      type: string;
      sql: string;
    }>;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Puts the ledger's honours tables back as they were before 023, with a record written the old way. */
function makeLegacy(db: Database): number {
  db.pragma('foreign_keys = OFF');
  for (const table of [...HONOURS_TABLES].reverse()) db.exec(`DROP TABLE ${table}`);
  for (const { sql } of honoursSchemaBefore023()) db.exec(sql);
  // Later migrations that touch these tables run again too: 036 (row_mac) comes off the other tables it added it to.
  // (Not the cases' row_mac: 043 added it, and 043 stays run.)
  for (const { table } of ROW_BINDINGS.filter((b) => !b.table.startsWith('honours_') && b.stage === undefined))
    db.exec(`ALTER TABLE ${table} DROP COLUMN row_mac`);
  db.prepare(`DELETE FROM schema_migrations WHERE version IN (23, 36)`).run();
  db.pragma('foreign_keys = ON');
  const c = Number(
    db.prepare(`INSERT INTO communities (name, created_at, updated_at) VALUES ('和平社区', @now, @now)`).run({ now: LEGACY_NOW }).lastInsertRowid,
  );
  const s = Number(
    db
      .prepare(`INSERT INTO staff (name, kind, community_id, status, created_at, updated_at) VALUES ('孙海燕', 'community_worker', @c, 'deceased', @now, @now)`)
      .run({ c, now: LEGACY_NOW }).lastInsertRowid,
  );
  return insertLegacyMemorial(db, c, s);
}

/** A ledger made by the version before 023, closed, then opened by this version: nobody has unlocked it yet. */
async function legacyLedger(): Promise<{ memorialId: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-honours-legacy-'));
  t = await openTestLedger({ dir, now: '2020-02-18T04:00:00.000Z', ...MADE_BEFORE_BINDING });
  await t.sessionAs('viewer', 'viewer1');
  const memorialId = makeLegacy(t.core.services.ledger.handle());
  await t.call('auth.lock', {}, 'viewer1');
  await t.call('auth.lock', {});
  t.core.close();
  const core = new Core({ dataDir: dir, clock: t.clock, kdf: TEST_KDF, failureDelayBaseMs: 5 });
  const close = () => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  };
  t = await reopened(core, close);
  return { memorialId };
}

async function reopened(core: Core, close: () => void): Promise<TestLedger> {
  const { call, fail } = callsOn(core);
  return { ...t, core, call, fail, close } as unknown as TestLedger;
}

const db = () => t.core.services.ledger.handle();
const pending = () => Object.fromEntries(HONOURS_SEAL_UPGRADES.map((u) => [u.name, u.pending(db())]));

describe('memorial records sealed at rest', () => {
  it('a viewer’s unlock seals nothing and sees what it saw; the coordinator’s seals everything, and every value opens back unchanged', async () => {
    const { memorialId } = await legacyLedger();

    // The viewer first: the migration runs, but without the key nothing can be sealed.
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    expect(Object.values(pending()).every((n) => n === 1)).toBe(true);
    // (The scan below does find them while they are in clear.)
    expect(findTexts(db(), HONOURS_TABLES, [LEGACY_MEMORIAL.circumstances, LEGACY_CHILDREN.family.phone, LEGACY_PDF.subarray(0, 40)])).toHaveLength(3);
    const living = await t.call('honours.commendations.list', {}, 'viewer1');
    expect(living).toEqual([expect.objectContaining({ memorialId: null, ...LIVING_COMMENDATION })]);
    expect((await t.fail('honours.memorials.list', {}, 'viewer1')).code).toBe('FORBIDDEN');

    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(Object.values(pending()).every((n) => n === 0)).toBe(true);
    // Nothing personal left in clear, in any column of any honours table: no text, no attachment byte.
    expect(findTexts(db(), HONOURS_TABLES, [...LEGACY_TEXTS, LEGACY_PDF.subarray(0, 40)])).toEqual([]);
    // The living commendation stays as viewers read it.
    expect(await t.call('honours.commendations.list', {}, 'viewer1')).toEqual(living);

    const m = await t.call('honours.memorials.get', { id: memorialId });
    expect(m).toMatchObject({ ...LEGACY_MEMORIAL, diedAt: '2020-02-16T06:20:00.000Z', psychSupportOn: '2020-02-17' });
    expect(m.family).toEqual([{ id: expect.any(Number), ...LEGACY_CHILDREN.family }]);
    expect(m.visits).toEqual([{ id: expect.any(Number), visitedOn: '2020-02-17', nextVisitOn: '2020-02-18', ...LEGACY_CHILDREN.visit }]);
    expect(m.difficulties).toEqual([expect.objectContaining({ kind: '就学', status: 'in_progress', followUpOn: '2020-02-18', ...LEGACY_CHILDREN.difficulty })]);
    expect(m.reports).toEqual([{ id: expect.any(Number), reportedAt: '2020-02-16T07:00:00.000Z', recipient: '党委', ...LEGACY_CHILDREN.report }]);
    expect(m.steps.find((s: { kind: string }) => s.kind === '工伤认定')).toEqual({
      kind: '工伤认定',
      status: 'applied',
      appliedOn: '2020-02-17',
      decidedOn: null,
      ...LEGACY_CHILDREN.step,
    });
    expect(m.publicity).toEqual([{ id: expect.any(Number), publishedOn: '2020-02-17', ...LEGACY_CHILDREN.publicity }]);
    expect(m.commendations).toEqual([expect.objectContaining({ memorialId, ...LEGACY_CHILDREN.posthumous })]);
    expect(m.attachments).toEqual([expect.objectContaining({ ...LEGACY_CHILDREN.attachment, mime: 'application/pdf', sizeBytes: LEGACY_PDF.length })]);
    const file = await t.call('honours.attachments.open', { attachmentId: m.attachments[0]!.id });
    expect(Buffer.from(file.base64, 'base64').equals(LEGACY_PDF)).toBe(true);

    // 今日随访 still flags what is owed, with the name, for the coordinator; the list keeps name, post and cause.
    const today = await t.call('today.list', { limit: 50 });
    expect(today.items.map((i: { title: string }) => i.title)).toContain(`牺牲人员情况报告逾期：${LEGACY_MEMORIAL.name}`);
    expect(await t.call('honours.memorials.list', {})).toEqual([
      expect.objectContaining({ id: memorialId, name: LEGACY_MEMORIAL.name, post: LEGACY_MEMORIAL.post, cause: LEGACY_MEMORIAL.cause, overdue: true }),
    ]);
    const dash = await t.call('dashboard.summary', {});
    expect(dash.memorials).toMatchObject({ overdueReports: 1, memorialIds: [memorialId] });
  });

  it('seals what is written from now on, in the tables and in the audit log', async () => {
    t = await openTestLedger({ now: '2020-02-18T04:00:00.000Z' });
    const m = await t.call('honours.memorials.save', {
      name: '黄志刚',
      idNumber: '410102197703120030',
      post: '卡点值守志愿者',
      diedAt: '2020-02-16T06:20:00.000Z',
      place: '金水河路卡点',
      circumstances: '夜间值守时突发心梗，送医不治。',
      cause: '突发疾病',
    });
    await t.call('honours.family.save', { memorialId: m.id, name: '黄秀英', relation: '母亲', phone: '13903712468', notes: '独居，行动不便' });
    await t.call('honours.visits.add', { memorialId: m.id, visitedOn: '2020-02-18', visitors: '街道武装部长', notes: '老人需要每日送餐' });
    await t.call('honours.care.save', { memorialId: m.id, psychSupport: '心理咨询师黄老师上门', psychSupportOn: '2020-02-18' });
    const secrets = [
      '黄志刚',
      '410102197703120030',
      '金水河路卡点',
      '夜间值守时突发心梗',
      '黄秀英',
      '13903712468',
      '独居，行动不便',
      '老人需要每日送餐',
      '心理咨询师黄老师上门',
    ];
    expect(findTexts(db(), [...HONOURS_TABLES, 'audit_log'], secrets)).toEqual([]);
    const back = await t.call('honours.memorials.get', { id: m.id });
    expect(back).toMatchObject({ name: '黄志刚', idNumber: '410102197703120030', psychSupport: '心理咨询师黄老师上门', psychSupportOn: '2020-02-18' });
    expect(back.family[0]).toMatchObject({ name: '黄秀英', phone: '13903712468' });
    // The audit row still tells a key holder what changed.
    const row = db().prepare(`SELECT after_json FROM audit_log WHERE entity = 'memorial_family' ORDER BY id DESC LIMIT 1`).get() as { after_json: string };
    const sealed = JSON.parse(row.after_json) as { personal: { masked: string; sealed: string } };
    const opened = JSON.parse(t.core.services.ledger.sealer()!.open('honours_family_members.personal.audit', Buffer.from(sealed.personal.sealed, 'base64')));
    expect(opened).toMatchObject({ name: '黄秀英', phone: '13903712468' });
  });
});
