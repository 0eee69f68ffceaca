/**
 * A case's INSERT (caseload/cases.repo.ts) reads the row's columns by their names, once (columnValues), not by a
 * variable name over INSERTED for the statement's form and again for its values: those keyed loads were 0.13 G
 * instructions per 20,000 imported cases (io/import/README.md, session 17). The hand-written order must be
 * INSERTED's, or values would land in another column: both are checked here.
 */
import { describe, expect, it } from 'vitest';
import { columnValues, INSERTED, type CaseColumns } from '../../../electron/core/caseload/cases.repo';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger } from './files';

const L = useImportLedger();

describe("a case's INSERT takes each column by its name", () => {
  it("answers every column's value in INSERTED's order", () => {
    const row = Object.fromEntries(INSERTED.map((k) => [k, `value of ${k}`])) as unknown as CaseColumns;
    expect(columnValues(row)).toEqual(INSERTED.map((k) => `value of ${k}`));
  });

  it('stores each value given in its own column', async () => {
    const household = await L.t.call('households.save', { communityId: L.org.dongfeng, addressText: '幸福路1号' });
    const resident = await L.t.call('residents.save', { householdId: household.id, name: '张伟', idNumber: makeIdNumber('110105', '1990-03-12', 17) });
    const given = {
      riskLevel: 'high',
      dueOn: '2020-03-01',
      openedOn: '2020-02-10',
      source: '社区摸排',
      notes: '电话随访',
      origin: '湖北省武汉市',
      arrivedOn: '2020-02-08',
      transport: '火车',
      transportNo: 'G123',
      teamGridWorker: '李网格',
      teamDoctor: '王医生',
      teamPolice: '赵民警',
    } as const;
    const opened = await L.t.call('cases.open', { residentId: resident.id, category: 'returnee', ...given });
    const stored = L.db().prepare(`SELECT * FROM cases WHERE id = ?`).get(opened.id) as Record<string, unknown>;
    expect(stored).toMatchObject({
      resident_id: resident.id,
      community_id: L.org.dongfeng,
      category: 'returnee',
      status: 'registered',
      risk_level: 'high',
      opened_on: '2020-02-10',
      due_on: '2020-03-01',
      source: '社区摸排',
      notes: '电话随访',
      origin: '湖北省武汉市',
      arrived_on: '2020-02-08',
      transport: '火车',
      transport_no: 'G123',
      team_grid_worker: '李网格',
      team_doctor: '王医生',
      team_police: '赵民警',
      resident_name: '张伟',
      closed_on: null,
      obs_start_on: null,
    });
  });
});
