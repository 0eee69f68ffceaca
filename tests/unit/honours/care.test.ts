import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../../../electron/core/honours/types.shared';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { memorialFields, moveClock } from './helpers';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const PDF = Buffer.from('%PDF-1.4\n% 事迹材料\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n', 'utf8');

describe('family care, publicity and attachments', () => {
  let t: TestLedger;
  let files: string;
  beforeAll(() => {
    files = mkdtempSync(join(tmpdir(), 'honours-files-'));
  });
  afterAll(() => rmSync(files, { recursive: true, force: true }));
  afterEach(() => t?.close());

  it('records family members, a visit with what was brought, and a difficulty followed to resolution', async () => {
    t = await openTestLedger({ now: '2020-02-18T02:00:00.000Z' });
    const m = await t.call('honours.memorials.save', memorialFields());
    await t.call('honours.family.save', { memorialId: m.id, name: '周文华', relation: '配偶', phone: '138 0371 2345' });
    let d = await t.call('honours.visits.add', {
      memorialId: m.id,
      visitedOn: '2020-02-18',
      visitors: '街道党工委书记、和平社区书记',
      brought: '慰问金、米面油',
      notes: '家属情绪基本平稳',
      nextVisitOn: '2020-02-25',
    });
    expect(d.family).toEqual([{ id: expect.any(Number), name: '周文华', relation: '配偶', phone: '13803712345', notes: '' }]);
    expect(d.visits[0]).toMatchObject({ visitedOn: '2020-02-18', brought: '慰问金、米面油', nextVisitOn: '2020-02-25' });

    d = await t.call('honours.difficulties.save', {
      memorialId: m.id,
      kind: '就学',
      description: '孩子读初二，需要转学到就近学校',
      owner: '街道教育专干',
      raisedOn: '2020-02-18',
      followUpOn: '2020-02-21',
    });
    const difficulty = d.difficulties[0]!;
    expect(difficulty).toMatchObject({ kind: '就学', status: 'open', resolvedOn: null });

    // Not resolved without saying how.
    const refused = await t.fail('honours.difficulties.save', {
      memorialId: m.id,
      id: difficulty.id,
      kind: '就学',
      description: difficulty.description,
      owner: '街道教育专干',
      raisedOn: '2020-02-18',
      status: 'resolved',
    });
    expect(refused.message).toContain('「帮扶措施」');

    await moveClock(t, '2020-02-21T02:00:00.000Z');
    const due = await t.call('honours.due', {});
    expect(due.followUps).toEqual([{ memorialId: m.id, name: '孙海燕', kind: 'difficulty', dueOn: '2020-02-21', what: '跟进孙海燕同志家属的就学困难' }]);

    d = await t.call('honours.difficulties.save', {
      memorialId: m.id,
      id: difficulty.id,
      kind: '就学',
      description: difficulty.description,
      owner: '街道教育专干',
      actions: '已协调区教育局办理转学，2 月 24 日入学',
      raisedOn: '2020-02-18',
      followUpOn: '2020-02-21',
      status: 'resolved',
    });
    expect(d.difficulties[0]).toMatchObject({ status: 'resolved', resolvedOn: '2020-02-21' });
    expect((await t.call('honours.due', {})).followUps).toEqual([]);

    // The promised return visit comes due, and a later visit settles it.
    await moveClock(t, '2020-02-25T02:00:00.000Z');
    expect((await t.call('honours.due', {})).followUps).toEqual([
      { memorialId: m.id, name: '孙海燕', kind: 'visit', dueOn: '2020-02-25', what: '回访孙海燕同志家属' },
    ]);
    await t.call('honours.visits.add', { memorialId: m.id, visitedOn: '2020-02-25', visitors: '和平社区书记' });
    expect((await t.call('honours.due', {})).followUps).toEqual([]);
  });

  it('flags a family not visited within three days of the death', async () => {
    t = await openTestLedger({ now: '2020-02-16T08:00:00.000Z' });
    await t.call('honours.memorials.save', memorialFields());
    expect((await t.call('honours.due', {})).followUps).toEqual([]);
    await moveClock(t, '2020-02-19T02:00:00.000Z');
    expect((await t.call('honours.due', {})).followUps).toMatchObject([{ kind: 'visit', dueOn: '2020-02-19', what: '尚未登记对孙海燕同志家属的慰问' }]);
  });

  it('refuses a visit dated in the future and a return visit before it', async () => {
    t = await openTestLedger({ now: '2020-02-18T02:00:00.000Z' });
    const m = await t.call('honours.memorials.save', memorialFields());
    expect((await t.fail('honours.visits.add', { memorialId: m.id, visitedOn: '2020-02-20', visitors: '王建国' })).message).toContain('「慰问日期」');
    expect(
      (await t.fail('honours.visits.add', { memorialId: m.id, visitedOn: '2020-02-18', visitors: '王建国', nextVisitOn: '2020-02-18' })).message,
    ).toContain('「下次回访日期」');
    expect((await t.fail('honours.family.save', { memorialId: m.id, name: '周文华', relation: '配偶', phone: '12' })).message).toContain('「联系电话」');
  });

  it('refuses publicity dated in the future, and a visit or publicity dated before the death (session 36 walk)', async () => {
    t = await openTestLedger({ now: '2020-02-18T02:00:00.000Z' });
    const m = await t.call('honours.memorials.save', memorialFields());
    const publicity = { memorialId: m.id, outlet: '区融媒体中心', headline: '坚守卡点的最后一班岗' };
    // Before: a publication dated 2030 was recorded as done.
    const future = await t.fail('honours.publicity.add', { ...publicity, publishedOn: '2030-01-01' });
    expect(future.code).toBe('BAD_INPUT');
    expect(future.message).toContain('「发布日期」不能晚于今天');
    // Died 2020-02-16 14:20 Beijing (helpers DIED_AT): the day before is refused, that day taken.
    expect((await t.fail('honours.publicity.add', { ...publicity, publishedOn: '2020-02-15' })).message).toContain(
      '「发布日期」不能早于牺牲那天（2020-02-16）',
    );
    expect((await t.fail('honours.visits.add', { memorialId: m.id, visitedOn: '2020-02-15', visitors: '王建国' })).message).toContain(
      '「慰问日期」不能早于牺牲那天',
    );
    await t.call('honours.publicity.add', { ...publicity, publishedOn: '2020-02-16' });
    expect((await t.call('honours.visits.add', { memorialId: m.id, visitedOn: '2020-02-16', visitors: '王建国' })).visits).toHaveLength(1);
  });

  it('records psychological support and publicity of the deeds', async () => {
    t = await openTestLedger({ now: '2020-02-18T02:00:00.000Z' });
    const m = await t.call('honours.memorials.save', memorialFields());
    await t.call('honours.care.save', { memorialId: m.id, psychSupport: '区心理援助热线专业人员每周电话疏导一次', psychSupportOn: '2020-02-18' });
    const d = await t.call('honours.publicity.add', { memorialId: m.id, publishedOn: '2020-02-18', outlet: '区融媒体中心', headline: '坚守卡点的最后一班岗' });
    expect(d).toMatchObject({ psychSupport: '区心理援助热线专业人员每周电话疏导一次', psychSupportOn: '2020-02-18' });
    expect(d.publicity).toMatchObject([{ outlet: '区融媒体中心', headline: '坚守卡点的最后一班岗' }]);
  });

  it('keeps PDF and PNG attachments inside the ledger, audits opening them, and refuses other types and oversize files', async () => {
    t = await openTestLedger({ now: '2020-02-18T02:00:00.000Z' });
    const m = await t.call('honours.memorials.save', memorialFields());
    const pdf = join(files, '事迹材料.pdf');
    const png = join(files, '工作照.png');
    writeFileSync(pdf, PDF);
    writeFileSync(png, PNG);
    await t.call('honours.attachments.add', { memorialId: m.id, path: pdf, caption: '单位出具的事迹材料' });
    const d = await t.call('honours.attachments.add', { memorialId: m.id, path: png });
    expect(d.attachments.map((a) => [a.fileName, a.mime, a.sizeBytes])).toEqual([
      ['事迹材料.pdf', 'application/pdf', PDF.length],
      ['工作照.png', 'image/png', PNG.length],
    ]);
    // 添加 names who added it as colleagues know them, not by the account's username (w67 walk).
    expect(d.attachments.map((a) => a.addedByName)).toEqual(['王建国', '王建国']);
    rmSync(pdf); // the copy lives in the ledger, not on disk
    const opened = await t.call('honours.attachments.open', { attachmentId: d.attachments[0]!.id });
    expect(Buffer.from(opened.base64, 'base64').equals(PDF)).toBe(true);
    const viewRows = t.core.services.ledger.handle().prepare(`SELECT count(*) AS n FROM audit_log WHERE entity = 'memorial_attachment_view'`).get() as {
      n: number;
    };
    expect(viewRows.n).toBe(1);

    const exe = join(files, 'setup.exe');
    writeFileSync(exe, 'MZ');
    expect((await t.fail('honours.attachments.add', { memorialId: m.id, path: exe })).message).toContain('只能是 PDF、JPG 或 PNG');
    const fake = join(files, '伪装.png');
    writeFileSync(fake, 'not a png');
    expect((await t.fail('honours.attachments.add', { memorialId: m.id, path: fake })).message).toContain('不是有效的 PNG');
    const big = join(files, '扫描件.pdf');
    writeFileSync(big, Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(ATTACHMENT_MAX_BYTES)]));
    expect((await t.fail('honours.attachments.add', { memorialId: m.id, path: big })).message).toContain('超过每个附件 10 MB 的上限');
    expect((await t.fail('honours.attachments.add', { memorialId: m.id, path: join(files, 'missing.pdf') })).code).toBe('NOT_FOUND');

    const after = await t.call('honours.attachments.remove', { attachmentId: d.attachments[1]!.id });
    expect(after.attachments.map((a) => a.fileName)).toEqual(['事迹材料.pdf']);
  });
});
