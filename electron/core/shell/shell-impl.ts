import type { ParsedInputOf, ResultOf } from '../contract';
import type { FileAccess } from '../fs-grants';
import type { Session } from '../session';
import { shellContract, type ChosenFile, type GrantRequest, type PathCheck } from './contract';

type ShellContract = typeof shellContract;

/** The channels only a transport can serve: dialogs, printing, drives, quitting. */
export type ShellChannel = Extract<keyof ShellContract, string>;

/**
 * What the transport may ask the core while serving a shell channel. A
 * dialog's answer (or the preview's typed path) is never handed to the page
 * as a path: the core checks it and issues the handle the page gets.
 */
export interface ShellCore {
  /** The user chose this path (null: cancelled): the core checks it and answers with a handle. */
  choose(request: GrantRequest | null): Promise<{ chosen: ChosenFile | null }>;
  /** Preview only: what is wrong with a typed path, as the user types. */
  check(request: GrantRequest): Promise<PathCheck>;
}

/** printToPdf reaches the transport with its handle already resolved by the core to a checked path. */
type TransportInput<C extends ShellChannel> = C extends 'shell.printToPdf'
  ? Omit<ParsedInputOf<ShellContract[C]>, 'file'> & { path: string; replace: boolean }
  : ParsedInputOf<ShellContract[C]>;

/**
 * What a transport does for the shell channels: one function per channel,
 * typed by the contract (electron/shell/ with native dialogs, core/preview/
 * with the paths the page typed). A map, so a transport that lacks a
 * channel, or answers it with the wrong shape, does not compile.
 */
export type ShellImpl = {
  readonly [C in ShellChannel]: (input: TransportInput<C>, session: Session | undefined, core: ShellCore) => Promise<ResultOf<ShellContract[C]>>;
};

export function isShellChannel(name: string): name is ShellChannel {
  return Object.prototype.hasOwnProperty.call(shellContract, name);
}

/** Runs one shell channel on a transport's map; the router has checked the input against the channel's schema. */
export function runShell(impl: ShellImpl, channel: ShellChannel, input: unknown, session: Session | undefined, core: ShellCore): Promise<unknown> {
  const serve = impl[channel] as (input: unknown, session: Session | undefined, core: ShellCore) => Promise<unknown>;
  return serve(input, session, core);
}

/** Shell channels that act on a chosen file get it resolved in the core, so the transport never sees a handle. */
export function resolveShellInput(channel: ShellChannel, input: unknown, files: FileAccess): unknown {
  if (channel !== 'shell.printToPdf') return input;
  const { file, ...rest } = input as { file: string };
  const target = files.save(file);
  return { ...rest, path: target.path, replace: target.replace };
}
