/**
 * Issue 19 (w70-privacy): an ID number or phone a coordinator types into free text (「已联系家属 13803711002」 in
 * 原因 / 结果说明, 备注, notes…) is kept as typed, and reaches a viewer masked through every channel they may call:
 * grids, the case drawer and its step history, prints (people/free-text-mask.ts, applied by the router).
 *
 * Inventory: every free-text field of every channel that writes (FREE_TEXT below; a new one fails the first test until
 * it is listed). Each is written through its channel as the demo's coordinator with a number of its own, then every
 * viewer read channel is walked as the online scan walks them, and every reply searched for those numbers in full.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, type Channel } from '../../../electron/core/api';
import { Core } from '../../../electron/core/core';
import { DEMO_USERS } from '../../../electron/core/demo/build-demo';
import { demoOfficeInTempDir } from '../../helpers/demo-office';
import { fieldsOf, sampleOf, unwrap, withFieldSetTo } from '../../helpers/schema-fields';

/** Field names that hold what a user types freely (a person's words, not a name, a place or a code). */
const FREE_TEXT_NAME = /^(note|notes|reason|remark|remarks|comment|comments|description|memo|text|summary|detail|details)$|(Note|Notes|Reason|Remark|Text)$/;

/** Every free-text field a write takes, as `channel path`: each reaches a viewer only through the router's mask. */
const FREE_TEXT: string[] = [
  'households.save addressText',
  'cases.open notes',
  'cases.transition reason',
  'cases.bulkTransition reason',
  'cases.update notes',
  'cases.update changeReason',
  'cases.void reason',
  'cases.restore reason',
  'checks.escalate notes',
  'checks.dismiss note',
  'care.tasks.close reason',
  'supplies.receive note',
  'supplies.issue note',
  'supplies.transfer note',
  'supplies.count note',
  'supplies.reverse reason',
  'supplies.allocation.book note',
  'rota.staff.save medicalReason',
  'rota.leave.add reason',
  'rota.posts.save medicalReason',
  'rota.assign overrideReason',
  'rota.attendance.confirm entries.0.note',
  'rota.allowances.adjust reason',
  'honours.reports.add notes',
  'honours.family.save notes',
  'honours.visits.add notes',
  'honours.difficulties.save description',
  'honours.publicity.add notes',
  'honours.commendations.advance decisionNotes',
  'honours.steps.save notes',
  'import.inspect text',
  'import.preview text',
  'import.commit text',
  'export.write numbersReason',
  'export.templates.save numbersReason',
  'export.templates.fill numbersReason',
  'export.policies.set numbersReason',
];

let dir: string;
let core: Core;
const coordinator = DEMO_USERS.find((u) => u.role === 'coordinator')!;
const viewer = DEMO_USERS.find((u) => u.role === 'viewer')!;
const WRITES = (Object.keys(api) as Channel[]).filter((c) => api[c].kind === 'write' || api[c].kind === 'task');
const VIEWER_READS = (Object.keys(api) as Channel[]).filter((c) => api[c].access === 'viewer' && api[c].kind === 'read');

function freeTextFields(): Array<{ channel: Channel; path: Array<string | number> }> {
  const out: Array<{ channel: Channel; path: Array<string | number> }> = [];
  for (const channel of WRITES)
    for (const f of fieldsOf(api[channel].input as z.ZodType)) {
      const key = f.path.at(-1);
      if (typeof key === 'string' && FREE_TEXT_NAME.test(key) && unwrap(f.schema) instanceof z.ZodString) out.push({ channel, path: f.path });
    }
  return out;
}
const label = (f: { channel: Channel; path: Array<string | number> }): string => `${f.channel} ${f.path.join('.')}`;

/** The typed numbers of the i-th field: a mobile and an ID number no demo record holds. */
const phoneOf = (i: number): string => `1390000${String(i).padStart(4, '0')}`;
const idOf = (i: number): string => `41010219710101${String(i).padStart(3, '0')}X`;
const typed = (i: number): string => `已联系家属 ${phoneOf(i)}，身份证${idOf(i)}`;

