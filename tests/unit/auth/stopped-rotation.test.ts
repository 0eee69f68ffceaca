/**
 * auth/stopped-rotation.ts (S33-A3): a rotation stopped right after its switch is settled at the next key holder's
 * unlock, and nothing else is. The stop is emulated by a test fault right after the keyring is written
 * (tests/helpers/rotation-stop.ts; the attack run made the first step after it throw, which no longer stops a rotation:
 * keys/after-switch.ts); the core is then closed. The attacker of the refusals kept the retired
 * sensitive key (clerk1's slot before the rotation) and has the database key (viewer1's password): everything in the
 * ledger folder a stop leaves, they can make.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../../electron/core/audit/audit-log';
import { anchorOf, anchorText } from '../../../electron/core/audit/anchor';
import { noteRotationUnderWay, RETIRED_HERE_FILE, retiredHereTag, rotationUnderWay } from '../../../electron/core/auth/retired-here';
import { findSlot, openSlotKeys, readKeyring } from '../../../electron/core/db/keyring';
import { makeSealer } from '../../../electron/core/db/sealer';
import { asWriteDb } from '../../../electron/core/db/types';
import { openAsViewerOffline, rechain, type OfflineDb } from '../../helpers/attacker';
import { ADMIN, ADMIN_NEXT, PASSWORD, callsOn, rotating, type TestLedger } from '../../helpers/ledger';
import { stopNextRotationAfterSwitch } from '../../helpers/rotation-stop';
import { ledgerAndRestart } from '../../helpers/restart';

let t: TestLedger;
const folders = ledgerAndRestart({ withAppDir: true });

type Verify = { intact: boolean; anchor?: { state: string } };

/** A ledger with a clerk, a viewer and some history; the retired key as clerk1's slot holds it now (the attacker's copy). */
async function ledgerWithAttacker(): Promise<Buffer> {
  t = await folders.open();
  await t.sessionAs('clerk', 'clerk1');
  await t.sessionAs('viewer', 'viewer1');
  for (const name of ['幸福社区', '和平社区', '建设社区']) await t.call('org.communities.save', { name });
  for (const s of ['clerk1', 'viewer1']) await t.call('auth.lock', {}, s);
  const k = readKeyring(join(t.dir, 'taizhang.keyring.json'));
  return openSlotKeys(k.ledgerId, findSlot(k, 'clerk1')!, PASSWORD)!.sensitiveKey!;
}

/** 更换密钥 stopped right after its keyring is written; the core closed (the files as a kill there leaves them). */
async function stopRotation(from = ADMIN.password, to = ADMIN_NEXT): Promise<void> {
  stopNextRotationAfterSwitch();
  expect((await t.raw('users.rotateKeys', { ...rotating(from, to) })).ok).toBe(false);
  t.core.close();
}

/** The next start on the same folders; the coordinator unlocks with `password`. */
async function nextStart(password = ADMIN_NEXT) {
  const { call } = callsOn(folders.restart());
  const info = (await call('auth.unlock', { username: ADMIN.username, password })) as { anchorFinding: unknown };
  const verify = (await call('audit.verify', {})) as Verify;
  const settled = (await call('audit.list', { filter: { channel: 'keys.rotate' }, offset: 0, limit: 20 })) as { rows: Array<{ after: string | null }> };
  const steps = settled.rows.map((r) => (JSON.parse(r.after!) as { keysRotated: string }).keysRotated);
  return { call, info, verify, steps };
}

/** The database with viewer1's password, offline; the anchor then MACed with `retiredKey` for the log as `change` left it. */
function offline(retiredKey: Buffer, change: (db: OfflineDb) => void): void {
  const db = openAsViewerOffline(t.dir);
  try {
    change(db);
    const ledgerId = readKeyring(join(t.dir, 'taizhang.keyring.json')).ledgerId;
    writeFileSync(join(t.dir, 'taizhang.anchor.json'), anchorText(anchorOf(db, ledgerId, makeSealer(retiredKey), t.clock.nowIso())!));
  } finally {
    db.close();
  }
}

/** Everyone locked, the core closed; offline the log cut back to the last rotation's started row, anchored with the retired key. */
async function cutBackToStarted(retired: Buffer): Promise<void> {
  await t.call('auth.lock', {}, 'viewer1');
  await t.call('auth.lock', {});
  t.core.close();
  offline(retired, (db) => db.prepare(`DELETE FROM audit_log WHERE id > @id`).run({ id: startedRow(db) }));
}

/** The next start finds the anchor `forged`, as it is, and settles nothing. */
async function stillForged(password?: string): Promise<void> {
  const { verify, steps } = await nextStart(password);
  expect(verify).toMatchObject({ intact: false, anchor: { state: 'forged' } });
  expect(steps).not.toContain('settled');
}

const startedRow = (db: OfflineDb): number =>
  db.prepare(`SELECT max(id) FROM audit_log WHERE channel = 'keys.rotate' AND json_extract(after_json, '$.keysRotated') = 'started'`).pluck().get() as number;

