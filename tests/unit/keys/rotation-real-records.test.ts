/**
 * Key rotation on the demo ledger's real records (issue 19 item 3): memorial
 * and commendation records with everything hung on them, an attachment, the
 * office signing key, staff and resident numbers, sealed audit payloads and a
 * staged rejected import row. Everything a coordinator (and, where a clerk may,
 * the clerk) opens before a disable opens identically after it, for both; a
 * copy of the database key or the sensitive key saved before opens nothing.
 */
import { sign, verify } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../../electron/core/api';
import { SettableClock } from '../../../electron/core/clock';
import { Core } from '../../../electron/core/core';
import { findSlot, openSlotKeys, readKeyring } from '../../../electron/core/db/keyring';
import { openEncrypted } from '../../../electron/core/db/open';
import { makeSealer, type Sealer } from '../../../electron/core/db/sealer';
import type { ReadDb } from '../../../electron/core/db/types';
import { buildDemoLedger, DEMO_USERS } from '../../../electron/core/demo/build-demo';
import { currentOfficeKey, signingKey } from '../../../electron/core/io/export/office-key';
import { SEALED_COLUMNS, SEALED_RECORD_AUDIT_PURPOSES } from '../../../electron/core/sealed-columns';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { withChosenPaths } from '../../helpers/chosen-paths';
import { TEST_KDF, rotating } from '../../helpers/ledger';
import { writeXlsx } from '../import/files';

const [ADMIN, CLERK] = DEMO_USERS;
/** The clerk after the coordinator reset their password (the rotation's result asks for it). */
const CLERK_AFTER = { username: CLERK!.username, password: 'reset-after-rotation-1' };
/** The coordinator after the rotation, which ends on a new password of theirs. */
const ADMIN_AFTER = { username: ADMIN!.username, password: 'admin-after-rotation-1' };
const REJECTED_ID = makeIdNumber('410102', '1990-07-15', 22);

/**
 * The registry without the statements of the three slots made afresh since (a new key pair each): the recovery slot,
 * which the rotation re-made for its new recovery key, the coordinator's, re-made for their new password, and the
 * clerk's, re-made by the password reset.
 */
function keptSlots(registry: Record<string, string>): Record<string, string> {
  const remade = (k: string, v: string) => {
    if (!k.startsWith('slot_keys.')) return false;
    const [name] = JSON.parse(Buffer.from(v.split('|')[0]!, 'base64').toString('utf8')) as [string];
    return name === '#recovery' || name === CLERK!.username || name === ADMIN!.username;
  };
  return Object.fromEntries(Object.entries(registry).filter(([k, v]) => !remade(k, v)));
}

let dir: string;
let files: string;
let core: Core;

async function call<T>(channel: string, input: unknown, sid: string = ADMIN.username): Promise<T> {
  const chosen = await withChosenPaths(core, sid, channel, input);
  if (!chosen.ok) throw new Error(`${channel}: ${JSON.stringify(chosen)}`);
  const r = await core.call(sid, channel as Channel, chosen.input);
  if (r.ok !== true) throw new Error(`${channel}: ${JSON.stringify(r)}`);
  return r.value as T;
}

const unlock = (u: { username: string; password: string }) => call('auth.unlock', { username: u.username, password: u.password }, u.username);
const db = (): ReadDb => core.services.ledger.handle();

/** Every value of every registered sealed column, opened, by table, column and rowid; and whether each keyed index matches. */
function registryOpened(sealer: Sealer): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of SEALED_COLUMNS) {
    const idx = c.indexes.map((i) => `${i.column} AS "${i.column}"`).join(', ');
    const rows = db()
      .prepare(`SELECT rowid AS rid, ${c.column} AS v${idx ? `, ${idx}` : ''} FROM ${c.table} WHERE ${c.column} IS NOT NULL`)
      .all() as Array<Record<string, Buffer | number | null>>;
    for (const r of rows) {
      const plain = sealer.openBytes(c.purpose, r.v as Buffer);
      const text = plain.toString('utf8');
      const indexes = c.indexes.map((i) => {
        const of = i.of(text);
        const stored = r[i.column] as Buffer | null;
        return of === null ? stored === null : stored !== null && sealer.index(i.purpose, of).equals(stored);
      });
      out[`${c.table}.${c.column}#${r.rid}`] = `${plain.toString('base64')}|${indexes.join(',')}`;
    }
  }
  return out;
}

