// The supplies area's channels. Filled in by the supplies capability.
export const suppliesContract = {} as const;