describe('a rotation stopped right after its switch (S33-A3)', () => {
  it('is settled at the next coordinator unlock: the anchor re-made under today’s key, audited, the retired key noted here', async () => {
    await ledgerWithAttacker();
    await stopRotation();
    const { call, info, verify, steps } = await nextStart();
    expect(verify).toMatchObject({ intact: true, anchor: { state: 'ok' } });
    // Told at sign-in as 操作日志's check says it: nothing.
    expect(info.anchorFinding).toBeNull();
    expect(steps[0]).toBe('settled');
    expect(steps).not.toContain('done');
    const note = JSON.parse(readFileSync(join(folders.appDir, RETIRED_HERE_FILE), 'utf8')) as {
      ledgers: Record<string, string[]>;
      underWay: Record<string, unknown>;
    };
    expect(Object.values(note.ledgers).flat()).toHaveLength(1);
    expect(note.underWay).toEqual({});
    // Once: the next unlock finds the anchor sound and settles nothing.
    await call('auth.lock', {});
    expect((await nextStartAgain(call)).steps.filter((s) => s === 'settled')).toHaveLength(1);
  });

  it('refused: a finished rotation’s log cut back to its started row, the anchor MACed with the retired key', async () => {
    const retired = await ledgerWithAttacker();
    await t.call('users.rotateKeys', { ...rotating() });
    for (const name of ['光明社区', '团结社区']) await t.call('org.communities.save', { name });
    await cutBackToStarted(retired);
    await stillForged();
  });

  it('refused: a finished rotation whose note outlived it (stopped after its re-anchor): the next unlock clears the note', async () => {
    const retired = await ledgerWithAttacker();
    await t.call('users.rotateKeys', { ...rotating() });
    // The note as the rotation wrote it before its switch, as a stop between its last two steps leaves it.
    const db = t.core.services.ledger.handle();
    const started = startedRow(db as unknown as OfflineDb);
    const head = db.prepare(`SELECT id, hash FROM audit_log WHERE id = @id`).get({ id: started - 1 }) as { id: number; hash: string };
    const { ledgerId, keyId } = t.core.services.ledger.keyring();
    noteRotationUnderWay(
      folders.appDir,
      ledgerId,
      { tag: retiredHereTag(makeSealer(retired)), keyId: keyId!, lastId: head.id, lastHash: head.hash, rows: head.id },
      t.core.services.ledger.sealer()!,
    );
    await t.call('auth.lock', {});
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
    expect(rotationUnderWay(folders.appDir, ledgerId, t.core.services.ledger.sealer()!)).toBeNull();
    await cutBackToStarted(retired);
    await stillForged();
  });

  it('refused (S34-A8): a finished rotation made to look stopped, the note written by hand, MACed with the retired key', async () => {
    const retired = await ledgerWithAttacker();
    const before = readFileSync(join(t.dir, 'taizhang.anchor.json'));
    await t.call('users.rotateKeys', { ...rotating() });
    const db = t.core.services.ledger.handle();
    const head = db.prepare(`SELECT id, hash FROM audit_log WHERE id = @id`).get({ id: startedRow(db as unknown as OfflineDb) - 1 }) as {
      id: number;
      hash: string;
    };
    const { ledgerId, keyId } = t.core.services.ledger.keyring();
    await cutBackToStarted(retired);
    writeFileSync(join(t.dir, 'taizhang.anchor.json'), before);
    const forged = { tag: retiredHereTag(makeSealer(retired)), keyId: keyId!, lastId: head.id, lastHash: head.hash, rows: head.id };
    noteRotationUnderWay(folders.appDir, ledgerId, forged, makeSealer(retired));
    await stillForged();
  });

  it('refused: a stop whose log was cut below its started row and re-chained, the anchor MACed with the retired key', async () => {
    const retired = await ledgerWithAttacker();
    await stopRotation();
    offline(retired, (db) => {
      const cut = db.prepare(`SELECT max(id) FROM audit_log WHERE channel = 'org.communities.save'`).pluck().get() as number;
      db.prepare(`DELETE FROM audit_log WHERE id = @cut`).run({ cut });
      rechain(db);
    });
    await stillForged();
  });

  it('refused: a stop whose anchor is one made under an older retired key', async () => {
    await ledgerWithAttacker();
    const older = readFileSync(join(t.dir, 'taizhang.anchor.json'));
    await t.call('users.rotateKeys', { ...rotating() });
    await stopRotation(ADMIN_NEXT, 'correct-horse-3');
    writeFileSync(join(t.dir, 'taizhang.anchor.json'), older);
    await stillForged('correct-horse-3');
  });

  it('refused: a stop with a row after its started row (the head is not the rotation’s)', async () => {
    const retired = await ledgerWithAttacker();
    await stopRotation();
    offline(retired, (db) => {
      const at = t.clock.nowIso();
      appendAudit(
        asWriteDb(db),
        { at, userId: null, username: 'viewer1', channel: 'org.communities.save', entity: 'community', entityId: null, after: {} },
        null,
      );
    });
    await stillForged();
  });

  it('refused: a stop on a core with no app folder of its own (nothing noted before the switch)', async () => {
    await ledgerWithAttacker();
    t.core.services.appDir = null;
    await stopRotation();
    await stillForged();
  });
});

async function nextStartAgain(call: (channel: string, input: unknown) => Promise<unknown>) {
  await call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
  const listed = (await call('audit.list', { filter: { channel: 'keys.rotate' }, offset: 0, limit: 20 })) as { rows: Array<{ after: string | null }> };
  return { steps: listed.rows.map((r) => (JSON.parse(r.after!) as { keysRotated: string }).keysRotated) };
}
