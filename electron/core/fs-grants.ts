/**
 * File handles: the only form in which a path reaches a handler. The
 * transport asks for one after the user chose (main's dialog, a drive main
 * listed, or in preview a typed path); the renderer only ever holds the
 * opaque handle and the name to show. A handle is tied to the window (or
 * preview token) it was issued to and to one kind of use. Handles that let
 * the core write (save, folder) work once; a file to read may be read again
 * by the same window (an import reads its file at inspect, preview and
 * commit) until that window locks. Every use checks the path again.
 */
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { AppError } from './errors';
import { checkPath, requireStillOutside, requireUsable, type PathKind, type PathVerdict, type ProtectedPlace } from './fs-guard';

import type { ChosenFile, GrantRequest } from './shell/contract';

export type { ChosenFile, GrantRequest };

interface Grant {
  sessionId: string;
  kind: PathKind;
  path: string;
  replace: boolean;
  used: boolean;
}

/** A handler's view of the window's choices: each resolves a handle to a path checked just now. */
export interface FileAccess {
  open(handle: string): string;
  openFolder(handle: string): string;
  folder(handle: string): string;
  save(handle: string): UsablePath;
}

export interface UsablePath {
  path: string;
  replace: boolean;
}

/** A window cannot pile up handles without end (typing a path in preview makes one per valid path). */
const MAX_PER_SESSION = 200;

const ONE_USE: Record<PathKind, boolean> = { open: false, openFolder: false, save: true, folder: true };

export class FileGrants {
  private readonly grants = new Map<string, Grant>();

  constructor(private readonly place: () => ProtectedPlace) {}

  check(req: GrantRequest): PathVerdict {
    return checkPath(req.kind, req.path, this.place(), req.replace ?? false);
  }

  issue(sessionId: string, req: GrantRequest): ChosenFile {
    const real = requireUsable(req.kind, req.path, this.place(), req.replace ?? false);
    const mine = [...this.grants.entries()].filter(([, g]) => g.sessionId === sessionId);
    if (mine.length >= MAX_PER_SESSION) this.grants.delete(mine[0]![0]);
    const handle = `fh_${randomBytes(18).toString('base64url')}`;
    this.grants.set(handle, { sessionId, kind: req.kind, path: real, replace: req.replace ?? false, used: false });
    return { handle, path: real, name: basename(real) };
  }

  /** Resolves a handle for its one kind of use, checking the path again now. */
  take(sessionId: string, handle: string, kind: PathKind): UsablePath {
    const g = this.grants.get(handle);
    if (!g || g.sessionId !== sessionId || g.kind !== kind || g.used) {
      throw new AppError('BAD_INPUT', '所选文件已失效（每次选择只能用一次，锁定后也会失效），请重新选择。', { field: 'path' });
    }
    if (ONE_USE[kind]) g.used = true;
    const real = requireUsable(kind, g.path, this.place(), g.replace);
    return { path: real, replace: g.replace };
  }

  /** A path the core saved from an earlier choice (the daily backup's folder), checked again before each use. */
  recheck(kind: PathKind, path: string): string {
    return requireUsable(kind, path, this.place());
  }

  /** A task's file about to be placed at `path`: its folder still outside the ledger's (fs-guard.ts requireStillOutside). */
  requireStillOutside(path: string): void {
    requireStillOutside(path, this.place());
  }

  /** What a handler of this window may resolve. */
  accessFor(sessionId: string): FileAccess {
    return {
      open: (h) => this.take(sessionId, h, 'open').path,
      openFolder: (h) => this.take(sessionId, h, 'openFolder').path,
      folder: (h) => this.take(sessionId, h, 'folder').path,
      save: (h) => this.take(sessionId, h, 'save'),
    };
  }

  /** A window locked or closed: its choices go with it. */
  dropSession(sessionId: string): void {
    for (const [h, g] of this.grants) if (g.sessionId === sessionId) this.grants.delete(h);
  }
}
