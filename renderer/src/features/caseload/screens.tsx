import type { ScreenDef } from '../../app/screen-def';

/** The caseload screens in the navigation. Empty until the capability lands: no dead placeholders. */
export const caseloadScreens: ScreenDef[] = [];
