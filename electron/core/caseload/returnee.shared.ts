/**
 * A case's returnee and observation details (issue 14): where the person came
 * from, when they arrived back, how they travelled, and the three-person team
 * responsible (grid worker, doctor, police officer). One definition of their
 * names, labels and columns for the contract, the writes, the lists, the
 * import and the roster form. Imports nothing, so the renderer can use it.
 */
export const RETURNEE_FIELDS = ['origin', 'arrivedOn', 'transport', 'transportNo', 'teamGridWorker', 'teamDoctor', 'teamPolice'] as const;
export type ReturneeField = (typeof RETURNEE_FIELDS)[number];
export type ReturneeDetails = Record<ReturneeField, string | null>;

export const RETURNEE_LABELS: Record<ReturneeField, string> = {
  origin: '来源地',
  arrivedOn: '返程日期',
  transport: '交通方式',
  transportNo: '车次/航班号',
  teamGridWorker: '责任网格员',
  teamDoctor: '责任医生',
  teamPolice: '责任民警',
};

/** The cases table's column for each field (migration 011). */
export const RETURNEE_COLUMNS: Record<ReturneeField, string> = {
  origin: 'origin',
  arrivedOn: 'arrived_on',
  transport: 'transport',
  transportNo: 'transport_no',
  teamGridWorker: 'team_grid_worker',
  teamDoctor: 'team_doctor',
  teamPolice: 'team_police',
};

/** Longest text kept per field (arrivedOn is a day). */
export const RETURNEE_MAX: Record<Exclude<ReturneeField, 'arrivedOn'>, number> = {
  origin: 60,
  transport: 20,
  transportNo: 30,
  teamGridWorker: 40,
  teamDoctor: 40,
  teamPolice: 40,
};

/** `origin AS origin, arrived_on AS arrivedOn, …` for a SELECT on cases aliased `alias`. */
export const returneeSelect = (alias: string): string => RETURNEE_FIELDS.map((f) => `${alias}.${RETURNEE_COLUMNS[f]} AS ${f}`).join(', ');

/** The team as one line: 网格员 张三、医生 李四、民警 王五 (only those known). */
export function teamText(d: Pick<ReturneeDetails, 'teamGridWorker' | 'teamDoctor' | 'teamPolice'>): string {
  return [d.teamGridWorker ? `网格员 ${d.teamGridWorker}` : null, d.teamDoctor ? `医生 ${d.teamDoctor}` : null, d.teamPolice ? `民警 ${d.teamPolice}` : null]
    .filter((x) => x !== null)
    .join('、');
}

/** 交通方式 with its 车次/航班号: 高铁 G1234. */
export const travelText = (d: Pick<ReturneeDetails, 'transport' | 'transportNo'>): string => [d.transport, d.transportNo].filter(Boolean).join(' ');
