import type { ScreenDef } from '../../app/screen-def';

/** The import screens in the navigation. Empty until the capability lands: no dead placeholders. */
export const importScreens: ScreenDef[] = [];
