import type { ParsedInputOf, ResultOf } from '../contract';
import type { Session } from '../session';
import { shellContract } from './contract';

type ShellContract = typeof shellContract;

/** The channels only a transport can serve: dialogs, printing, drives, quitting. */
export type ShellChannel = Extract<keyof ShellContract, string>;

/**
 * What a transport does for the shell channels: one function per channel,
 * typed by the contract (electron/shell/ with native dialogs, core/preview/
 * with the paths the input carries). A map, so a transport that lacks a
 * channel, or answers it with the wrong shape, does not compile.
 */
export type ShellImpl = {
  readonly [C in ShellChannel]: (input: ParsedInputOf<ShellContract[C]>, session: Session | undefined) => Promise<ResultOf<ShellContract[C]>>;
};

export function isShellChannel(name: string): name is ShellChannel {
  return Object.prototype.hasOwnProperty.call(shellContract, name);
}

/** Runs one shell channel on a transport's map; the router has checked the input against the channel's schema. */
export function runShell(impl: ShellImpl, channel: ShellChannel, input: unknown, session: Session | undefined): Promise<unknown> {
  const serve = impl[channel] as (input: unknown, session: Session | undefined) => Promise<unknown>;
  return serve(input, session);
}