/** Inputs for a channel: its sample, and every id-like field set to the first few ids. */
function inputsFor(channel: Channel, base: unknown): unknown[] {
  const schema = unwrap(api[channel].input as z.ZodType);
  const out: unknown[] = [base];
  if (!(schema instanceof z.ZodObject)) return out;
  const shape = schema.shape as Record<string, z.ZodType>;
  if ('limit' in shape) out.push({ ...(base as object), offset: 0, limit: 500 });
  for (const key of Object.keys(shape).filter((k) => k === 'id' || /Id$/.test(k))) for (const n of [1, 2, 3, 5, 8]) out.push({ ...(base as object), [key]: n });
  return out.filter((i) => (api[channel].input as z.ZodType).safeParse(i).success);
}

const written = new Map<number, string>();
const viewerReplies: Array<{ channel: string; text: string }> = [];
const coordinatorReplies: Array<{ channel: string; text: string }> = [];
let viewerAuditList: Awaited<ReturnType<Core['call']>> | undefined;

beforeAll(async () => {
  ({ dir, core } = await demoOfficeInTempDir('taizhang-viewer-free-text-', 30));
  expect((await core.call('c', 'auth.unlock', { username: coordinator.username, password: coordinator.password })).ok).toBe(true);
  const fields = freeTextFields();
  for (const [i, f] of fields.entries()) {
    for (const input of inputsFor(f.channel, withFieldSetTo(sampleOf(api[f.channel].input as z.ZodType), f.path, typed(i)))) {
      const r = await core.call('c', f.channel, input);
      if (r.ok === true) written.set(i, label(f));
    }
  }
  for (const channel of VIEWER_READS)
    for (const input of inputsFor(channel, sampleOf(api[channel].input as z.ZodType) ?? {})) {
      const r = await core.call('c', channel, input);
      if (r.ok === true) coordinatorReplies.push({ channel, text: JSON.stringify(r.value) });
    }
  await core.call('c', 'auth.lock', {});
  expect((await core.call('v', 'auth.unlock', { username: viewer.username, password: viewer.password })).ok).toBe(true);
  for (const channel of VIEWER_READS)
    for (const input of inputsFor(channel, sampleOf(api[channel].input as z.ZodType) ?? {})) {
      const r = await core.call('v', channel, input);
      if (r.ok === true) viewerReplies.push({ channel, text: JSON.stringify(r.value) });
    }
  viewerAuditList = await core.call('v', 'audit.list', {});
}, 300_000);

afterAll(() => {
  core?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a number typed into free text, read by a viewer', () => {
  it('every free-text field of the contract is listed here (a new one: list it, and see it masked below)', () => {
    expect(freeTextFields().map(label)).toEqual(FREE_TEXT);
  });

  it('the coordinator sees the typed numbers as typed, through the channels a viewer also reads', () => {
    const seen = [...written.keys()].filter((i) => coordinatorReplies.some((r) => r.text.includes(phoneOf(i)) && r.text.includes(idOf(i))));
    // The step history, the drawer, the grids: what the channel walk below must not find for a viewer.
    expect(seen.length).toBeGreaterThan(3);
    expect(new Set(coordinatorReplies.filter((r) => seen.some((i) => r.text.includes(phoneOf(i)))).map((r) => r.channel)).size).toBeGreaterThan(2);
  });

  it('no viewer reply carries a typed phone or ID number in full; each is shown masked where the coordinator saw it', () => {
    const leaks: string[] = [];
    for (const r of viewerReplies)
      for (const [i, where] of written) if (r.text.includes(phoneOf(i)) || r.text.includes(idOf(i))) leaks.push(`${r.channel} shows what ${where} took`);
    expect([...new Set(leaks)]).toEqual([]);
    const masked = [...written.keys()].filter((i) => viewerReplies.some((r) => r.text.includes(`139****${String(i).padStart(4, '0')}`)));
    expect(masked.length).toBeGreaterThan(3);
    expect(viewerReplies.some((r) => r.text.includes('4101**********'))).toBe(true);
  });

  it('the audit row of a free-text change (the text as typed) is the coordinator’s: a viewer is refused 操作记录', () => {
    expect(viewerAuditList?.ok === false && viewerAuditList.error.code).toBe('FORBIDDEN');
  });
});
