import type { ScreenDef } from '../../app/screen-def';

/** The rota screens in the navigation. Empty until the capability lands: no dead placeholders. */
export const rotaScreens: ScreenDef[] = [];
