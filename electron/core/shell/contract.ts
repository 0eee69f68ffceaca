import { z } from 'zod';
import { areaContract, channel, chosen, empty } from '../contract';

/**
 * Things only the transport can do: every channel of kind 'shell' is here
 * (handlers.ts refuses one elsewhere at compile time). In the app,
 * electron/shell/ shows native dialogs; in preview, where a browser cannot
 * give paths, the page sends the typed path and the same checks apply.
 * Either way a choice comes back as a handle (ChosenFile) that the core
 * issued after checking it; each transport implements every channel (ShellImpl).
 */
export interface Drive {
  path: string;
  label: string;
  freeBytes: number;
  totalBytes: number;
}

/** open: a file to read; save: a file to write; folder: a folder to write into; openFolder: a folder to read. */
export const PATH_KINDS = ['open', 'save', 'folder', 'openFolder'] as const;

export interface ChosenFile {
  /** Opaque, for the core: `fh_…`. */
  handle: string;
  /** For the user to read (the real path after symlinks). */
  path: string;
  name: string;
}

export interface GrantRequest {
  kind: (typeof PATH_KINDS)[number];
  path: string;
  /** A save target that exists: the user confirmed replacing it (main's save dialog asks; the preview page asks). */
  replace?: boolean;
}

/** What the preview page shows under a typed path while the user types. */
export interface PathCheck {
  problem: string | null;
  exists: boolean;
  needsReplace: boolean;
}

/** Preview only: the path the user typed (the app shows a dialog and refuses this). */
const typedPath = z.string().trim().min(1, '请填写路径').max(1000, '路径太长');
const title = z.string().max(60).optional();

const shellLabels = {
  title: '对话框标题',
  extensions: '文件类型',
  path: '文件路径',
  suggestedName: '文件名',
  route: '打印文档',
  landscape: '横向打印',
  file: '保存位置',
  drive: 'U 盘',
  use: '用途',
  replace: '替换',
  kind: '路径用途',
};

export const shellContract = areaContract(shellLabels, {
  'shell.openFile': channel<{ chosen: ChosenFile | null }>()({
    input: z.strictObject({ title, extensions: z.array(z.string().max(10)).max(10).optional(), path: typedPath.optional() }),
    access: 'clerk',
    kind: 'shell',
  }),
  'shell.saveFile': channel<{ chosen: ChosenFile | null }>()({
    input: z.strictObject({ title, suggestedName: z.string().min(1).max(200), path: typedPath.optional(), replace: z.boolean().optional() }),
    access: 'viewer',
    kind: 'shell',
  }),
  /** A folder to write into (use 'write': exports, backups) or to read from (use 'read': a backup to restore). A `drive` from shell.listDrives needs no dialog. */
  'shell.chooseFolder': channel<{ chosen: ChosenFile | null }>()({
    input: z.strictObject({
      title,
      use: z.enum(['write', 'read']).default('write'),
      path: typedPath.optional(),
      drive: z.string().min(1).max(1000).optional(),
    }),
    access: 'clerk',
    kind: 'shell',
  }),
  /** The startup screen's 打开另一个台账: before anyone is unlocked. */
  'shell.chooseLedgerFolder': channel<{ chosen: ChosenFile | null }>()({
    input: z.strictObject({ path: typedPath.optional() }),
    access: 'public',
    kind: 'shell',
  }),
  /** Preview only: checks a typed path as the user types (the app refuses it: its paths come from dialogs). */
  'shell.checkPath': channel<PathCheck>()({
    input: z.strictObject({ kind: z.enum(PATH_KINDS), path: z.string().max(1000), replace: z.boolean().optional() }),
    access: 'public',
    kind: 'shell',
  }),
  'shell.listDrives': channel<Drive[]>()({ input: empty, access: 'clerk', kind: 'shell' }),
  /** The startup screen's 退出程序: closes the app (in preview, the tab is the user's to close). */
  'app.quit': channel<{ quitting: true }>()({ input: empty, access: 'public', kind: 'shell' }),
  'shell.printToPdf': channel<{ path: string }>()({
    input: z.strictObject({
      route: z
        .string()
        .regex(/^\/print\/[a-z0-9\-/?=&%.]*$/i)
        .max(400),
      file: chosen('保存位置', 'save'),
      landscape: z.boolean().default(false),
    }),
    access: 'viewer',
    kind: 'shell',
  }),
});
