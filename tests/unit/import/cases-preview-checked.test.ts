/**
 * A cases preview asks the ledger once per row (targets/checked-lookups.ts): what its ledger check found (the
 * resident, their cases of the row's category) is what the matcher decides by, while the ledger is as the check
 * asked it. Proven here: rows about residents the ledger has open each one's sealed ID number once, not twice
 * (the check's lookup and the matcher's); and a write between the check and the matcher (a resident registered,
 * a case opened) makes the matcher ask again and decide by the ledger as it is then.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SEALED } from '../../../electron/core/caseload/sealed-people';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { casesTarget } from '../../../electron/core/io/import/targets/cases';
import type { CaseRecord } from '../../../electron/core/io/import/targets/case-record';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { caseRecord } from './case-records';
import { scratch, seedOrg, writeCsv } from './files';

const opened: TestLedger[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const t of opened.splice(0)) t.close();
});

const ID_A = makeIdNumber('420106', '1956-11-08', 31);
const ID_B = makeIdNumber('420106', '1940-01-20', 42);
const ID_C = makeIdNumber('110105', '1990-03-12', 17);

async function ledgerWith(people: [string, string][]): Promise<{ t: TestLedger; dongfeng: number }> {
  const t = await openTestLedger();
  opened.push(t);
  const org = await seedOrg(t);
  const household = await t.call('households.save', { communityId: org.dongfeng, addressText: '幸福路1号' });
  for (const [name, idNumber] of people) await t.call('residents.save', { householdId: household.id, name, idNumber });
  return { t, dongfeng: org.dongfeng };
}

/** A row about the person with this ID number, registered at 幸福路2号 should nobody have it. */
const row = (name: string, idNumber: string, communityId: number): CaseRecord => caseRecord({ name, idNumber, communityId, address: '幸福路2号' });

describe('a cases preview asks the ledger once per row', () => {
  it("opens the sealed ID number of each resident the ledger has once: the matcher takes the ledger check's answer", async () => {
    const { t } = await ledgerWith([
      ['张伟', ID_A],
      ['刘芳', ID_B],
      ['王强', ID_C],
    ]);
    const sealer = t.core.services.ledger.sealer()!;
    const open = vi.spyOn(sealer, 'open');
    const rows = [
      ['姓名', '身份证号', '人员类别', '来源地'],
      ['张伟', ID_A, '返程人员', '湖北省武汉市'],
      ['刘芳', ID_B, '返程人员', '湖北省孝感市'],
      ['王强', ID_C, '返程人员', '浙江省温州市'],
    ];
    const path = writeCsv(join(scratch(), '返程人员.csv'), rows, 'utf-8-bom');
    const pre = await t.call('import.preview', { path, target: 'cases', mapping: ['name', 'idNumber', 'category', 'origin'], onDuplicate: 'skip' });
    expect(pre.counts).toMatchObject({ created: 3, rejected: 0 });
    // One per row (the ledger check's lookup); the matcher asked again before, two per row.
    expect(open.mock.calls.filter(([purpose]) => purpose === SEALED.idNumber)).toHaveLength(3);
  });

  it('asks again when a resident was registered between the check and the matcher, and finds them', async () => {
    const { t, dongfeng } = await ledgerWith([['张伟', ID_A]]);
    const db = t.core.services.ledger.handle();
    const sealer = t.core.services.ledger.sealer();
    const r = row('刘芳', ID_B, dongfeng);
    const checked = casesTarget.ledgerCheck!(db, '2020-02-17', sealer)(r);
    expect(checked).toMatchObject({ ok: true, record: { residentId: null } });
    // Registered on screen in between: the check's "nobody" no longer holds.
    const household = await t.call('households.save', { communityId: dongfeng, addressText: '幸福路3号' });
    const liu = await t.call('residents.save', { householdId: household.id, name: '刘芳', idNumber: ID_B });
    await t.call('cases.open', { residentId: liu.id, category: 'returnee', openedOn: '2020-02-16' });
    const match = casesTarget.matcher(db, sealer)(r);
    expect(match).toMatchObject({ current: { residentId: liu.id, startOn: '2020-02-16' } });
  });

  it('asks again when a case was opened between the check and the matcher, and matches it', async () => {
    const { t, dongfeng } = await ledgerWith([['张伟', ID_A]]);
    const db = t.core.services.ledger.handle();
    const sealer = t.core.services.ledger.sealer();
    const r = row('张伟', ID_A, dongfeng);
    const checked = casesTarget.ledgerCheck!(db, '2020-02-17', sealer)(r);
    expect(checked).toMatchObject({ ok: true, record: { residentId: 1 } });
    const opened = await t.call('cases.open', { residentId: 1, category: 'returnee', openedOn: '2020-02-16' });
    expect(casesTarget.matcher(db, sealer)(r)).toMatchObject({ id: opened.id });
  });

  it("takes the check's answer when nothing was written in between, without opening anyone's number again", async () => {
    const { t, dongfeng } = await ledgerWith([['张伟', ID_A]]);
    const db = t.core.services.ledger.handle();
    const sealer = t.core.services.ledger.sealer();
    const r = row('张伟', ID_A, dongfeng);
    casesTarget.ledgerCheck!(db, '2020-02-17', sealer)(r);
    const open = vi.spyOn(sealer!, 'open');
    expect(casesTarget.matcher(db, sealer)(r)).toBeNull();
    expect(open).not.toHaveBeenCalled();
  });
});
