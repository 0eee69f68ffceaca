/**
 * The twenty-second attack run (session 36) on the import wizard's 「添加社区「…」并采用」 (renderer/src/features/import/
 * UnknownCommunity.tsx): the button calls `org.communities.save` with the word the file's title names. Through the
 * core's own entry as a compromised renderer would (the button's `useRoleAtLeast('coordinator')` is only the page's):
 * a clerk or viewer adding one, and names that mislead (spaces, invisible characters, look-alikes of a community the
 * office has, 200 characters). The word itself comes from suggest.ts `communityWordsIn`: 2–8 CJK unified ideographs
 * before 社区/村…, from the cleaned title, so a file cannot offer more than that.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { namedCommunities, type OrgNames } from '../../../electron/core/io/import/suggest';
import { squash } from '../../../electron/core/io/import/normalise';

let t: TestLedger;
afterEach(() => t?.close());

describe('adding a community from the import wizard', () => {
  it('held: a clerk or a viewer cannot add one through the channel the button calls', async () => {
    t = await openTestLedger();
    for (const role of ['clerk', 'viewer'] as const) {
      const who = await t.sessionAs(role);
      const r = await t.raw('org.communities.save', { name: '青松里社区', kind: '社区' }, who);
      expect([role, r]).toMatchObject([role, { ok: false, error: { code: 'FORBIDDEN' } }]);
    }
    expect(await t.call('org.communities.list', {})).toEqual([]);
  });

  it('held: spaces, invisible characters and look-alikes of the office’s own community are folded and refused as a second one', async () => {
    t = await openTestLedger();
    await t.call('org.communities.save', { name: '山水社区' });
    // U+2F2D KANGXI RADICAL MOUNTAIN looks like 山; U+200B between; spaces around.
    for (const name of [' 山水社区 ', '山\u200b水社区', '\u2f2d水社区'])
      expect([name, await t.raw('org.communities.save', { name })]).toMatchObject([name, { ok: false, error: { code: 'CONFLICT' } }]);
    expect((await t.call('org.communities.list', {})).map((c) => c.name)).toEqual(['山水社区']);
  });

  it('held: a name of 200 characters is refused naming the field', async () => {
    t = await openTestLedger();
    const r = await t.raw('org.communities.save', { name: `${'青'.repeat(198)}社区` });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('名称') } });
  });

  it('held: a title’s look-alike or padded community word is not offered as a new community beside the office’s own', () => {
    const org: OrgNames = { communities: [{ id: 1, name: '山水社区' }], grids: [] };
    for (const title of ['\u2f2d水社区返程人员登记表', '山\u200b水社区返程人员登记表', '山 水 社 区返程人员登记表']) {
      const found = namedCommunities(squash(title), org);
      expect([title, found.unknown]).toEqual([title, []]);
    }
  });
});
