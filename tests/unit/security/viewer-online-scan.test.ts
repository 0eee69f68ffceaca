/**
 * Finding 2 and item 5, walked over every channel a viewer may call: a demo
 * office, then as the viewer every read channel of the contract with the
 * inputs a curious colleague would send (each list in full, each record by
 * id), and every reply searched for a value the ledger keeps sealed (full ID
 * numbers, phones, birth dates, memorial texts, the office's private key). A
 * channel added later that hands a viewer an opened value fails here by name.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, type Channel } from '../../../electron/core/api';
import { Core } from '../../../electron/core/core';
import { asWriteDb } from '../../../electron/core/db/types';
import { DEMO_USERS } from '../../../electron/core/demo/build-demo';
import { SEALED_COLUMNS } from '../../../electron/core/sealed-columns';
import { demoOfficeInTempDir } from '../../helpers/demo-office';
import { sampleOf, unwrap } from '../../helpers/schema-fields';

let dir: string;
let core: Core;
/** Every sealed value opened (text only), with where it came from. */
const secrets = new Map<string, string>();
const replies: Array<{ channel: string; input: unknown; text: string }> = [];

const viewer = DEMO_USERS.find((u) => u.role === 'viewer')!;
const VIEWER_READS = (Object.keys(api) as Channel[]).filter((c) => api[c].access === 'viewer' && api[c].kind === 'read');

/** Inputs worth trying: the sample, big pages, and every id-like field set to the first few ids. */
function inputsFor(channel: Channel): unknown[] {
  const schema = unwrap(api[channel].input as z.ZodType);
  const base = sampleOf(schema) as Record<string, unknown> | undefined;
  const out: unknown[] = [base ?? {}];
  if (!(schema instanceof z.ZodObject)) return out;
  const shape = schema.shape as Record<string, z.ZodType>;
  if ('limit' in shape) out.push({ ...base, offset: 0, limit: 500 });
  for (const key of Object.keys(shape).filter((k) => k === 'id' || /Id$/.test(k))) for (const n of [1, 2, 3, 5, 8]) out.push({ ...base, [key]: n });
  return out.filter((i) => (api[channel].input as z.ZodType).safeParse(i).success);
}

beforeAll(async () => {
  ({ dir, core } = await demoOfficeInTempDir('taizhang-viewer-online-', 60));
  const unlock = await core.call('admin', 'auth.unlock', { username: 'admin', password: DEMO_USERS[0].password });
  expect(unlock.ok).toBe(true);
  expect((await core.call('admin', 'export.officeKey', {})).ok).toBe(true);
  // What the ledger keeps sealed, opened with the coordinator's key.
  const db = asWriteDb(core.services.ledger.handle());
  const sealer = core.services.ledger.sealer()!;
  for (const c of SEALED_COLUMNS) {
    for (const row of db.prepare(`SELECT "${c.column}" AS v FROM "${c.table}" WHERE "${c.column}" IS NOT NULL`).all() as Array<{ v: Buffer }>) {
      const plain = sealer.openBytes(c.purpose, row.v).toString('utf8');
      // Whole dates of birth in the lists' own years would collide with ordinary dates of 2020; numbers and texts would not.
      if (plain.length < 8 || /^20(19|20)-/.test(plain) || /[\uFFFD\u0000]/.test(plain)) continue;
      secrets.set(plain, `${c.table}.${c.column}`);
    }
  }
  await core.call('admin', 'auth.lock', {});
  expect((await core.call('viewer', 'auth.unlock', { username: viewer.username, password: viewer.password })).ok).toBe(true);
  for (const channel of VIEWER_READS) {
    for (const input of inputsFor(channel)) {
      const r = await core.call('viewer', channel, input);
      if (r.ok === true) replies.push({ channel, input, text: JSON.stringify(r.value) });
    }
  }
}, 240_000);

afterAll(() => {
  core?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a viewer online, through every channel they may call', () => {
  it('has what it needs: sealed values of several kinds, and answers from most viewer channels', () => {
    const kinds = new Set(secrets.values());
    for (const k of ['residents.id_number_sealed', 'residents.phone_sealed', 'office_keys.private_key_sealed']) expect([...kinds]).toContain(k);
    const answered = new Set(replies.map((r) => r.channel));
    expect(answered.size).toBeGreaterThan(VIEWER_READS.length * 0.7);
  });

  it('would notice a leak: a clerk’s residents.get replies carry the whole birth dates a clerk may see', async () => {
    const clerk = DEMO_USERS.find((u) => u.role === 'clerk')!;
    expect((await core.call('clerk', 'auth.unlock', { username: clerk.username, password: clerk.password })).ok).toBe(true);
    let text = '';
    for (let id = 1; id <= 40; id++) {
      const seen = await core.call('clerk', 'residents.get', { id });
      if (seen.ok === true) text += JSON.stringify(seen.value);
    }
    expect([...secrets].filter(([plain, where]) => where === 'residents.birth_date_sealed' && text.includes(plain)).length).toBeGreaterThan(10);
    await core.call('clerk', 'auth.lock', {});
  });

  it('no reply carries a sealed value in the clear', () => {
    const leaks: string[] = [];
    for (const r of replies) for (const [plain, where] of secrets) if (r.text.includes(plain)) leaks.push(`${r.channel} ${JSON.stringify(r.input)} → ${where}`);
    expect([...new Set(leaks)].slice(0, 20)).toEqual([]);
  });

  it('digit searches are refused on every channel that takes a search, not answered with fewer rows', async () => {
    const searching = VIEWER_READS.filter((c) => {
      const s = unwrap(api[c].input as z.ZodType);
      const filter = s instanceof z.ZodObject ? unwrap((s.shape as Record<string, z.ZodType>).filter ?? z.never()) : null;
      return filter instanceof z.ZodObject && 'q' in (filter.shape as object);
    });
    expect(searching).toEqual(expect.arrayContaining(['residents.list', 'cases.list', 'households.list']));
    const [someNumber] = [...secrets].find(([, where]) => where === 'residents.phone_sealed')!;
    for (const channel of searching.filter((c) => c !== 'households.list')) {
      for (const q of [someNumber.slice(-4), someNumber, `王${someNumber.slice(-4)}`, ` ${someNumber.slice(-5)} `]) {
        const r = await core.call('viewer', channel, { filter: { q }, offset: 0, limit: 10 });
        expect([channel, q, r.ok === false && r.error.code]).toEqual([channel, q, 'FORBIDDEN']);
      }
    }
    // Households are searched by head's name and address only: digits there find house numbers, never a phone.
    const r = await core.call('viewer', 'households.list', { filter: { q: someNumber.slice(-4) }, offset: 0, limit: 10 });
    expect(r.ok === true && JSON.stringify(r.value).includes(someNumber)).toBe(false);
  });
});
