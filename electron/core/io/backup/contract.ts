// The backup channels. Filled in by the backup capability.
export const backupContract = {} as const;
