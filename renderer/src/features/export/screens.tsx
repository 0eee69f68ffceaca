import type { ScreenDef } from '../../app/screen-def';

/** The export screens in the navigation. Empty until the capability lands: no dead placeholders. */
export const exportScreens: ScreenDef[] = [];
