import { z } from 'zod';
import { areaContract, channel, empty } from '../contract';

/**
 * Things only the transport can do: every channel of kind 'shell' is here
 * (handlers.ts refuses one elsewhere at compile time). In the app,
 * electron/shell/ shows native dialogs; in preview, the input carries the
 * path the dialog would have returned. The core only validates input and
 * checks the role; each transport implements every channel (ShellImpl).
 */
export interface Drive {
  path: string;
  label: string;
  freeBytes: number;
  totalBytes: number;
}

const filePath = z.string().min(1).max(1000);

const shellLabels = {
  title: '对话框标题',
  extensions: '文件类型',
  path: '文件路径',
  suggestedName: '文件名',
  route: '打印文档',
  landscape: '横向打印',
};

export const shellContract = areaContract(shellLabels, {
  'shell.openFile': channel<{ path: string | null }>()({
    input: z.strictObject({ title: z.string().max(60).optional(), extensions: z.array(z.string().max(10)).max(10).optional(), path: filePath.optional() }),
    access: 'clerk',
    kind: 'shell',
  }),
  'shell.saveFile': channel<{ path: string | null }>()({
    input: z.strictObject({ title: z.string().max(60).optional(), suggestedName: z.string().min(1).max(200), path: filePath.optional() }),
    access: 'clerk',
    kind: 'shell',
  }),
  'shell.chooseFolder': channel<{ path: string | null }>()({
    input: z.strictObject({ title: z.string().max(60).optional(), path: filePath.optional() }),
    access: 'clerk',
    kind: 'shell',
  }),
  'shell.listDrives': channel<Drive[]>()({ input: empty, access: 'clerk', kind: 'shell' }),
  /** The startup screen's 退出程序: closes the app (in preview, the tab is the user's to close). */
  'app.quit': channel<{ quitting: true }>()({ input: empty, access: 'public', kind: 'shell' }),
  'shell.printToPdf': channel<{ path: string }>()({
    input: z.strictObject({ route: z.string().regex(/^\/print\/[a-z0-9\-/?=&%.]*$/i).max(400), path: filePath, landscape: z.boolean().default(false) }),
    access: 'viewer',
    kind: 'shell',
  }),
});
