import type { ScreenDef } from '../../app/screen-def';

/** The supplies screens in the navigation. Empty until the capability lands: no dead placeholders. */
export const suppliesScreens: ScreenDef[] = [];
