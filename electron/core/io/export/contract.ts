// The export channels. Filled in by the export capability.
export const exportContract = {} as const;
