import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

describe('audit log', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  it('records who, when, channel, entity, before and after for every write', async () => {
    t = await openTestLedger();
    const clerkless = await t.call('org.communities.save', { name: '幸福社区', households: 10 });
    await t.call('org.communities.save', { id: clerkless.id, name: '幸福社区', households: 12 });
    const log = await t.call('audit.list', { filter: { entity: 'community' }, offset: 0, limit: 10 });
    expect(log.total).toBe(2);
    const [update, create] = log.rows;
    expect(create).toMatchObject({ username: 'admin', channel: 'org.communities.save', entity: 'community', entityId: String(clerkless.id), before: null });
    expect(JSON.parse(update!.before!)).toMatchObject({ households: 10 });
    expect(JSON.parse(update!.after!)).toMatchObject({ households: 12 });
    expect(update!.at).toBe('2020-02-17T01:00:00.000Z');
  });

  it('writes the change and its audit row together or not at all', async () => {
    t = await openTestLedger();
    const before = (await t.call('audit.verify', {})).rows;
    await t.fail('org.grids.save', { communityId: 999, name: '第一网格' });
    expect((await t.call('audit.verify', {})).rows).toBe(before);
    expect(await t.call('org.grids.list', {})).toEqual([]);
  });

  it('refuses updates and deletes of audit rows through SQL', async () => {
    t = await openTestLedger();
    const db = t.core.services.ledger.handle();
    expect(() => db.prepare(`UPDATE audit_log SET username = 'x'`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('detects a row edited behind its back, naming the first broken row', async () => {
    t = await openTestLedger();
    await t.call('org.communities.save', { name: '幸福社区' });
    await t.call('org.communities.save', { name: '和平社区' });
    await t.call('org.communities.save', { name: '建设社区' });
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true, rows: 4 });
    const db = t.core.services.ledger.handle();
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET after_json = REPLACE(after_json, '和平', '太平') WHERE channel = 'org.communities.save' AND after_json LIKE @p`).run({
      p: '%和平%',
    });
    const v = await t.call('audit.verify', {});
    expect(v.intact).toBe(false);
    expect(v.firstBrokenId).toBe(3);
  });
});
