// The rota area's channels. Filled in by the rota capability.
export const rotaContract = {} as const;
