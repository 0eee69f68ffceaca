/**
 * 15-digit and 18-digit ID numbers of the same person are one number: stored
 * and matched as 18 characters, shown as written when they were 15; a birth
 * date after today is no real number.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkIdNumber, downgrade18, idNumberWithOriginal, makeIdNumber, normalisePhone, upgrade15 } from '../../../electron/core/people/id-number';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { scratch, writeXlsx } from '../import/files';

// 410105 1962-03-12 sequence 017 (odd: male), written the old way.
const OLD = '410105620312017';
const NEW = upgrade15(OLD);

describe('checkIdNumber', () => {
  it('turns a 15-digit number into its 18-digit form and remembers it was 15', () => {
    expect(NEW).toBe(makeIdNumber('410105', '1962-03-12', 17));
    const r = checkIdNumber(OLD);
    expect(r).toEqual({ ok: true, value: NEW, sex: 'M', birthDate: '1962-03-12', original15: OLD });
    expect(checkIdNumber(NEW)).toMatchObject({ ok: true, value: NEW, original15: null });
    expect(downgrade18(NEW)).toBe(OLD);
    expect(idNumberWithOriginal(NEW, true)).toBe(`${NEW}（原 15 位：${OLD}）`);
    expect(idNumberWithOriginal(NEW, false)).toBe(NEW);
  });

  it('rejects a birth date after today, for 18 digits', () => {
    const future = makeIdNumber('410105', '2030-01-01', 11);
    expect(checkIdNumber(future, '2020-02-17')).toMatchObject({ ok: false, reason: 'birth_date' });
    expect(checkIdNumber(future, '2020-02-17').ok === false && checkIdNumber(future, '2020-02-17')).toMatchObject({
      message: expect.stringContaining('晚于今天'),
    });
    expect(checkIdNumber(makeIdNumber('410105', '2020-02-17', 11), '2020-02-17').ok).toBe(true);
  });
});

describe('one person, one number, in the ledger', () => {
  let t: TestLedger;
  let communityId: number;
  beforeEach(async () => {
    t = await openTestLedger();
    communityId = (await t.call('org.communities.save', { name: '幸福社区' })).id;
  });
  afterEach(() => t.close());

  it('stores a resident\u2019s 15-digit number as 18, shows it as written on reveal, and finds the same person by either form', async () => {
    const r = await t.call('residents.save', { communityId, name: '王桂英', idNumber: OLD });
    expect(r.idNumberWas15).toBe(true);
    expect(r.idNumber).toBe(`${NEW.slice(0, 4)}**********${NEW.slice(-4)}`);
    expect((await t.call('residents.reveal', { residentId: r.id, field: 'idNumber' })).value).toBe(`${NEW}（原 15 位：${OLD}）`);
    // The 18-digit form is the same person: an update, not a second resident.
    const again = await t.call('residents.save', { communityId, name: '王桂英', idNumber: NEW, phone: '13812345678' });
    expect(again.id).toBe(r.id);
    expect(again.idNumberWas15).toBe(true);
    expect((await t.call('residents.list', {})).total).toBe(1);
    // And the 15-digit form typed again matches too.
    expect((await t.call('residents.save', { communityId, name: '王桂英', idNumber: OLD })).id).toBe(r.id);
  });

  it('refuses a birth date after today, typed or inside the ID number', async () => {
    const e = await t.fail('residents.save', { communityId, name: '未来', idNumber: makeIdNumber('410105', '2021-05-01', 12) });
    expect(e.message).toContain('「身份证号」');
    expect(e.message).toContain('晚于今天');
    expect((await t.fail('residents.save', { communityId, name: '未来', birthDate: '2020-03-01' })).message).toContain('「出生日期」');
  });

  it('treats a staff member\u2019s 15-digit and 18-digit numbers as the same person', async () => {
    const s = await t.call('rota.staff.save', { name: '张伟', kind: 'community_worker', communityId, idNumber: OLD });
    expect(s.idNumberWas15).toBe(true);
    expect((await t.call('rota.staff.reveal', { id: s.id })).idNumber).toBe(`${NEW}（原 15 位：${OLD}）`);
    const dup = await t.fail('rota.staff.save', { name: '张伟', kind: 'community_worker', communityId, idNumber: NEW });
    expect(dup.code).toBe('CONFLICT');
  });

  it('an imported 15-digit number updates the person the ledger knows by the 18-digit one', async () => {
    const r = await t.call('residents.save', { communityId, name: '王桂英', idNumber: NEW });
    const path = await writeXlsx(join(scratch(), '居民.xlsx'), [
      {
        name: '居民',
        rows: [
          ['社区', '姓名', '身份证号', '联系电话'],
          ['幸福社区', '王桂英', OLD, '13812345678'],
          ['幸福社区', '李四', '410105700101012', '13900000000'],
        ],
      },
    ]);
    const ins = await t.call('import.inspect', { path, target: 'residents' });
    const pre = await t.call('import.preview', { path, target: 'residents', mapping: ins.mapping, onDuplicate: 'update' });
    expect(pre.counts).toMatchObject({ created: 1, updated: 1, rejected: 0 });
    await t.call('import.commit', { path, target: 'residents', mapping: ins.mapping, onDuplicate: 'update', previewId: pre.previewId });
    const list = await t.call('residents.list', { sort: [{ field: 'name', dir: 'asc' }] });
    expect(list.total).toBe(2);
    expect(list.rows.find((x) => x.id === r.id)?.phone).toBe('138****5678');
    const li = list.rows.find((x) => x.name === '李四')!;
    expect(li.idNumberWas15).toBe(true);
    expect((await t.call('residents.reveal', { residentId: li.id, field: 'idNumber' })).value).toBe(
      `${upgrade15('410105700101012')}（原 15 位：410105700101012）`,
    );
  });
});

describe('the usual 18-character number, checked by char codes', () => {
  // A space in front sends a number down the general path (normalised first); both paths must give the same answer.
  const numbers = [
    makeIdNumber('410105', '1962-03-12', 17),
    makeIdNumber('110101', '2000-02-29', 5),
    makeIdNumber('650102', '1890-01-01', 999),
    makeIdNumber('110101', '2026-12-02', 1),
    '41010519620312017X',
    '410105196203120000',
    '990105196203120178',
    '410105190002290178',
    '410105188912310178',
    '41010519621312017X',
    '4101051962031201x7',
    '４１０１０５１９６２０３１２０１７８',
  ];
  for (let i = 0; i < 40; i++) numbers.push(makeIdNumber('320102', `19${String(10 + i).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`, i * 7));
  const wrongCheck = numbers.map((n) => n.slice(0, 17) + (n[17] === '0' ? '1' : '0'));

  it('gives what the general path gives, with and without a day to compare the birth date with', () => {
    for (const n of [...numbers, ...wrongCheck]) {
      expect(checkIdNumber(n)).toEqual(checkIdNumber(` ${n}`));
      expect(checkIdNumber(n, '2026-12-01')).toEqual(checkIdNumber(` ${n}`, '2026-12-01'));
    }
    expect(checkIdNumber(numbers[0])).toMatchObject({ ok: true, sex: 'M', birthDate: '1962-03-12' });
  });

  it('normalises a phone of digits as the general path does', () => {
    for (const p of ['13803711002', '8613803711002', '861380371100', '037163912345', '123456', '1234567', '1234567890123', '0']) {
      expect(normalisePhone(p)).toBe(normalisePhone(` ${p}`));
    }
    expect(normalisePhone('8613803711002')).toBe('13803711002');
  });
});
