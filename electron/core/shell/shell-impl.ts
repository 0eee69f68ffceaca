import type { Channel } from '../api';
import type { Session } from '../session';

/**
 * What a transport does for the shell channels (dialogs, printing, drives).
 * electron/shell/ implements it with native dialogs; core/preview/ with
 * the paths the input carries.
 */
export type ShellImpl = (channel: Channel, input: unknown, session: Session | undefined) => Promise<unknown>;
