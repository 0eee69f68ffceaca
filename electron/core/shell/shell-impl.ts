import type { Channel } from '../api';
import type { FileAccess } from '../fs-grants';
import type { Session } from '../session';
import type { GrantRequest } from './contract';

/**
 * What a transport does for the shell channels (dialogs, printing, drives).
 * electron/shell/ implements it with native dialogs; core/preview/ with the
 * paths the page typed. A choice is not returned as a path: the transport
 * returns a request, and the host has the core check it and issue a handle.
 */
export type ShellOutcome =
  /** A plain answer (drives, a printed PDF's path). */
  | { value: unknown }
  /** The user chose this path (null: cancelled); the core checks it and answers with a handle. */
  | { grant: GrantRequest | null }
  /** Preview only: check a typed path and say what is wrong with it. */
  | { check: GrantRequest };

export type ShellImpl = (channel: Channel, input: unknown, session: Session | undefined) => Promise<ShellOutcome>;

/** The chooser channels and the kind of handle each gives. */
export function grantKindFor(channel: Channel, input: { use?: 'read' | 'write' }): GrantRequest['kind'] | null {
  switch (channel) {
    case 'shell.openFile':
      return 'open';
    case 'shell.saveFile':
      return 'save';
    case 'shell.chooseFolder':
      return input.use === 'read' ? 'openFolder' : 'folder';
    case 'shell.chooseLedgerFolder':
      return 'openFolder';
    default:
      return null;
  }
}

/** Shell channels that act on a chosen file get it resolved in the core, so the transport never sees a handle. */
export function resolveShellInput(channel: Channel, input: unknown, files: FileAccess): unknown {
  if (channel !== 'shell.printToPdf') return input;
  const { file, ...rest } = input as { file: string };
  const target = files.save(file);
  return { ...rest, path: target.path, replace: target.replace };
}