/** How many registered sealed values a sealer opens (an old key must open none). */
function registryOpenable(sealer: Sealer): number {
  let n = 0;
  for (const c of SEALED_COLUMNS) {
    for (const r of db().prepare(`SELECT ${c.column} AS v FROM ${c.table} WHERE ${c.column} IS NOT NULL`).all() as Array<{ v: Buffer }>) {
      try {
        sealer.openBytes(c.purpose, r.v);
        n++;
      } catch {
        // under another key: as it must be
      }
    }
  }
  return n;
}

async function rejectedSheet(sid: string): Promise<unknown[][]> {
  const importId = (db().prepare(`SELECT max(import_id) AS id FROM import_rejected_rows`).get() as { id: number }).id;
  const out = join(files, `退回-${sid}-${Date.now()}-${Math.random().toString(36).slice(2)}.xlsx`);
  await call('import.rejected.save', { importId, outPath: out }, sid);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** What the coordinator opens through the channels, and what the clerk opens through theirs. */
async function seenThroughChannels() {
  const memorials = await call<Array<{ id: number }>>('honours.memorials.list', {});
  const details = [];
  const attachments = [];
  for (const m of memorials) {
    const d = await call<{ attachments: Array<{ id: number }> }>('honours.memorials.get', { id: m.id });
    details.push(d);
    for (const a of d.attachments) attachments.push(await call('honours.attachments.open', { attachmentId: a.id }));
  }
  const commendations = await call('honours.commendations.list', {});
  const staff = await call<Array<{ id: number }>>('rota.staff.list', {});
  const staffNumbers = [];
  for (const s of staff.slice(0, 15)) staffNumbers.push(await call('rota.staff.reveal', { id: s.id }, CLERK.username));
  const residents = db().prepare(`SELECT id FROM residents WHERE id_number_sealed IS NOT NULL ORDER BY id LIMIT 10`).all() as Array<{ id: number }>;
  const residentNumbers = [];
  for (const r of residents) residentNumbers.push(await call('residents.reveal', { residentId: r.id, field: 'idNumber' }, CLERK.username));
  const audit = (await call<{ rows: Array<{ id: number; sealed: boolean }> }>('audit.list', { offset: 0, limit: 500 })).rows.filter((r) => r.sealed);
  const auditOpened = [];
  for (const r of audit.slice(-25)) auditOpened.push(await call('audit.reveal', { id: r.id }));
  const office = currentOfficeKey(db())!;
  const signing = signingKey(db(), core.services.ledger.sealer(), office);
  return {
    counts: {
      memorials: memorials.length,
      attachments: attachments.length,
      staff: staffNumbers.length,
      residents: residentNumbers.length,
      audit: auditOpened.length,
    },
    details,
    attachments,
    commendations,
    staffNumbers,
    residentNumbers,
    auditOpened,
    officePrivateKey: signing.privateKeyPem,
    rejectedForAdmin: await rejectedSheet(ADMIN.username),
    rejectedForClerk: await rejectedSheet(CLERK.username),
  };
}

let before: Awaited<ReturnType<typeof seenThroughChannels>>;
let registryBefore: Record<string, string>;
let oldDbKey: Buffer;
let oldSensitive: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'taizhang-rotate-demo-'));
  files = mkdtempSync(join(tmpdir(), 'taizhang-rotate-files-'));
  const clock = new SettableClock();
  clock.set('2020-03-01T02:00:00.000Z');
  core = new Core({ dataDir: dir, clock, kdf: TEST_KDF, failureDelayBaseMs: 5 });
  await buildDemoLedger(core, { residents: 300 });
  await unlock(ADMIN);
  await unlock(CLERK);
  await call('export.officeKey', {});
  await call('users.create', { username: 'leaver', displayName: '离岗录入员', role: 'clerk', password: 'password-1234' });

  // An attachment on the first memorial, and an import that leaves a rejected row (its cells sealed in staging).
  const memorials = await call<Array<{ id: number }>>('honours.memorials.list', {});
  const pdf = join(files, '追授材料.pdf');
  writeFileSync(pdf, '%PDF-1.4\n% 追授材料扫描件 轮换前后须一致\n%%EOF\n');
  await call('honours.attachments.add', { memorialId: memorials[0]!.id, path: pdf, caption: '扫描件' });
  const community = (await call<Array<{ name: string }>>('org.communities.list', {}))[0]!.name;
  const sheet = await writeXlsx(join(files, '人员.xlsx'), [
    {
      name: 'S',
      rows: [
        ['姓名', '类别', '所属社区', '手机号码', '身份证号码', '单位'],
        ['周一鸣', '社区工作者', community, '13800138000', makeIdNumber('410102', '1985-03-02', 11), ''],
        ['张三', '厨师', community, '13700137000', REJECTED_ID, ''],
      ],
    },
  ]);
  const done = await call<{ counts: { rejected: number } }>(
    'import.commit',
    { path: sheet, target: 'staff', mapping: ['name', 'kind', 'community', 'phone', 'idNumber', 'agency'] },
    CLERK.username,
  );
  expect(done.counts.rejected).toBe(1);

  // Sealed audit payloads of each shape: numbers (a resident), a whole record (a family member).
  const communityId = (await call<Array<{ id: number }>>('org.communities.list', {}))[0]!.id;
  await call('residents.save', { name: '欧阳秀英', communityId, idNumber: makeIdNumber('410103', '1958-06-21', 417), phone: '13803711002' }, CLERK.username);
  await call('honours.family.save', { memorialId: memorials[0]!.id, name: '周文华', relation: '配偶', phone: '13803712345' });

  before = await seenThroughChannels();
  registryBefore = registryOpened(core.services.ledger.sealer()!);
  oldDbKey = Buffer.from(core.services.ledger.currentKey());
  oldSensitive = Buffer.from(core.services.ledger.heldKeys().sensitiveKey!);

  const leaver = (await call<Array<{ id: number; username: string }>>('users.list', {})).find((u) => u.username === 'leaver')!;
  await call('users.disable', { id: leaver.id, ...rotating(ADMIN!.password, ADMIN_AFTER.password) });
  // Everyone signs in again, with the keys the keyring now holds: the clerk, who missed the rotation, after the
  // coordinator reset their password (their old one pins the retired key: README "Pins").
  await call('auth.lock', {}, CLERK.username);
  await call('auth.lock', {});
  expect(core.services.ledger.isOpen()).toBe(false);
  await unlock(ADMIN_AFTER);
  const clerkId = (await call<Array<{ id: number; username: string }>>('users.list', {})).find((u) => u.username === CLERK.username)!.id;
  await call('users.resetPassword', { id: clerkId, password: 'initial-after-reset-1' });
  await unlock({ username: CLERK.username, password: 'initial-after-reset-1' });
  // The first-login change: their own password, the slot pinned to the key held.
  await call('auth.changePassword', { oldPassword: 'initial-after-reset-1', newPassword: CLERK_AFTER.password }, CLERK.username);
}, 300_000);

