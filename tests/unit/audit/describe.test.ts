/**
 * 操作日志 in Chinese sentences: who did what to which record, with the changed
 * fields by their Chinese names; every channel that writes has its words.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../../../electron/core/api';
import { describeAudit } from '../../../electron/core/audit/describe';
import { ACTIONS } from '../../../electron/core/audit/vocabulary';
import type { AnyChannelSpec } from '../../../electron/core/contract';
import { SettableClock } from '../../../electron/core/clock';
import { Core } from '../../../electron/core/core';
import { buildDemoLedger } from '../../../electron/core/demo/build-demo';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openTestLedger, TEST_KDF, type TestLedger, rotating } from '../../helpers/ledger';

/** Latin letters in a sentence mean a code leaked through (a channel, a field, JSON). */
const LATIN = /[A-Za-z]/;

describe('操作日志 as sentences', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  it('has words for every channel that writes', () => {
    const writers = Object.entries(api)
      .filter(([, spec]) => spec.kind === 'write' || spec.kind === 'task')
      .map(([name]) => name);
    expect(writers.length).toBeGreaterThan(50);
    expect(writers.filter((c) => !c.endsWith('.save') && !ACTIONS[c])).toEqual([]);
    // Reads that leave a trace (a search by digits) need their words too.
    const auditedReads = Object.entries(api)
      .filter(([, spec]) => (spec as AnyChannelSpec).auditRead !== undefined)
      .map(([name]) => name);
    expect(auditedReads).toEqual(expect.arrayContaining(['residents.list', 'cases.list']));
    expect(auditedReads.filter((c) => !ACTIONS[c])).toEqual([]);
    for (const words of Object.values(ACTIONS)) expect(words).not.toMatch(LATIN);
  });

  it('says who did what to which record, and names the changed fields', async () => {
    t = await openTestLedger();
    const community = await t.call('org.communities.save', { name: '幸福社区', households: 10 });
    await t.call('org.communities.save', { id: community.id, name: '幸福社区', households: 12, population: 30 });
    await t.call('users.create', { username: 'clerk', displayName: '刘晓燕', role: 'clerk', password: 'password-1234' });
    const clerk = (await t.call('users.list', {})).find((u) => u.username === 'clerk')!;
    await t.call('users.disable', { id: clerk.id, ...rotating() });
    await t.call('settings.update', { idleLockMinutes: 30 });
    const household = await t.call('households.save', { communityId: community.id, addressText: '幸福路1号' });
    const resident = await t.call('residents.save', {
      householdId: household.id,
      name: '李秀英',
      idNumber: makeIdNumber('410102', '1985-03-12', 123),
      phone: '13912345678',
    });
    await t.call('residents.reveal', { residentId: resident.id, field: 'idNumber' });

    const { rows } = await t.call('audit.list', { offset: 0, limit: 50 });
    const sentences = rows.map((r) => r.summary);
    expect(sentences).toContain('王建国 新增了社区「幸福社区」');
    expect(sentences).toContain('王建国 修改了社区「幸福社区」（改动：户数、人口数）');
    expect(sentences).toContain('王建国 添加了用户「刘晓燕」');
    expect(sentences).toContain('王建国 停用了用户「刘晓燕」（改动：停用）');
    expect(sentences).toContain('王建国 修改了设置（改动：自动锁定）');
    expect(sentences).toContain('王建国 查看了居民「李秀英」的身份证号原号');
    expect(sentences.at(-1)).toBe('王建国 建立了台账「东风街道办事处」');
    expect(rows.every((r) => r.who === '王建国')).toBe(true);
    for (const s of sentences) expect(s, s).not.toMatch(LATIN);
  });

  it('says what a key holder’s unlock found about the anchor, in the check’s words', () => {
    const message = '操作日志的锚点不见了：台账曾经有锚点，日志可能被删短。';
    const entry = { who: '王建国', channel: 'auth.unlock', entity: 'audit_log', entityId: '1', before: null };
    expect(describeAudit({ ...entry, after: JSON.stringify({ auditAnchor: 'missing', message }) })).toBe(`王建国 解锁时核对操作日志的锚点，发现：${message}`);
  });

  it('says what an unvouched rotation is known to be: records that do not lead back, with both causes', () => {
    const entry = { who: '王建国', channel: 'auth.unlock', entity: 'ledger', entityId: '1', before: null };
    const words = describeAudit({ ...entry, after: JSON.stringify({ coordinatorRotationRefused: true }) });
    expect(words).toContain('更换记录连不回此人上次持有的统筹负责人密钥');
    expect(words).toContain('记录在本程序之外被删改过');
  });

  it('describes a whole demo ledger without a Latin letter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-describe-'));
    const clock = new SettableClock();
    clock.set('2020-02-17T02:00:00.000Z');
    const core = new Core({ dataDir: dir, clock, kdf: TEST_KDF });
    try {
      await buildDemoLedger(core, { residents: 300 });
      const unlocked = await core.call('s', 'auth.unlock', { username: 'admin', password: 'taizhang2020' });
      expect(unlocked.ok).toBe(true);
      const r = await core.call('s', 'audit.list', { offset: 0, limit: 500 });
      if (r.ok !== true) throw new Error('audit.list failed');
      const rows = (r.value as { rows: Array<{ summary: string }> }).rows;
      expect(rows.map((x) => x.summary)).toContain('王建国 生成了演示数据（人员台账）');
      for (const { summary } of rows) expect(summary, summary).not.toMatch(LATIN);
    } finally {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
