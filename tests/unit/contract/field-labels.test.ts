/**
 * Calls every channel with each of its input fields made invalid, one at a
 * time, the rest valid: the BAD_INPUT message names that field in Chinese,
 * by the channel's own label, and that label is a word the channel's screen
 * shows. Labels travel with the channel (no global map), so the export's
 * 「压缩包密码」 never names a user's password.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type Channel } from '../../../electron/core/api';
import { labelOf } from '../../../electron/core/contract';
import { fieldsOf, NOT_A_VALUE, sampleOf, unwrap, withFieldSetTo } from '../../helpers/schema-fields';
import { z } from 'zod';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

const RENDERER = join(__dirname, '../../../renderer/src');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourcesUnder(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

const rendererFiles = sourcesUnder(RENDERER).map((p) => ({ p, text: readFileSync(p, 'utf8') }));
const sharedWords = rendererFiles
  .filter((f) => /i18n[/\\]zh-CN\.ts$/.test(f.p))
  .map((f) => f.text)
  .join('\n');

/** The renderer's generic building blocks (renderer/src/kit/): they send nothing of their own to any channel. */
const KIT = /[/\\]renderer[/\\]src[/\\]kit[/\\]/;

/** The renderer files a file imports (where its form parts, such as a destination picker, write their labels). */
function importedBy(file: { p: string; text: string }): string[] {
  return [...file.text.matchAll(/from '(\.[^']+)'/g)]
    .map((m) => resolve(dirname(file.p), m[1]!))
    .flatMap((base) => [`${base}.tsx`, `${base}.ts`].filter(existsSync))
    .filter((p) => p.startsWith(RENDERER));
}

/**
 * What the screens calling `channel` show (their own text, the files they import and the shared words: `shows`),
 * and where the fields sent with the channel are written (`calls`: the callers and what they import, but not the
 * kit's generic parts: kit/Field.tsx's own `note` prop is no evidence that the allocation is sent a 备注).
 */
function screenText(channel: string): { shows: string; calls: string } | null {
  const callers = rendererFiles.filter((f) => f.text.includes(`'${channel}'`));
  if (callers.length === 0) return null;
  const parts = [...new Set(callers.flatMap((f) => [f.p, ...importedBy(f)]))];
  // The core's label tables a screen imports (caseload/returnee.shared.ts: one definition of 责任网格员 for the contract,
  // the import and the drawer's inputs): words the screen shows, though it sends nothing written there.
  const labelTables = [...new Set(callers.flatMap((f) => sharedImportedBy(f)))];
  const text = (ps: string[]) => ps.map((p) => readFileSync(p, 'utf8')).join('\n');
  return { shows: text([...parts, ...labelTables]) + sharedWords, calls: text(parts.filter((p) => !KIT.test(p))) };
}

/** The core's `*.shared.ts` files a renderer file imports. */
function sharedImportedBy(file: { p: string; text: string }): string[] {
  return [...file.text.matchAll(/from '(\.[^']+\.shared)'/g)]
    .map((m) => `${resolve(dirname(file.p), m[1]!)}.ts`)
    .filter((p) => !p.startsWith(RENDERER) && existsSync(p));
}

/** Whether the screen sends the field at all: `field:` or a shorthand `{ field,` where it calls the channel. */
const sends = (text: string, field: string): boolean => new RegExp(`\\b${field}\\s*:|[{,]\\s*${field}\\s*[,}]`).test(text);

/**
 * Fields a user never types, so no screen labels them: the record being
 * changed or referred to (picked in a list: id, memorialId, caseIds…) and the
 * shape of a list request. Their messages still name them in Chinese.
 */
const NOT_TYPED = /^(id|.*Ids?|filter|sort|offset|limit|field|dir)$/;

/**
 * Fields the screen fills in itself (today's date, the signed-in user, a
 * fixed choice, a dialog's title or answer) or always leaves empty: no input
 * carries their label. A field the user types or picks never belongs here.
 */
