/**
 * Walks every channel in the contract as a coordinator and sends input of
 * the wrong shape: each answers BAD_INPUT in Chinese and nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type Channel } from '../../../electron/core/api';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

const HOSTILE: Array<[string, unknown]> = [
  ['an unknown key', { __unknown_key__: 1 }],
  ['a huge string instead of an object', 'x'.repeat(1_000_000)],
  ['an array', [1, 2, 3]],
  ['a number', 42],
  ['null', null],
  ['a prototype-pollution key', JSON.parse('{"__proto__": {"polluted": true}}')],
];

describe('every channel refuses hostile input and changes nothing', () => {
  let t: TestLedger;
  let auditRows = 0;
  beforeAll(async () => {
    t = await openTestLedger();
    auditRows = (await t.call('audit.verify', {})).rows;
  });
  afterAll(() => t.close());

  const channels = Object.keys(api) as Channel[];

  it.each(channels)('%s', async (channel) => {
    for (const [what, input] of HOSTILE) {
      const r = await t.raw(channel, input);
      expect(r.ok, `${channel} with ${what}`).toBe(false);
      if (r.ok === false) {
        expect(r.error.code, `${channel} with ${what}: ${r.error.message}`).toBe('BAD_INPUT');
        expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('left the ledger as it was', async () => {
    expect((await t.call('audit.verify', {})).rows).toBe(auditRows);
    expect(t.core.services.ledger.isOpen()).toBe(true);
  });
});
