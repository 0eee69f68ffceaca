/** Sealing the import staging rows an older version wrote in clear (staging-seal.ts), after a clerk's or coordinator's unlock. */
import type { SealUpgrade } from '../../db/seal-upgrades';
import { clearStagedRows, sealStagedRows } from './queries';

export const importStagingUpgrade: SealUpgrade = { name: 'import.staging', pending: clearStagedRows, run: sealStagedRows };
