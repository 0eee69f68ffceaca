/**
 * A case's returnee and observation details (issue 14): where the person came
 * from, when they arrived back, how they travelled, and the three-person team
 * responsible (grid worker, doctor, police officer). One definition of their
 * names, labels and columns for the contract, the writes, the lists, the
 * import and the roster form. Imports nothing, so the renderer can use it.
 */
export const RETURNEE_FIELDS = ['origin', 'arrivedOn', 'transport', 'transportNo', 'teamGridWorker', 'teamDoctor', 'teamPolice', 'teamUnsplit'] as const;
export type ReturneeField = (typeof RETURNEE_FIELDS)[number];
export type ReturneeDetails = Record<ReturneeField, string | null>;

/** Said after a team kept as written, so nobody takes a name for the grid worker, the doctor or the police officer. */
export const TEAM_UNSPLIT = '（未注明分工）';

export const RETURNEE_LABELS: Record<ReturneeField, string> = {
  origin: '来源地',
  arrivedOn: '返程日期',
  transport: '交通方式',
  transportNo: '车次/航班号',
  teamGridWorker: '责任网格员',
  teamDoctor: '责任医生',
  teamPolice: '责任民警',
  // The community's 包保责任人 cell as written when it says nobody's role (「张三、李四」): io/import/team-cell.ts.
  teamUnsplit: '包保责任人（未注明分工）',
};

/** The cases table's column for each field (migration 011; team_unsplit 068). */
export const RETURNEE_COLUMNS: Record<ReturneeField, string> = {
  origin: 'origin',
  arrivedOn: 'arrived_on',
  transport: 'transport',
  transportNo: 'transport_no',
  teamGridWorker: 'team_grid_worker',
  teamDoctor: 'team_doctor',
  teamPolice: 'team_police',
  teamUnsplit: 'team_unsplit',
};

/** Longest text kept per field (arrivedOn is a day). */
export const RETURNEE_MAX: Record<Exclude<ReturneeField, 'arrivedOn'>, number> = {
  origin: 60,
  transport: 20,
  transportNo: 30,
  teamGridWorker: 40,
  teamDoctor: 40,
  teamPolice: 40,
  // As long as the import's 包保责任人 cell (fields.shared.ts).
  teamUnsplit: 200,
};

/** `origin AS origin, arrived_on AS arrivedOn, …` for a SELECT on cases aliased `alias`. */
export const returneeSelect = (alias: string): string => RETURNEE_FIELDS.map((f) => `${alias}.${RETURNEE_COLUMNS[f]} AS ${f}`).join(', ');

/** The team as one line: 网格员 张三、医生 李四、民警 王五 (only those known). */
export function teamText(d: Pick<ReturneeDetails, 'teamGridWorker' | 'teamDoctor' | 'teamPolice'>): string {
  return [d.teamGridWorker ? `网格员 ${d.teamGridWorker}` : null, d.teamDoctor ? `医生 ${d.teamDoctor}` : null, d.teamPolice ? `民警 ${d.teamPolice}` : null]
    .filter((x) => x !== null)
    .join('、');
}

/**
 * 包保责任人 as the ledger shows it and the observation roster prints it: the team by role, or, when nobody has
 * filled in roles, the names as the community wrote them, marked 「（未注明分工）」 (printed blank, a district read
 * 「nobody responsible」: session 23). The roles, once filled in, come first.
 */
export function teamShown(d: Pick<ReturneeDetails, 'teamGridWorker' | 'teamDoctor' | 'teamPolice' | 'teamUnsplit'>): string {
  const team = teamText(d);
  if (team !== '' || !d.teamUnsplit) return team;
  return `${d.teamUnsplit}${TEAM_UNSPLIT}`;
}

/** 交通方式 with its 车次/航班号: 高铁 G1234. */
export const travelText = (d: Pick<ReturneeDetails, 'transport' | 'transportNo'>): string => [d.transport, d.transportNo].filter(Boolean).join(' ');
