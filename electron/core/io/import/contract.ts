// The import channels. Filled in by the import capability.
export const importContract = {} as const;
