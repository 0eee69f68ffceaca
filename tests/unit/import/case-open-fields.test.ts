/**
 * What a cases import asks openCase for each row (targets/case-record.ts openFieldsOf): every field named once, the
 * same fields for every row (a row's empty cells are undefined, as if left out, so openCase applies its defaults), not
 * set one by one by a variable name over RETURNEE_FIELDS (io/import/README.md, sessions 17 and 18).
 */
import { describe, expect, it } from 'vitest';
import { openFieldsOf } from '../../../electron/core/io/import/targets/case-record';
import { caseRecord } from './case-records';

const details = {
  origin: '湖北省武汉市',
  arrivedOn: '2020-02-08',
  transport: '火车',
  transportNo: 'G123',
  teamGridWorker: '李网格',
  teamDoctor: '王医生',
  teamPolice: '赵民警',
} as const;

describe('what openCase is asked for an imported row', () => {
  it('gives every detail under its own name, and the same fields in the same order whether the row fills them or not', () => {
    const full = openFieldsOf(
      caseRecord({
        name: '张伟',
        idNumber: null,
        communityId: 1,
        category: 'home_observation',
        startOn: '2020-02-09',
        obsDays: 7,
        riskLevel: 'high',
        ...details,
      }),
      41,
    );
    expect(full).toEqual({
      residentId: 41,
      category: 'home_observation',
      source: '导入',
      notes: null,
      openedOn: '2020-02-09',
      obsStartOn: '2020-02-09',
      obsDays: 7,
      riskLevel: 'high',
      ...details,
    });
    const empty = openFieldsOf(caseRecord({ name: '李娜', idNumber: null, communityId: 1, category: 'returnee', source: '入户排查' }), 42);
    expect(Object.keys(empty)).toEqual(Object.keys(full));
    expect(empty).toMatchObject({ residentId: 42, category: 'returnee', source: '入户排查' });
    for (const k of ['openedOn', 'obsStartOn', 'obsDays', 'riskLevel', ...(Object.keys(details) as (keyof typeof details)[])] as const)
      expect(empty[k]).toBeUndefined();
  });

  it('asks for an observation’s start and length only for an observation category', () => {
    const f = openFieldsOf(caseRecord({ name: '王芳', idNumber: null, communityId: 1, category: 'returnee', startOn: '2020-02-09', obsDays: 7 }), 43);
    expect(f).toMatchObject({ openedOn: '2020-02-09', obsStartOn: undefined, obsDays: undefined });
  });
});