const SET_BY_SCREEN: Record<string, string[]> = {
  // The file choosers: the typed path (preview only) sits under the calling screen's own label (kit/FileChooser).
  'shell.openFile': ['title', 'extensions', 'path'],
  'shell.saveFile': ['title', 'suggestedName', 'path', 'replace'],
  'shell.chooseFolder': ['title', 'use', 'path', 'drive'],
  'shell.chooseLedgerFolder': ['path'],
  'shell.checkPath': ['kind', 'path', 'replace'],
  'cases.open': ['openedOn'],
  'checks.record': ['checkedBy'],
  'care.visits.record': ['visitDate', 'visitedBy', 'needsOpen'],
  'supplies.items.list': ['includeInactive'],
  'supplies.allocation.book': ['day'],
  'supplies.requisition': ['windowDays'],
  'rota.assessments.add': ['on', 'outcome'],
  'rota.calendar': ['from', 'to'],
  'rota.generate': ['from', 'to'],
  'rota.roster': ['from', 'to'],
  // The printed roster's form is fixed and its period the link's, or the core's last 7 days (export/ObservationRosterPrint.tsx).
  'export.form.print': ['formId', 'from', 'to'],
  'rota.publish': ['weekStart'],
  'honours.difficulties.save': ['raisedOn'],
  'honours.family.save': ['notes'],
  'honours.publicity.add': ['notes'],
  'honours.attachments.saveAs': ['path'],
  'export.write': ['dueDay'],
  'backup.restore': ['confirm'],
  // D2's answer is the button pressed (「替换」 / 「不合并这个」, export/DistrictOverlaps.tsx), never typed.
  'export.district.verify': ['choice'],
};

/**
 * Where the screen puts the area's word in other words (kept because tests
 * and users know the message's word): the case grid's filter says 类别 for
 * 个案类别, the post form 每班人数 for 需要人数. The screen must show these.
 */
const ON_SCREEN_AS: Record<string, Record<string, string>> = {
  'cases.list': { category: '类别', categories: '类别' },
  'rota.posts.save': { headcount: '每班人数' },
};

/** A field that only groups others (an object, a list of objects): the screen names its parts, not it. */
function groupsOthers(schema: z.ZodType): boolean {
  const s = unwrap(schema);
  return s instanceof z.ZodObject || (s instanceof z.ZodArray && unwrap(s.element as z.ZodType) instanceof z.ZodObject);
}

const channels = Object.keys(api) as Channel[];
const CHINESE = /[\u4e00-\u9fa5]/;

describe('every field of every channel is named in BAD_INPUT as its screen names it', () => {
  let t: TestLedger;
  beforeAll(async () => {
    t = await openTestLedger();
  });
  afterAll(() => t.close());

  it.each(channels)('%s', async (channel) => {
    const spec = api[channel];
    const base = sampleOf(spec.input);
    const onScreen = screenText(channel);
    const problems: string[] = [];
    for (const { path, schema } of fieldsOf(spec.input)) {
      const names = path.filter((p): p is string => typeof p === 'string');
      const field = names[names.length - 1]!;
      const label = labelOf(spec, names);
      const where = names.join('.');
      if (label === null || !CHINESE.test(label)) {
        problems.push(`${where}: no Chinese label (add it to the area's labels in its contract.ts, or to this channel's own labels)`);
        continue;
      }
      const r = await t.raw(channel, withFieldSetTo(base, path, NOT_A_VALUE));
      if (r.ok !== false || r.error.code !== 'BAD_INPUT') problems.push(`${where}: an invalid value was not refused as BAD_INPUT`);
      else if (!r.error.message.includes(`「${label}」`)) problems.push(`${where}: message does not name 「${label}」: ${r.error.message}`);
      const typed = !NOT_TYPED.test(field) && !groupsOthers(schema) && !SET_BY_SCREEN[channel]?.includes(field);
      const screenWord = ON_SCREEN_AS[channel]?.[field] ?? label;
      if (onScreen !== null && typed && sends(onScreen.calls, field) && !onScreen.shows.includes(screenWord))
        problems.push(`${where}: 「${screenWord}」 is not a word the screen calling ${channel} shows`);
    }
    expect(problems).toEqual([]);
  });

  it('names a too-short user password 「密码」, not the export zip password', async () => {
    const e = await t.fail('users.create', { username: 'li', displayName: '李', role: 'clerk', password: 'short' });
    expect(e.message).toContain('「密码」');
    expect(e.message).not.toContain('压缩包');
  });
});
