// The caseload area's channels. Filled in by the caseload capability.
export const caseloadContract = {} as const;