afterAll(() => {
  core?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(files, { recursive: true, force: true });
});

describe('key rotation on the demo ledger', () => {
  it('had something of every kind to open', () => {
    expect(before.counts).toMatchObject({ attachments: 1, staff: 15, residents: 10 });
    expect(before.counts.audit).toBeGreaterThanOrEqual(4);
    expect(before.counts.memorials).toBeGreaterThan(0);
    expect(before.rejectedForAdmin.flat()).toContain(REJECTED_ID);
    for (const c of SEALED_COLUMNS) {
      if (c.table === 'import_review_flags') continue; // nothing flagged in the demo
      expect(
        Object.keys(registryBefore).some((k) => k.startsWith(`${c.table}.${c.column}#`)),
        `${c.table}.${c.column}`,
      ).toBe(true);
    }
  });

  it('rotated both keys', () => {
    expect(core.services.ledger.currentKey().equals(oldDbKey)).toBe(false);
    expect(core.services.ledger.heldKeys().sensitiveKey!.equals(oldSensitive)).toBe(false);
  });

  it('opens every sealed value identically for the coordinator, through the channels and in the registry, indexes recomputed', async () => {
    expect(await seenThroughChannels()).toEqual(before);
    expect(keptSlots(registryOpened(core.services.ledger.sealer()!))).toEqual(keptSlots(registryBefore));
  });

  it('opens the same for the clerk, whose slot holds the new keys', () => {
    const keyring = readKeyring(core.services.ledger.paths.keyring);
    const keys = openSlotKeys(keyring.ledgerId, findSlot(keyring, CLERK.username)!, CLERK_AFTER.password)!;
    expect(keys.dbKey.equals(core.services.ledger.currentKey())).toBe(true);
    expect(keptSlots(registryOpened(makeSealer(keys.sensitiveKey!)))).toEqual(keptSlots(registryBefore));
  });

  it('signs with the same office key: a signature made now verifies with the public key the district holds', () => {
    const office = currentOfficeKey(db())!;
    const { privateKeyPem } = signingKey(db(), core.services.ledger.sealer(), office);
    const message = Buffer.from('东风街道办事处 报送包');
    expect(verify(null, message, office.publicKeyPem, sign(null, message, privateKeyPem))).toBe(true);
  });

  it('opens nothing with the keys saved before: not the file, not one sealed value', async () => {
    expect(registryOpenable(makeSealer(oldSensitive))).toBe(0);
    core.services.ledger.handle().pragma('wal_checkpoint(TRUNCATE)');
    const copy = join(mkdtempSync(join(tmpdir(), 'taizhang-saved-key-')), 'copy.db');
    copyFileSync(core.services.ledger.paths.db, copy);
    expect(() => openEncrypted(copy, oldDbKey).close()).toThrow();
    expect(() => openEncrypted(copy, core.services.ledger.currentKey()).close()).not.toThrow();
    rmSync(copy, { force: true });
    // What is written after the rotation is out of the old key's reach too, its audit payload included.
    const memorialId = (await call<Array<{ id: number }>>('honours.memorials.list', {}))[0]!.id;
    await call('honours.family.save', { memorialId, name: '轮换后家属', relation: '子女', phone: '13912345678' });
    const newest = db().prepare(`SELECT after_json AS a FROM audit_log WHERE after_json LIKE '%"sealed"%' ORDER BY id DESC LIMIT 1`).get() as { a: string };
    const sealedValues = [...newest.a.matchAll(/"sealed":"([^"]+)"/g)].map((m) => Buffer.from(m[1]!, 'base64'));
    expect(sealedValues.length).toBeGreaterThan(0);
    const old = makeSealer(oldSensitive);
    for (const v of sealedValues) for (const purpose of SEALED_RECORD_AUDIT_PURPOSES) expect(() => old.open(purpose, v)).toThrow();
    expect(core.services.ledger.sealer()!.open('honours_family_members.personal.audit', sealedValues[0]!)).toContain('13912345678');
    expect(readFileSync(core.services.ledger.paths.keyring, 'utf8')).not.toContain(oldSensitive.toString('hex'));
  });
});
