/**
 * Tests play the user at main's file dialog: where a channel takes a chosen
 * file or folder, a test may write the path it would have picked, and this
 * turns it into the handle the transport would have obtained for that choice
 * (through `Core.choose`, the same check the app and the preview use). A save
 * target that already exists counts as "the user confirmed replacing it".
 * Security tests that need the raw behaviour call `core.call` themselves.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Core } from '../../electron/core/core';
import { z } from 'zod';
import { api, isChannel, type Channel } from '../../electron/core/api';
import { chosenFields, HANDLE_PATTERN, type WireError } from '../../electron/core/contract';
import { unwrap } from './schema-fields';
import type { GrantRequest } from '../../electron/core/shell/contract';

type Kind = GrantRequest['kind'];
type Chooser = { kind: Kind; channel: string; input?: Record<string, unknown> };

const OPEN: Chooser = { kind: 'open', channel: 'shell.openFile' };
const SAVE: Chooser = { kind: 'save', channel: 'shell.saveFile' };
const FOLDER: Chooser = { kind: 'folder', channel: 'shell.chooseFolder', input: { use: 'write' } };
const BACKUP: Chooser = { kind: 'openFolder', channel: 'shell.chooseFolder', input: { use: 'read' } };
const LEDGER: Chooser = { kind: 'openFolder', channel: 'shell.chooseLedgerFolder' };

const CHOOSERS: Record<Kind, Chooser> = { open: OPEN, save: SAVE, folder: FOLDER, openFolder: BACKUP };

/**
 * The input fields of a channel that carry a choice, read from the contract
 * (`chosen(what, kind)` registers each): top-level fields and the fields of
 * objects in a list (`packages[].path`).
 */
type ChoiceField = { field: string; list: string | null; nested: string | null; chooser: Chooser };
function choiceFields(channel: string): ChoiceField[] {
  if (!isChannel(channel)) return [];
  const found: ChoiceField[] = [];
  const pick = (schema: z.ZodType): Chooser | null => {
    const kind = chosenFields.get(unwrap(schema))?.kind;
    if (!kind) return null;
    return channel === 'setup.openLedger' ? LEDGER : CHOOSERS[kind];
  };
  const top = unwrap(api[channel].input as z.ZodType);
  if (!(top instanceof z.ZodObject)) return [];
  for (const [field, child] of Object.entries(top.shape as Record<string, z.ZodType>)) {
    const c = pick(child);
    if (c) found.push({ field, list: null, nested: null, chooser: c });
    const inner = unwrap(child);
    // One level down: a list of objects (packages[].path) or an object (template.folder).
    const item = inner instanceof z.ZodArray ? unwrap(inner.element as z.ZodType) : inner;
    if (!(item instanceof z.ZodObject)) continue;
    for (const [f, g] of Object.entries(item.shape as Record<string, z.ZodType>)) {
      const ci = pick(g);
      if (ci) found.push({ field: f, list: inner instanceof z.ZodArray ? field : null, nested: inner instanceof z.ZodArray ? null : field, chooser: ci });
    }
  }
  return found;
}

export type Chosen = { ok: true; input: unknown } | { ok: false; error: WireError };

/** A path (not already a handle, not empty) that a test means as "the user chose this". */
const isPath = (v: unknown): v is string => typeof v === 'string' && v !== '' && !HANDLE_PATTERN.test(v);

/**
 * Exactly the transport's two steps: the chooser channel (input and role
 * checked by the core), then the core checks the chosen path and issues the
 * handle. A save target that exists is "replace" unless told otherwise.
 */
export async function chooseVia(
  core: Core,
  sessionId: string,
  chooser: Chooser,
  path: string,
  replace?: boolean,
): Promise<{ ok: true; handle: string } | { ok: false; error: WireError }> {
  const kind = chooser.kind;
  const input = { ...chooser.input, path, ...(kind === 'save' ? { suggestedName: basename(path) || 'x' } : {}) };
  const asked = await core.call(sessionId, chooser.channel as Channel, input);
  if (asked.ok === false) return asked;
  const r = core.choose(sessionId, { kind, path, ...((replace ?? (kind === 'save' && existsSync(path))) ? { replace: true } : {}) }, false);
  if (r.ok !== true) return r.ok === false ? r : { ok: false, error: { code: 'INTERNAL', message: 'shell' } };
  return { ok: true, handle: (r.value as { chosen: { handle: string } }).chosen.handle };
}

export async function choose(core: Core, sessionId: string, kind: Kind, path: string, replace?: boolean): Promise<string> {
  const r = await chooseVia(core, sessionId, CHOOSERS[kind], path, replace);
  if (!r.ok) throw new Error(`choosing ${path} failed: ${JSON.stringify(r.error)}`);
  return r.handle;
}

export async function withChosenPaths(core: Core, sessionId: string, channel: string, input: unknown): Promise<Chosen> {
  const fields = choiceFields(channel);
  if (fields.length === 0 || typeof input !== 'object' || input === null) return { ok: true, input };
  const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const { field, list, nested, chooser } of fields) {
    if (nested !== null) {
      const obj = out[nested] as Record<string, unknown> | undefined;
      const v = obj?.[field];
      if (!obj || !isPath(v)) continue;
      const h = await chooseVia(core, sessionId, chooser, v);
      if (!h.ok) return h;
      out[nested] = { ...obj, [field]: h.handle };
      continue;
    }
    if (list !== null) {
      const items = out[list];
      if (!Array.isArray(items)) continue;
      const next: unknown[] = [];
      for (const item of items as Array<Record<string, unknown>>) {
        const v = item[field];
        if (!isPath(v)) {
          next.push(item);
          continue;
        }
        const h = await chooseVia(core, sessionId, chooser, v);
        if (!h.ok) return h;
        next.push({ ...item, [field]: h.handle });
      }
      out[list] = next;
      continue;
    }
    const v = out[field];
    if (!isPath(v)) continue;
    const h = await chooseVia(core, sessionId, chooser, v);
    if (!h.ok) return h;
    out[field] = h.handle;
  }
  return { ok: true, input: out };
}

/** `core.call` after the user chose the files the input names by path (bench and drills drive a bare Core). */
export async function callChosen(core: Core, sessionId: string, channel: string, input: unknown): ReturnType<Core['call']> {
  const chosen = await withChosenPaths(core, sessionId, channel, input);
  return chosen.ok ? core.call(sessionId, channel as Channel, chosen.input) : chosen;
}
