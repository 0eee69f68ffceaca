// The honours area's channels. Filled in by the honours capability.
export const honoursContract = {} as const;
