import type { ScreenDef } from '../../app/screen-def';

/** The dashboard screens in the navigation. Empty until the capability lands: no dead placeholders. */
export const dashboardScreens: ScreenDef[] = [];
