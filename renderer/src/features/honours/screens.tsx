import type { ScreenDef } from '../../app/screen-def';

/** The honours screens in the navigation. Empty until the capability lands: no dead placeholders. */
export const honoursScreens: ScreenDef[] = [];
