/**
 * Issue #19's attack, offline: a viewer copies the ledger folder, unwraps their
 * own slot with their own password (the db key, nothing more), opens the file
 * with a tool of their own and reads every value of every table. None of it may
 * be a full ID number, a full phone number, a full birth date with its number,
 * a memorial record's text, an attachment's bytes or the office's private key.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../../electron/core/core';
import { findSlot, openSlotKeys, readKeyring } from '../../../electron/core/db/keyring';
import { openEncrypted } from '../../../electron/core/db/open';
import type { Database } from '../../../electron/core/db/types';
import { DEMO_USERS } from '../../../electron/core/demo/build-demo';
import { demoOfficeInTempDir } from '../../helpers/demo-office';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { choose } from '../../helpers/chosen-paths';

/** 18-character ID numbers (region, a real-looking birth date, sequence, check) and mainland mobiles, not inside longer digit runs. */
const ID_NUMBER = /(?<![0-9])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9])/;
const MOBILE = /(?<![0-9])1[3-9]\d{9}(?![0-9])/;
/**
 * Hex and base64 runs (salts, wrapped keys, chain hashes, sealed values as text):
 * random digits inside them take the shape of a phone now and then, so the shape
 * checks look at what is left. The values this test wrote itself are looked for
 * everywhere, tokens included.
 */
const ENCODED_TOKEN = /[A-Za-z0-9+/_-]{24,}={0,2}/g;
const withoutEncodedTokens = (text: string): string => text.replace(ENCODED_TOKEN, ' ');
const NEW_ID = makeIdNumber('410103', '1958-06-21', 417);
const NEW_PHONE = '13803711002';
const ATTACHMENT_TEXT = '追授材料扫描件-内容标记-5c1e';
const SECOND_PHONE = '13912345678';
const KNOWN_NUMBERS = [NEW_ID, NEW_PHONE, SECOND_PHONE];

let dir: string;
let core: Core;
const memorialTexts: string[] = [];

async function call<T>(channel: string, input: unknown, sid = 'scan'): Promise<T> {
  const r = await core.call(sid, channel as never, input);
  if (r.ok !== true) throw new Error(`${channel}: ${JSON.stringify(r)}`);
  return r.value as T;
}

beforeAll(async () => {
  ({ dir, core } = await demoOfficeInTempDir('taizhang-viewer-scan-', 300));
  await call('auth.unlock', { username: 'admin', password: 'taizhang2020' });
  await call('export.officeKey', {});
  // A change through a channel (its audit row has before and after) and a digit search (audited with its query).
  const communities = await call<Array<{ id: number }>>('org.communities.list', {});
  const saved = await call<{ id: number }>('residents.save', { name: '欧阳秀英', communityId: communities[0]!.id, idNumber: NEW_ID, phone: NEW_PHONE });
  await call('residents.save', { id: saved.id, name: '欧阳秀英', communityId: communities[0]!.id, idNumber: NEW_ID, phone: SECOND_PHONE });
  await call('residents.list', { filter: { q: NEW_PHONE.slice(-6) } });
  // Every memorial's own words, as the coordinator reads them.
  const memorials = await call<Array<{ id: number }>>('honours.memorials.list', {});
  for (const m of memorials) {
    const detail = await call<Record<string, unknown>>('honours.memorials.get', { id: m.id });
    for (const key of ['circumstances', 'deeds', 'cause', 'place']) {
      const v = detail[key];
      if (typeof v === 'string' && v.length >= 8) memorialTexts.push(v);
    }
  }
  const file = join(mkdtempSync(join(tmpdir(), 'taizhang-attach-')), '追授材料.pdf');
  writeFileSync(file, `%PDF-1.4\n% ${ATTACHMENT_TEXT}\n%%EOF\n`);
  const handle = await choose(core, 'scan', 'open', file);
  await call('honours.attachments.add', { memorialId: memorials[0]!.id, path: handle, caption: '扫描件' });
  await call('auth.lock', {});
  core.close();
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the viewer can open with their password alone. */
function openAsViewerOffline(): Database {
  const viewer = DEMO_USERS.find((u) => u.role === 'viewer')!;
  const keyring = readKeyring(join(dir, 'taizhang.keyring.json'));
  const keys = openSlotKeys(keyring.ledgerId, findSlot(keyring, viewer.username)!, viewer.password)!;
  expect(keys.sensitiveKey).toBeNull();
  return openEncrypted(join(dir, 'taizhang.db'), keys.dbKey);
}

/** `table.column: what` → one sample, so a failure names every leaking column once. */
function scan(db: Database): Record<string, string> {
  const findings: Record<string, string> = {};
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as Array<{ name: string }>;
  for (const { name } of tables) {
    for (const row of db.prepare(`SELECT * FROM "${name}"`).iterate() as Iterable<Record<string, unknown>>) {
      for (const [column, value] of Object.entries(row)) {
        const text = typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : null;
        if (!text) continue;
        const note = (what: string, sample: string): void => {
          findings[`${name}.${column}: ${what}`] ??= sample.slice(0, 40);
        };
        const plain = withoutEncodedTokens(text);
        const id = ID_NUMBER.exec(plain);
        if (id) note('身份证号', id[0]);
        const phone = MOBILE.exec(plain);
        if (phone) note('手机号', phone[0]);
        for (const n of KNOWN_NUMBERS) if (text.includes(n)) note('本测试写入的号码', n);
        if (text.includes('PRIVATE KEY')) note('单位签名私钥', 'PRIVATE KEY');
        if (text.includes(ATTACHMENT_TEXT)) note('附件内容', ATTACHMENT_TEXT);
        for (const m of memorialTexts) if (text.includes(m.slice(0, 20))) note('悼念记录', m);
      }
    }
  }
  return findings;
}

describe('a viewer offline with the files and their own password', () => {
  it('has the fixture it needs: memorial texts to look for', () => {
    expect(memorialTexts.length).toBeGreaterThanOrEqual(2);
  });

  it('opens the database but finds no full ID number, phone, memorial text, attachment or private key in any table', () => {
    const db = openAsViewerOffline();
    try {
      expect(scan(db)).toEqual({});
    } finally {
      db.close();
    }
  });

  it('finds none of them in the keyring either', () => {
    const text = readFileSync(join(dir, 'taizhang.keyring.json'), 'utf8');
    const plain = withoutEncodedTokens(text);
    expect({
      id: ID_NUMBER.exec(plain)?.[0],
      phone: MOBILE.exec(plain)?.[0],
      known: KNOWN_NUMBERS.filter((n) => text.includes(n)),
      privateKey: text.includes('PRIVATE KEY'),
    }).toEqual({
      id: undefined,
      phone: undefined,
      known: [],
      privateKey: false,
    });
  });
});
