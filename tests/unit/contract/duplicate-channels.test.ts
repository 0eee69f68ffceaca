/**
 * Two areas that define the same channel name would silently overwrite each
 * other in a spread: api.ts (and handlers.ts) merge the areas with
 * mergeAreas, which refuses it when the module loads. Here the org area's
 * contract is made to define auth's 'users.list' again, and loading the
 * contract fails, naming the channel and both areas.
 */
import { describe, expect, it, vi } from 'vitest';
import { mergeAreas } from '../../../electron/core/contract';

vi.mock('../../../electron/core/org/contract', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../electron/core/org/contract')>();
  const { authContract } = await import('../../../electron/core/auth/contract');
  return { ...original, orgContract: { ...original.orgContract, 'users.list': authContract['users.list'] } };
});

describe('a channel name defined twice', () => {
  it('stops api.ts from loading, naming the channel and both areas', async () => {
    await expect(import('../../../electron/core/api')).rejects.toThrow('channel users.list is defined twice, by auth and by org');
  });

  it('is refused by mergeAreas whatever the maps hold', () => {
    expect(() => mergeAreas({ first: { 'a.b': 1 }, second: { 'a.c': 2, 'a.b': 3 } })).toThrow('channel a.b is defined twice, by first and by second');
    expect(mergeAreas({ first: { 'a.b': 1 }, second: { 'a.c': 2 } })).toEqual({ 'a.b': 1, 'a.c': 2 });
  });
});
