// The dashboard area's channels. Filled in by the dashboard capability.
export const dashboardContract = {} as const;
