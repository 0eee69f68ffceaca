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
import { HANDLE_PATTERN, type WireError } from '../../electron/core/contract';
import type { GrantRequest } from '../../electron/core/shell/contract';

type Kind = GrantRequest['kind'];
type Chooser = { kind: Kind; channel: string; input?: Record<string, unknown> };

const OPEN: Chooser = { kind: 'open', channel: 'shell.openFile' };
const SAVE: Chooser = { kind: 'save', channel: 'shell.saveFile' };
const FOLDER: Chooser = { kind: 'folder', channel: 'shell.chooseFolder', input: { use: 'write' } };
const BACKUP: Chooser = { kind: 'openFolder', channel: 'shell.chooseFolder', input: { use: 'read' } };
const LEDGER: Chooser = { kind: 'openFolder', channel: 'shell.chooseLedgerFolder' };

/** Channel -> the input fields that carry a choice, and the chooser the page uses for each. `packages[].path` is a list. */
const CHOSEN_FIELDS: Record<string, Record<string, Chooser>> = {
  'import.inspect': { path: OPEN },
  'import.preview': { path: OPEN },
  'import.commit': { path: OPEN },
  'import.rejected.save': { outPath: SAVE },
  'honours.attachments.add': { path: OPEN },
  'honours.attachments.saveAs': { path: SAVE },
  'rota.allowances.export': { path: SAVE },
  'export.write': { folder: FOLDER },
  'export.savePublicKey': { folder: FOLDER },
  'export.district.addKey': { keyPath: OPEN },
  'export.district.verify': { 'packages[].path': OPEN },
  'backup.create': { folder: FOLDER },
  'backup.settings.save': { folder: FOLDER },
  'backup.inspect': { path: BACKUP },
  'backup.restore': { path: BACKUP },
  'setup.openLedger': { path: LEDGER },
};

export type Chosen = { ok: true; input: unknown } | { ok: false; error: WireError };

/** A path (not already a handle, not empty) that a test means as "the user chose this". */
const isPath = (v: unknown): v is string => typeof v === 'string' && v !== '' && !HANDLE_PATTERN.test(v);

/**
 * Exactly the transport's two steps: the chooser channel (input and role
 * checked by the core), then the core checks the chosen path and issues the
 * handle. A save target that exists is "replace" unless told otherwise.
 */
export async function chooseVia(core: Core, sessionId: string, chooser: Chooser, path: string, replace?: boolean): Promise<{ ok: true; handle: string } | { ok: false; error: WireError }> {
  const kind = chooser.kind;
  const input = { ...chooser.input, path, ...(kind === 'save' ? { suggestedName: basename(path) || 'x' } : {}) };
  const asked = await core.call(sessionId, chooser.channel, input);
  if (asked.ok === false) return asked;
  const r = core.choose(sessionId, { kind, path, ...((replace ?? (kind === 'save' && existsSync(path))) ? { replace: true } : {}) }, false);
  if (r.ok !== true) return r.ok === false ? r : { ok: false, error: { code: 'INTERNAL', message: 'shell' } };
  return { ok: true, handle: (r.value as { chosen: { handle: string } }).chosen.handle };
}

export async function choose(core: Core, sessionId: string, kind: Kind, path: string, replace?: boolean): Promise<string> {
  const chooser = { open: OPEN, save: SAVE, folder: FOLDER, openFolder: BACKUP }[kind];
  const r = await chooseVia(core, sessionId, chooser, path, replace);
  if (!r.ok) throw new Error(`choosing ${path} failed: ${JSON.stringify(r.error)}`);
  return r.handle;
}

export async function withChosenPaths(core: Core, sessionId: string, channel: string, input: unknown): Promise<Chosen> {
  const fields = CHOSEN_FIELDS[channel];
  if (!fields || typeof input !== 'object' || input === null) return { ok: true, input };
  const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const [field, chooser] of Object.entries(fields)) {
    if (field === 'packages[].path') {
      const list = out.packages;
      if (!Array.isArray(list)) continue;
      const next: unknown[] = [];
      for (const p of list as Array<Record<string, unknown>>) {
        if (!isPath(p.path)) {
          next.push(p);
          continue;
        }
        const h = await chooseVia(core, sessionId, chooser, p.path);
        if (!h.ok) return h;
        next.push({ ...p, path: h.handle });
      }
      out.packages = next;
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
  return chosen.ok ? core.call(sessionId, channel, chosen.input) : chosen;
}
